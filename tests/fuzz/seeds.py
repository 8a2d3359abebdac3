"""Small valid inputs for each reader, which the fuzz mutators start from.

Built by hand (no torch, no export), so that the fuzz suite starts in a
second. Each seed exercises a different path of its reader: the ONNX seeds
carry dynamo-exporter metadata, TorchScript-style names, nested local
functions, sparse initializers and a control-flow subgraph; the GraphDef seeds
are a TensorFlow graph and a ``SummaryWriter.add_graph`` one.
"""

from __future__ import annotations

from tensorboard.compat.proto import graph_pb2, types_pb2

from tb_plugin import ir, metadata, serialize
from tb_plugin.proto import graphfold_pb2 as pb

__all__ = ["filter_stats_seed", "graph_blob_seeds", "graphdef_seeds", "onnx_seeds", "weight_graph_seed"]


def graph_blob_seeds() -> list[tuple[bytes, bytes]]:
    """``(header, graph)`` blob pairs of small graphs, as :func:`serialize.encode_graph` writes them."""
    return [serialize.encode_graph(g) for g in (_ir_graph(), ir.Graph("empty"))]


def _ir_graph() -> ir.Graph:
    g = ir.Graph("seed", ir.SourceFormat.TORCH_EXPORT, "hand", "Net")
    g.add_module("block.fc", "torch.nn.Linear")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT, outputs=(ir.TensorType((2, "s0"), "float32"),)))
    g.add_node(ir.Node("block.fc.weight", "parameter", ir.NodeKind.PARAMETER, "block.fc",
                       outputs=(ir.TensorType((3, 4), "float32"),), parameter_count=12))
    g.add_node(ir.Node("linear", "aten.linear.default", ir.NodeKind.OP, "block.fc",
                       (ir.InputRef("x"), ir.InputRef("block.fc.weight")), (ir.TensorType(None, "float32"),),
                       {"alpha": 0.5, "dims": (1, 2), "mode": "same", "scales": (1.0, float("nan")), "flag": True}))
    g.add_node(ir.Node("split", "aten.split.Tensor", inputs=(ir.InputRef("linear"),),
                       outputs=(ir.TensorType((1,), "float32"), ir.TensorType((1,), "float32"))))
    g.add_node(ir.Node("output", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("split", 1),)))
    return g


def graphdef_seeds() -> list[bytes]:
    """Serialized GraphDefs: a TensorFlow one and a torch ``add_graph`` one."""
    return [_tf_graph_def().SerializeToString(), _torch_graph_def().SerializeToString()]


def _tf_graph_def() -> graph_pb2.GraphDef:
    gd = graph_pb2.GraphDef()
    gd.versions.producer = 27
    x = gd.node.add(name="x", op="Placeholder")
    x.attr["dtype"].type = types_pb2.DT_FLOAT
    x.attr["shape"].shape.dim.add(size=-1)
    x.attr["shape"].shape.dim.add(size=4)
    w = gd.node.add(name="dense/kernel", op="VariableV2")
    w.attr["shape"].shape.dim.add(size=4)
    w.attr["shape"].shape.dim.add(size=3)
    c = gd.node.add(name="dense/c", op="Const")
    c.attr["value"].tensor.dtype = types_pb2.DT_INT32
    mm = gd.node.add(name="dense/MatMul", op="MatMul", input=["x", "dense/kernel", "^dense/c"])
    mm.attr["T"].type = types_pb2.DT_FLOAT
    mm.attr["transpose_a"].b = False
    mm.attr["_output_shapes"].list.shape.add().dim.add(size=3)
    split = gd.node.add(name="split", op="Split", input=["dense/MatMul"])
    split.attr["_output_shapes"].list.shape.add()
    split.attr["_output_shapes"].list.shape.add()
    split.attr["num_split"].i = 2
    split.attr["strides"].list.i.extend([1, 2])
    split.attr["names"].list.s.extend([b"a", b"\xff"])
    gd.node.add(name="loop/next", op="NextIteration", input=["loop/merge"])
    gd.node.add(name="loop/merge", op="Merge", input=["split:1", "loop/next"])
    gd.node.add(name="out", op="Identity", input=["loop/merge", "gone:0"])
    return gd


def _torch_graph_def() -> graph_pb2.GraphDef:
    gd = graph_pb2.GraphDef()
    gd.node.add(name="input/x", op="IO Node")
    for attr in ("weight", "bias"):
        gd.node.add(name=f"Net/ModuleList[blocks]/Block[0]/Linear[fc]/{attr}/{attr}.1", op="prim::GetAttr",
                    input=["Net/ModuleList[blocks]/Block[0]/Linear[fc]/self.1"])
    gd.node.add(name="Net/ModuleList[blocks]/Block[1]/Linear[fc]/weight/weight.3", op="prim::GetAttr")
    linear = gd.node.add(name="Net/Block[0]/Linear[fc]/input.1", op="aten::linear",
                         input=["input/x", "Net/ModuleList[blocks]/Block[0]/Linear[fc]/weight/weight.1",
                                "Net/ModuleList[blocks]/Block[0]/Linear[fc]/bias/bias.1"])
    linear.attr["attr"].s = b"{ value : 0.1}"
    gd.node.add(name="Net/Block[1]/Linear[fc]/input.2", op="aten::linear",
                input=["Net/Block[0]/Linear[fc]/input.1", "Net/ModuleList[blocks]/Block[1]/Linear[fc]/weight/weight.3"])
    gd.node.add(name="Net/ReLU[act]/5", op="aten::relu", input=["Net/Block[1]/Linear[fc]/input.2"])
    gd.node.add(name="output/output.1", op="IO Node", input=["Net/ReLU[act]/5"])
    return gd


def onnx_seeds() -> list[bytes]:
    """Serialized ONNX models, each taking a different path through the reader."""
    return [m.SerializeToString() for m in (_onnx_dynamo_style(), _onnx_functions(), _onnx_torchscript_style())]


def _onnx_dynamo_style():
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    def scoped(node, scopes, classes):
        node.metadata_props.add(key="pkg.torch.onnx.name_scopes", value=repr(scopes))
        node.metadata_props.add(key="pkg.torch.onnx.class_hierarchy", value=repr(classes))
        return node

    nodes = [
        scoped(helper.make_node("MatMul", ["x", "fc.weight"], ["h"], name="node_linear"),
               ["", "fc", "linear"], ["pkg.Net", "torch.nn.Linear", "aten.linear.default"]),
        helper.make_node("Constant", [], ["k"], name="const", value=numpy_helper.from_array(np.array([2.0], np.float32))),
        helper.make_node("Mul", ["h", "k"], ["m"], name="mul"),
        helper.make_node("Split", ["m"], ["s0", "s1"], name="split", axis=1),
        helper.make_node("If", ["cond"], ["y"], name="branch",
                         then_branch=helper.make_graph([helper.make_node("Identity", ["s0"], ["t"])], "then", [],
                                                       [helper.make_tensor_value_info("t", TensorProto.FLOAT, None)]),
                         else_branch=helper.make_graph([helper.make_node("Identity", ["s1"], ["e"])], "else", [],
                                                       [helper.make_tensor_value_info("e", TensorProto.FLOAT, None)])),
        helper.make_node("Cast", ["y"], ["out"], name="cast", to=TensorProto.FLOAT16,
                         ints=[1, 2], strings=[b"a", b"b"], floats=[0.5, float("inf")]),
    ]
    graph = helper.make_graph(
        nodes, "dynamo", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4]),
                          helper.make_tensor_value_info("cond", TensorProto.BOOL, [])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT16, ["batch", None])],
        initializer=[numpy_helper.from_array(np.ones((4, 2), np.float32), "fc.weight")],
        sparse_initializer=[helper.make_sparse_tensor(numpy_helper.from_array(np.ones(2, np.float32), "sp"),
                                                      numpy_helper.from_array(np.array([0, 3], np.int64), "sp_i"), [4])],
    )
    graph.metadata_props.add(key="pkg.torch.export.ExportedProgram.graph_signature",
                             value="p_fc_weight: PARAMETER target='fc.weight'")
    graph.value_info.append(helper.make_tensor_value_info("h", TensorProto.FLOAT, ["batch", 2]))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)], producer_name="pytorch",
                             producer_version="2.13")


def _onnx_functions():
    import onnx
    from onnx import TensorProto, helper

    act = helper.make_node("LeakyRelu", ["s"], ["y"], name="act")
    act.attribute.append(onnx.AttributeProto(name="alpha", ref_attr_name="slope", type=onnx.AttributeProto.FLOAT))
    add_act = helper.make_function("custom", "AddAct", ["x", "b"], ["y"],
                                   [helper.make_node("Add", ["x", "b"], ["s"], name="add"), act],
                                   [helper.make_opsetid("", 18)], ["slope"])
    inner = helper.make_node("AddAct", ["x", "b"], ["m"], name="inner", domain="custom")
    inner.attribute.append(onnx.AttributeProto(name="slope", ref_attr_name="s", type=onnx.AttributeProto.FLOAT))
    twice = helper.make_function(
        "custom", "Twice", ["x", "b"], ["y"],
        [inner, helper.make_node("AddAct", ["m", "b"], ["y"], name="inner", domain="custom", slope=0.2)],
        [helper.make_opsetid("", 18), helper.make_opsetid("custom", 1)], ["s"])
    graph = helper.make_graph(
        [helper.make_node("Twice", ["input", "bias"], ["out"], name="outer", domain="custom", s=0.1)], "functions",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [2, 4]),
         helper.make_tensor_value_info("bias", TensorProto.FLOAT, [4])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, [2, 4])],
    )
    return helper.make_model(graph, functions=[twice, add_act],
                             opset_imports=[helper.make_opsetid("", 18), helper.make_opsetid("custom", 1)])


def _onnx_torchscript_style():
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    nodes = [
        helper.make_node("Gemm", ["x", "head.0.weight"], ["g"], name="/head/head.0/Gemm"),
        helper.make_node("Relu", ["g"], ["r"], name="/head/head.1/Relu"),
        helper.make_node("Unsqueeze", ["r", "axes"], ["out"], name="/Unsqueeze"),
    ]
    graph = helper.make_graph(
        nodes, "torchscript", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)],
        initializer=[numpy_helper.from_array(np.ones((3, 3), np.float32), "head.0.weight"),
                     numpy_helper.from_array(np.array([0], np.int64), "axes")],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=3)


def filter_stats_seed() -> pb.FilterStats:
    """Two layers of three classes, a pruning group and cost terms, NaN among the values."""
    classes, filters = 3, (2, 4)
    stats = pb.FilterStats(schema_version=metadata.SCHEMA_VERSION, graph_tag="model",
                           class_names=[f"c{i}" for i in range(classes)], class_counts=[5] * classes,
                           example_count=15, parameter_count=100, macs=1000, world_size=1, fixed_parameters=10)
    for index, count in enumerate(filters):
        stats.layers.add(
            module=f"features.{index}", layer_type="Conv2d", filter_count=count, hooked=f"features.{index}: relu",
            group=0, class_means=[0.5] * (classes * count), class_means_normalized=[1.0] * (classes * count),
            discriminability=[1.0] * count, apoz=[float("nan")] * count, activation_l1=[3.0] * count,
            weight_l1=[4.0] * count, weight_shape=[count, 1, 3, 3],
        )
    stats.groups.add(modules=["features.0", "features.1"], channel_count=2, parameters_per_channel=9,
                     macs_per_channel=90, prunable=True)
    term = stats.cost_terms.add(module="features.0", out_fixed=0, in_fixed=1, params_per_pair=9.0, macs_per_pair=90.0)
    term.out.add(group=0, count=2)
    return stats


def weight_graph_seed() -> pb.WeightGraphStats:
    """Two layers, two properties each, an infinity among the values."""
    stats = pb.WeightGraphStats(schema_version=metadata.SCHEMA_VERSION, graph_tag="model", node_count=5, edge_count=6,
                                seconds=0.1)
    for index, count in enumerate((3, 2)):
        layer = stats.layers.add(module=f"layer{index}", layer_type="Linear", node_count=count)
        for name in ("weighted_degree", "eigenvector_centrality"):
            layer.properties.add(name=name, mean=1.0, std=float("inf"), quantiles=[0, 0.5, 1, 1.5, 2],
                                 top_indices=[0], top_values=[2.0], values=[float(i) for i in range(count)])
    return stats
