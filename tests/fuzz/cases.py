"""The fuzzed readers: for each, how to make a hostile case from a seeded ``random.Random``, and how to read one.

A reader passes a case when reading it either returns a valid result (a graph
that passes ``lint()`` and whose JSON has no NaN or infinity, or overlay JSON
likewise) or raises the reader's typed error. The suite
(``tests/fuzz/test_*.py``) and the long run (``bench/fuzz_readers.py``) share
these definitions.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import random
import zlib
from collections.abc import Callable

from tb_plugin import ir, metadata, serialize
from tb_plugin.capture import CaptureError
from tb_plugin.proto import graphfold_pb2 as pb
from tests.fuzz import seeds
from tests.fuzz.mutations import mutate_bytes, mutate_message, strings_in, zlib_bomb

__all__ = ["READERS", "Reader"]


@dataclasses.dataclass(frozen=True)
class Reader:
    name: str
    make_case: Callable[[random.Random], object]
    read: Callable[[object], object]
    typed: tuple[type[BaseException], ...]


# -- GraphFold's graph blobs ----------------------------------------------------------
@functools.cache
def _graph_protos() -> list[pb.ModelGraph]:
    return [pb.ModelGraph.FromString(zlib.decompress(body)) for _, body in seeds.graph_blob_seeds()]


def _blob_pair(proto: pb.ModelGraph, rng: random.Random) -> tuple[bytes, bytes]:
    """A step for ``proto``, its header honest (so the graph is reached) or not."""
    raw = proto.SerializeToString()
    stored = zlib.compress(raw) if rng.random() < 0.85 else raw
    header = pb.GraphHeader(schema_version=metadata.SCHEMA_VERSION, name=proto.name, node_count=len(proto.nodes),
                            compression=pb.COMPRESSION_ZLIB if stored is not raw else pb.COMPRESSION_NONE,
                            graph_bytes=len(stored), graph_bytes_uncompressed=len(raw))
    return header.SerializeToString(), stored


def graph_blob_case(rng: random.Random) -> tuple[bytes, bytes]:
    roll = rng.random()
    proto = pb.ModelGraph()
    proto.CopyFrom(rng.choice(_graph_protos()))
    if roll < 0.5:
        mutate_message(proto, rng, rng.randint(1, 4))
        return _blob_pair(proto, rng)
    header, body = _blob_pair(proto, rng)
    if roll < 0.65:
        message = pb.GraphHeader.FromString(header)
        mutate_message(message, rng, rng.randint(1, 3))
        return message.SerializeToString(), body
    if roll < 0.9:
        mutated = mutate_bytes(body if rng.random() < 0.5 else proto.SerializeToString(), rng, strings_in(proto))
        if rng.random() < 0.5:
            mutated = zlib.compress(mutated)
        message = pb.GraphHeader.FromString(header)
        message.graph_bytes = len(mutated)
        return message.SerializeToString(), mutated
    return _graph_blob_template(rng)


def _graph_blob_template(rng: random.Random) -> tuple[bytes, bytes]:
    """The issue's worst cases: a zlib bomb, deep paths, huge output indices, many modules."""
    kind = rng.randrange(4)
    proto = pb.ModelGraph(schema_version=metadata.SCHEMA_VERSION, name="hostile")
    if kind == 0:
        bomb = zlib_bomb(rng.choice([1, 8, 1_200]))
        stated = rng.choice([0, 100, 10**6])
        header = pb.GraphHeader(schema_version=metadata.SCHEMA_VERSION, compression=pb.COMPRESSION_ZLIB,
                                graph_bytes=len(bomb), graph_bytes_uncompressed=stated)
        return header.SerializeToString(), bomb
    if kind == 1:
        proto.modules.add(path=".".join(["m"] * rng.choice([100, 129, 1000, 100_000])))
    elif kind == 2:
        proto.nodes.add(name="x").outputs.add()
        proto.nodes.add(name="y").inputs.add(node="x", output=rng.choice([1, 4095, 4096, 2**31, 2**32 - 1]))
    else:
        for i in range(rng.choice([10, 3_000])):
            proto.modules.add(path=f"m{i}." * rng.randint(1, 20) + "leaf")
    return _blob_pair(proto, rng)


def read_graph_blob(case: tuple[bytes, bytes]) -> ir.Graph:
    header, body = case
    return _valid(serialize.decode_graph(serialize.decode_header(header), body))


def _valid(graph: ir.Graph) -> ir.Graph:
    """``graph`` if it passes lint and its JSON is strict JSON; raise AssertionError (untyped: a finding) if not."""
    graph.lint()
    json.dumps(serialize.graph_to_json(graph), allow_nan=False)
    return graph


# -- GraphDefs -------------------------------------------------------------------------
def _mutated_seed(message_type, seeds_: list[bytes], template: Callable[[random.Random], bytes],
                  rng: random.Random) -> bytes:
    """A seed mutated as a message (55%) or as bytes (30%), else a hand-made worst case."""
    seed = rng.choice(seeds_)
    roll = rng.random()
    if roll < 0.55:
        message = message_type.FromString(seed)
        mutate_message(message, rng, rng.randint(1, 4))
        return message.SerializeToString()
    if roll < 0.85:
        return mutate_bytes(seed, rng, strings_in(message_type.FromString(seed)))
    return template(rng)


def graphdef_case(rng: random.Random) -> bytes:
    from tensorboard.compat.proto import graph_pb2

    return _mutated_seed(graph_pb2.GraphDef, seeds.graphdef_seeds(), _graphdef_template, rng)


def _graphdef_template(rng: random.Random) -> bytes:
    from tensorboard.compat.proto import graph_pb2

    gd = graph_pb2.GraphDef()
    kind = rng.randrange(5)
    if kind == 0:  # 59 bytes in the issue: a declared output, read at index 10**12
        gd.node.add(name="x", op="Placeholder").attr["_output_shapes"].list.shape.add()
        gd.node.add(name="y", op="Relu", input=["x:1000000000000"])
    elif kind == 1:
        for _ in range(rng.choice([100, 2_000])):
            gd.node.add(name="a", op=rng.choice(["Relu", "aten::relu"]), input=["a"])
    elif kind == 2:
        depth = rng.choice([50, 129, 1_000])
        gd.node.add(name="/".join(f"M[m{i}]" for i in range(depth)) + "/op", op=rng.choice(["Relu", "aten::relu"]))
    elif kind == 3:  # many containers: every op scope is ambiguous
        for i in range(rng.choice([20, 300])):
            gd.node.add(name=f"Net/ModuleList[l{i}]/Block[0]/w/w.1", op="prim::GetAttr")
            gd.node.add(name=f"Net/Block[0]/op{i}", op="aten::relu", input=[f"Net/ModuleList[l{i}]/Block[0]/w/w.1"])
    else:
        var = gd.node.add(name="w", op="VariableV2")
        for _ in range(rng.choice([2, 65])):
            var.attr["shape"].shape.dim.add(size=rng.choice([-1, 0, 2**31, 2**62]))
    return gd.SerializeToString()


def read_graphdef(case: bytes) -> ir.Graph:
    from tb_plugin.capture.graphdef import capture_graphdef

    return _valid(capture_graphdef(case, name="fuzz"))


# -- ONNX models ---------------------------------------------------------------------------
def onnx_case(rng: random.Random) -> bytes:
    import onnx

    return _mutated_seed(onnx.ModelProto, seeds.onnx_seeds(), _onnx_template, rng)


def _onnx_template(rng: random.Random) -> bytes:
    """Deeply nested subgraphs, recursive and exponentially repeated functions, aliases in a cycle, bad tensors."""
    import onnx
    from onnx import TensorProto, helper

    kind = rng.randrange(5)
    out = helper.make_tensor_value_info("out", TensorProto.FLOAT, None)
    inp = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])
    functions, nodes, initializers = [], [], []
    if kind == 0:  # If inside If inside If..., built in place: helper.make_graph copies, and copies are depth-limited
        root = helper.make_graph([], "root", [inp], [out])
        graph = root
        for _ in range(rng.choice([10, 60, 300])):
            node = graph.node.add(op_type="If", input=["x"], output=["out"])
            graph = node.attribute.add(name="then_branch", type=onnx.AttributeProto.GRAPH).g
            graph.output.add().CopyFrom(out)
        graph.node.add(op_type="Identity", input=["x"], output=["out"])
        model = helper.make_model(root, opset_imports=[helper.make_opsetid("", 18)])
        return model.SerializeToString()
    if kind == 1:  # F_k calls F_(k-1) twice: 2**k nodes once expanded
        levels = rng.choice([5, 20, 40])
        functions.append(helper.make_function("f", "F0", ["a"], ["b"], [helper.make_node("Relu", ["a"], ["b"])], []))
        for k in range(1, levels):
            calls = [helper.make_node(f"F{k - 1}", ["a"], ["m"], domain="f"),
                     helper.make_node(f"F{k - 1}", ["m"], ["b"], domain="f")]
            functions.append(helper.make_function("f", f"F{k}", ["a"], ["b"], calls, []))
        nodes = [helper.make_node(f"F{levels - 1}", ["x"], ["out"], domain="f")]
    elif kind == 2:  # a call whose output is the value it reads, through an identity function
        functions.append(helper.make_function("f", "Same", ["a"], ["a"], [], []))
        nodes = [helper.make_node("Same", ["out"], ["out"], domain="f") for _ in range(rng.choice([1, 500]))]
    elif kind == 3:
        tensor = helper.make_tensor("w", TensorProto.FLOAT, [1], [1.0])
        tensor.data_type = rng.choice([TensorProto.FLOAT, 99, 0, 40])
        del tensor.dims[:]
        tensor.dims.extend(rng.choice([[-5, 3], [2**62, 2**62], [0], [-1] * 65]))
        initializers.append(tensor)
        nodes = [helper.make_node("Add", ["x", "w"], ["out"], name="/a/b/Add")]
    else:
        node = helper.make_node("Relu", ["x"], ["out"], name="/" + "/".join(["s.t"] * rng.choice([10, 2_000])) + "/op")
        node.metadata_props.add(key="pkg.torch.onnx.name_scopes", value=rng.choice(
            ["[" * 300 + "]" * 300, "['', " + "'a', " * 5000 + "'op']", "9" * 5000, "['', b'a', 'op']"]))
        nodes = [node]
    graph = helper.make_graph(nodes, "hostile", [inp], [out], initializer=initializers)
    model = helper.make_model(graph, functions=functions,
                              opset_imports=[helper.make_opsetid("", 18), helper.make_opsetid("f", 1)])
    return model.SerializeToString()


def read_onnx(case: bytes) -> ir.Graph:
    from tb_plugin.capture.onnx_model import capture_onnx

    graph = _valid(capture_onnx(case))
    header, body = serialize.encode_graph(graph)  # what log_onnx then writes must read back
    serialize.decode_graph(serialize.decode_header(header), body)
    return graph


# -- overlay blobs (filter statistics, weight graph) ----------------------------------------
def _overlay_case(kind: int, seed, rng: random.Random) -> tuple[int, bytes, bytes | None]:
    """``(kind, blob 0, blob 1 or None)`` of a mutated overlay step."""
    from tb_plugin import overlay_wire

    message = type(seed)()
    message.CopyFrom(seed)
    roll = rng.random()
    if roll < 0.55:
        mutate_message(message, rng, rng.randint(1, 4))
        blob, header = overlay_wire.encode_overlay(kind, message)
        return kind, blob, header if rng.random() < 0.8 else None
    blob, header = overlay_wire.encode_overlay(kind, message)
    if roll < 0.65:
        parsed = pb.OverlayHeader.FromString(header)
        mutate_message(parsed, rng, rng.randint(1, 3))
        return kind, blob, parsed.SerializeToString()
    if roll < 0.9:
        raw = mutate_bytes(message.SerializeToString(), rng, strings_in(message))
        return kind, zlib.compress(raw) if rng.random() < 0.8 else raw, None
    return kind, _overlay_template(message, rng), None


def _overlay_template(message, rng: random.Random) -> bytes:
    """A zlib bomb, a million empty layers, or thousands of classes times thousands of layers."""
    kind = rng.randrange(3)
    if kind == 0:
        return zlib_bomb(rng.choice([1, 8, 1_200]))
    del message.layers[:]
    if kind == 1:
        return zlib.compress(b"\x2a\x00" * rng.choice([1_000, 300_000]), 9)  # empty messages in field 5 or 8
    for _ in range(rng.choice([10, 2_000])):
        message.layers.add()
    if isinstance(message, pb.FilterStats):
        message.class_names.extend(["c"] * rng.choice([10, 5_000]))
    return zlib.compress(message.SerializeToString(), 9)


def filter_stats_case(rng: random.Random) -> tuple[int, bytes, bytes | None]:
    return _overlay_case(metadata.FILTER_STATS, seeds.filter_stats_seed(), rng)


def weight_graph_case(rng: random.Random) -> tuple[int, bytes, bytes | None]:
    return _overlay_case(metadata.WEIGHT_GRAPH, seeds.weight_graph_seed(), rng)


def read_overlay(case: tuple[int, bytes, bytes | None]) -> dict:
    """Decode a step as ``GET filter_stats`` / ``GET weight_graph`` do, down to strict JSON."""
    from tb_plugin import overlay_wire

    kind, blob, header_blob = case
    header = overlay_wire.decode_overlay_header(header_blob) if header_blob is not None else None
    message = overlay_wire.decode_overlay(kind, blob, header)
    to_json = overlay_wire.filter_stats_to_json if kind == metadata.FILTER_STATS else overlay_wire.weight_graph_to_json
    out = to_json(message)
    json.dumps(out, allow_nan=False)
    if header is not None:
        json.dumps(overlay_wire.overlay_summary_json(kind, header), allow_nan=False)
    return out


READERS = {
    reader.name: reader
    for reader in (
        Reader("graph_blob", graph_blob_case, read_graph_blob, (serialize.BlobError,)),
        Reader("graphdef", graphdef_case, read_graphdef, (CaptureError,)),
        Reader("onnx", onnx_case, read_onnx, (CaptureError,)),
        Reader("filter_stats", filter_stats_case, read_overlay, (serialize.BlobError,)),
        Reader("weight_graph", weight_graph_case, read_overlay, (serialize.BlobError,)),
    )
}
