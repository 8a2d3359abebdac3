"""Tests of tb_plugin.serialize: IR <-> proto round trips, JSON form, and bad blobs."""

import json
import re
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tb_plugin import ir, limits, metadata, serialize
from tb_plugin.proto import graphfold_pb2 as pb
from tests.fuzz.budget import run_case
from tests.fuzz.mutations import zlib_bomb


def _roundtrip(graph: ir.Graph) -> ir.Graph:
    header, body = serialize.encode_graph(graph)
    return serialize.decode_graph(serialize.decode_header(header), body)


class TestRoundTrip:
    def test_tiny(self, tiny_graph):
        assert _roundtrip(tiny_graph).dump() == tiny_graph.dump()

    def test_empty(self):
        g = ir.Graph(name="empty")
        assert _roundtrip(g).dump() == g.dump()

    def test_header_counts(self, tiny_graph):
        header = serialize.decode_header(serialize.encode_graph(tiny_graph)[0])
        assert (header.node_count, header.edge_count, header.module_count, header.parameter_count) == (5, 4, 2, 12)
        assert header.compression == pb.COMPRESSION_ZLIB

    def test_unicode_and_html_names(self):
        g = ir.Graph(name="<b>ü</b>")
        g.add_module("<img src=x onerror=alert(1)>", "Klasse<ä>")
        g.add_node(ir.Node("名前<script>", "op", module="<img src=x onerror=alert(1)>"))
        assert _roundtrip(g).dump() == g.dump()

    def test_equal_outputs_are_shared(self):
        """A layer's ops repeat in every layer: equal output types come back as one object."""
        g = ir.Graph(name="g")
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT, outputs=(ir.TensorType((1, 4), "float32"),)))
        for name in ("a", "b", "c"):
            dims = (1, 8) if name == "c" else (1, 4)
            g.add_node(ir.Node(name, "Relu", inputs=(ir.InputRef("x"),), outputs=(ir.TensorType(dims, "float32"),)))
        back = _roundtrip(g)
        assert back.dump() == g.dump()
        assert back.nodes["a"].outputs is back.nodes["b"].outputs is back.nodes["x"].outputs
        assert back.nodes["c"].outputs is not back.nodes["a"].outputs

    @settings(max_examples=60, deadline=None)
    @given(data=st.data())
    def test_random_graphs(self, data):
        names = data.draw(st.lists(st.text(min_size=1, max_size=8), min_size=0, max_size=12, unique=True))
        segments = st.text(alphabet="abcxyz0123<>&", min_size=1, max_size=4)
        dims = st.one_of(st.integers(0, 2**40), st.text(min_size=1, max_size=3))
        tensor = st.builds(
            ir.TensorType,
            st.one_of(st.none(), st.lists(dims, max_size=4).map(tuple)),
            st.sampled_from(["float32", "int64", ""]),
        )
        attrs = st.dictionaries(
            st.text(max_size=5),
            st.one_of(
                st.text(max_size=5), st.integers(-(2**63), 2**63 - 1), st.booleans(),
                st.floats(allow_nan=False), st.lists(st.integers(-5, 5), max_size=3).map(tuple),
                st.lists(st.text(max_size=3), min_size=1, max_size=3).map(tuple),
            ),
            max_size=3,
        )
        g = ir.Graph(name=data.draw(st.text(max_size=5)), source_format=ir.SourceFormat.GRAPHDEF)
        for name in names:
            module = ".".join(data.draw(st.lists(segments, max_size=3)))
            kind = data.draw(st.sampled_from(list(ir.NodeKind)))
            takes_inputs = kind in (ir.NodeKind.OP, ir.NodeKind.OUTPUT)
            inputs = tuple(
                ir.InputRef(data.draw(st.sampled_from(names)), data.draw(st.integers(0, 3)))
                for _ in range(data.draw(st.integers(0, 3) if takes_inputs else st.just(0)))
            )
            g.add_node(
                ir.Node(
                    name, data.draw(st.text(max_size=6)), kind, module, inputs,
                    tuple(data.draw(st.lists(tensor, max_size=2))), data.draw(attrs),
                    data.draw(st.integers(0, 2**40)),
                )
            )
        json.dumps(serialize.graph_to_json(g))
        try:
            g.lint()
        except ir.GraphLintError as e:  # a log holding an invalid graph is refused, naming why
            with pytest.raises(serialize.BlobError, match=re.escape(str(e))):
                _roundtrip(g)
            return
        assert _roundtrip(g).dump() == g.dump()


class TestBadBlobs:
    def test_garbage_header(self):
        with pytest.raises(serialize.BlobError, match="not a GraphHeader"):
            serialize.decode_header(b"\xff\xff\xff garbage")

    def test_truncated_graph(self, tiny_graph):
        header, body = serialize.encode_graph(tiny_graph)
        with pytest.raises(serialize.BlobError, match="truncated"):
            serialize.decode_graph(serialize.decode_header(header), body[: len(body) // 2])

    def test_corrupt_compressed_graph(self, tiny_graph):
        header, body = serialize.encode_graph(tiny_graph)
        with pytest.raises(serialize.BlobError, match="not valid zlib data"):
            serialize.decode_graph(serialize.decode_header(header), b"x" * len(body))

    def test_not_a_model_graph(self, tiny_graph):
        garbage = zlib.compress(b"\x0a\xff\xff\xff\xff\xff")
        header = pb.GraphHeader(schema_version=1, compression=pb.COMPRESSION_ZLIB, graph_bytes=len(garbage))
        with pytest.raises(serialize.BlobError, match="not a ModelGraph"):
            serialize.decode_graph(header, garbage)

    def test_future_schema_in_header(self):
        blob = pb.GraphHeader(schema_version=metadata.SCHEMA_VERSION + 1).SerializeToString()
        with pytest.raises(serialize.BlobError, match="newer than the 1 this GraphFold reads"):
            serialize.decode_header(blob)

    def test_future_schema_in_graph(self, tiny_graph):
        proto = serialize.graph_to_proto(tiny_graph)
        proto.schema_version = 99
        with pytest.raises(serialize.BlobError, match="schema version 99"):
            serialize.graph_from_proto(proto)

    def test_edge_to_missing_node_in_proto(self, tiny_graph):
        proto = serialize.graph_to_proto(tiny_graph)
        proto.nodes[2].inputs[0].node = "ghost"
        with pytest.raises(serialize.BlobError, match="malformed: node 'linear' reads 'ghost'"):
            serialize.graph_from_proto(proto)

    def test_duplicate_nodes_in_proto(self, tiny_graph):
        proto = serialize.graph_to_proto(tiny_graph)
        proto.nodes.append(proto.nodes[0])
        with pytest.raises(serialize.BlobError, match="duplicate node name 'x'"):
            serialize.graph_from_proto(proto)


def _zlib_step(raw: bytes, stated: int | None = None) -> tuple[pb.GraphHeader, bytes]:
    stored = zlib.compress(raw, 9)
    header = pb.GraphHeader(schema_version=metadata.SCHEMA_VERSION, compression=pb.COMPRESSION_ZLIB,
                            graph_bytes=len(stored), graph_bytes_uncompressed=len(raw) if stated is None else stated)
    return header, stored


class TestLimits:

    @pytest.mark.parametrize("stated", [0, 10**6])
    def test_the_issues_bomb_costs_at_most_the_cap(self, stated):
        bomb = zlib_bomb(1200)  # 1.2 MB inflating to 1.2 GB
        header = pb.GraphHeader(schema_version=metadata.SCHEMA_VERSION, compression=pb.COMPRESSION_ZLIB,
                                graph_bytes=len(bomb), graph_bytes_uncompressed=stated)
        outcome = run_case(lambda: serialize.decode_graph(header, bomb), (serialize.BlobError,))
        cap = stated or limits.MAX_BLOB_BYTES
        assert outcome.kind == "typed" and f"inflates to more than {cap} bytes" in str(outcome.error)
        assert outcome.peak_bytes < 3 * limits.MAX_BLOB_BYTES

    def test_the_issues_bomb_with_an_honest_header_is_not_inflated(self):
        header = pb.GraphHeader(schema_version=metadata.SCHEMA_VERSION, compression=pb.COMPRESSION_ZLIB,
                                graph_bytes_uncompressed=1200 << 20)
        with pytest.raises(serialize.BlobError, match="uncompressed bytes .* exceed the limit"):
            serialize.decode_header(header.SerializeToString())

    def test_header_stating_too_much_refused_before_inflating(self):
        header = pb.GraphHeader(schema_version=metadata.SCHEMA_VERSION, graph_bytes_uncompressed=10**12)
        with pytest.raises(serialize.BlobError, match="uncompressed bytes in graph '' .*exceed the limit"):
            serialize.decode_header(header.SerializeToString())

    def test_header_stating_too_many_nodes(self):
        header = pb.GraphHeader(schema_version=metadata.SCHEMA_VERSION, name="big", node_count=limits.MAX_NODES + 1)
        with pytest.raises(serialize.BlobError, match="nodes in graph 'big'"):
            serialize.decode_header(header.SerializeToString())

    def test_oversized_header_blob(self):
        with pytest.raises(serialize.BlobError, match="bytes of graph header blob"):
            serialize.decode_header(b"\0" * (limits.MAX_HEADER_BYTES + 1))

    def test_stated_size_must_match(self, tiny_graph):
        raw = serialize.graph_to_proto(tiny_graph).SerializeToString()
        header, stored = _zlib_step(raw, stated=len(raw) + 1)
        with pytest.raises(serialize.BlobError, match="header says"):
            serialize.decode_graph(header, stored)

    def test_node_count_checked_on_the_proto(self, monkeypatch):
        monkeypatch.setattr(limits, "MAX_NODES", 2)
        proto = pb.ModelGraph(schema_version=metadata.SCHEMA_VERSION, name="g")
        for i in range(3):
            proto.nodes.add(name=f"n{i}")
        with pytest.raises(serialize.BlobError, match="3 nodes in graph 'g' exceed the limit of 2"):
            serialize.graph_from_proto(proto)

    def test_deep_module_path(self):
        proto = pb.ModelGraph(schema_version=metadata.SCHEMA_VERSION)
        proto.modules.add(path=".".join(["m"] * 1000))
        with pytest.raises(serialize.BlobError, match="MAX_PATH_LENGTH"):
            serialize.graph_from_proto(proto)

    def test_huge_output_index(self):
        proto = pb.ModelGraph(schema_version=metadata.SCHEMA_VERSION)
        proto.nodes.add(name="x")
        proto.nodes.add(name="y").inputs.add(node="x", output=2**31)
        with pytest.raises(serialize.BlobError, match="MAX_OUTPUTS"):
            serialize.graph_from_proto(proto)


class TestJson:
    def test_shape(self, tiny_graph):
        out = serialize.graph_to_json(tiny_graph)
        assert out["source_format"] == "torch_export"
        linear = next(n for n in out["nodes"] if n["name"] == "linear")
        assert linear["inputs"] == [["x", 0], ["fc.weight", 0]]
        assert linear["outputs"] == [{"shape": [2, 3], "dtype": "float32"}]
        assert out["modules"][1] == {"path": "fc", "class_name": "torch.nn.modules.linear.Linear"}

    def test_non_finite_attrs_are_valid_json(self):
        g = ir.Graph()
        g.add_node(ir.Node("n", "op", attrs={"a": float("nan"), "b": float("inf")}))
        text = json.dumps(serialize.graph_to_json(g), allow_nan=False)
        assert '"a": "nan"' in text and '"b": "inf"' in text

    def test_non_finite_list_attrs_are_valid_json(self):
        g = ir.Graph()
        g.add_node(ir.Node("n", "op", attrs={"a": (1.5, float("nan"), float("-inf"))}))
        text = json.dumps(serialize.graph_to_json(g), allow_nan=False)
        assert '"a": [1.5, "nan", "-inf"]' in text
