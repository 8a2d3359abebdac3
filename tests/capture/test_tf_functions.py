"""Inlining a TF2 function library (tb_plugin.capture.tf_functions) on hand-built GraphDefs."""

from __future__ import annotations

import pytest
from tensorboard.compat.proto import graph_pb2, types_pb2

from tb_plugin import ir
from tb_plugin.capture import CaptureError
from tb_plugin.capture.graphdef import capture_graphdef
from tb_plugin.capture.tf_functions import MAX_CALL_DEPTH, FunctionLibraryError, inline_functions


def _function(gd: graph_pb2.GraphDef, name: str, args: list[str], nodes: list[tuple], ret: str):
    """Add function ``name`` taking ``args`` and returning ``ret``; nodes are ``(name, op, inputs[, called])``."""
    f = gd.library.function.add()
    f.signature.name = name
    for arg in args:
        f.signature.input_arg.add(name=arg)
    f.signature.output_arg.add(name="out")
    f.ret["out"] = ret
    for node_name, op, inputs, *called in nodes:
        node = f.node_def.add(name=node_name, op=op, input=inputs)
        if called:
            node.attr["f"].func.name = called[0]
    return f


def _call(gd: graph_pb2.GraphDef, name: str, inputs: list[str], called: str, op: str = "StatefulPartitionedCall"):
    node = gd.node.add(name=name, op=op, input=inputs)
    node.attr["f"].func.name = called
    return node


def _nested_graph() -> graph_pb2.GraphDef:
    """model/StatefulPartitionedCall -> __inference_model (dense twice) -> __inference_dense (MatMul, Relu)."""
    gd = graph_pb2.GraphDef()
    _function(gd, "__inference_dense", ["x", "w"], [
        ("MatMul", "MatMul", ["x", "w"]),
        ("Relu", "Relu", ["MatMul:product:0"]),
    ], "Relu:activations:0")
    _function(gd, "__inference_model", ["x", "w1", "w2"], [
        ("dense_1/PartitionedCall", "PartitionedCall", ["x", "w1"], "__inference_dense"),
        ("dense_2/PartitionedCall", "PartitionedCall", ["dense_1/PartitionedCall:output:0", "w2"], "__inference_dense"),
    ], "dense_2/PartitionedCall:output:0")
    gd.node.add(name="x", op="_Arg")
    for w in ("w1", "w2"):
        gd.node.add(name=w, op="_Arg").attr["T"].type = types_pb2.DT_RESOURCE
    _call(gd, "model/StatefulPartitionedCall", ["x", "w1", "w2"], "__inference_model")
    gd.node.add(name="Identity", op="Identity", input=["model/StatefulPartitionedCall", "^model/StatefulPartitionedCall"])
    return gd


class TestInlineFunctions:
    def test_no_calls_returns_the_graph_itself(self):
        gd = graph_pb2.GraphDef()
        gd.node.add(name="x", op="Placeholder")
        assert inline_functions(gd) is gd

    def test_nested_calls_become_the_ops_they_call(self):
        inlined = inline_functions(_nested_graph())
        assert not inlined.library.function
        by_name = {n.name: n for n in inlined.node}
        assert list(by_name) == ["x", "w1", "w2", "model/dense_1/MatMul", "model/dense_1/Relu",
                                 "model/dense_2/MatMul", "model/dense_2/Relu", "Identity"]
        assert list(by_name["model/dense_1/MatMul"].input) == ["x:0", "w1:0"]
        assert list(by_name["model/dense_2/MatMul"].input) == ["model/dense_1/Relu:0", "w2:0"]
        # A control input on the call becomes one on the node producing its return.
        assert list(by_name["Identity"].input) == ["model/dense_2/Relu:0", "^model/dense_2/Relu"]
        assert by_name["model/dense_2/Relu"].attr["_inlined_from"].s == b"__inference_dense"

    def test_module_tree_follows_the_call_scopes(self):
        graph = capture_graphdef(_nested_graph(), name="nested")
        graph.lint()
        assert {"model", "model.dense_1", "model.dense_2"} <= set(graph.modules)
        assert graph.nodes["model/dense_2/Relu"].module == "model.dense_2"
        assert graph.nodes["w1"].kind is ir.NodeKind.PARAMETER and graph.nodes["x"].kind is ir.NodeKind.INPUT

    def test_a_name_taken_in_the_caller_scope_goes_under_the_call(self):
        gd = graph_pb2.GraphDef()
        _function(gd, "f", ["x"], [("Relu", "Relu", ["x"])], "Relu:activations:0")
        gd.node.add(name="x", op="Placeholder")
        gd.node.add(name="layer/Relu", op="Relu", input=["x"])
        _call(gd, "layer/call", ["layer/Relu"], "f")
        names = [n.name for n in inline_functions(gd).node]
        assert names == ["x", "layer/Relu", "layer/call/Relu"]

    def test_a_node_whose_op_is_a_function_is_a_call(self):
        gd = graph_pb2.GraphDef()
        _function(gd, "double", ["x"], [("Add", "AddV2", ["x", "x"])], "Add:z:0")
        gd.node.add(name="x", op="Placeholder")
        gd.node.add(name="d", op="double", input=["x"])
        assert [(n.name, n.op) for n in inline_functions(gd).node] == [("x", "Placeholder"), ("Add", "AddV2")]

    def test_a_call_cycle_is_refused_naming_it(self):
        gd = graph_pb2.GraphDef()
        _function(gd, "ping", ["x"], [("c", "PartitionedCall", ["x"], "pong")], "c:output:0")
        _function(gd, "pong", ["x"], [("c", "PartitionedCall", ["x"], "ping")], "c:output:0")
        gd.node.add(name="x", op="Placeholder")
        _call(gd, "call", ["x"], "ping")
        with pytest.raises(FunctionLibraryError, match=r"function 'ping' calls itself \('ping' -> 'pong' -> 'ping'\)"):
            inline_functions(gd)

    def test_a_call_to_a_missing_function_is_refused_naming_it(self):
        gd = _nested_graph()
        del gd.library.function[0]  # __inference_dense
        with pytest.raises(FunctionLibraryError, match="'model/dense_1/PartitionedCall' calls function '__inference_dense'"):
            capture_graphdef(gd)

    def test_the_error_is_a_capture_error(self):
        assert issubclass(FunctionLibraryError, CaptureError)

    def test_depth_is_bounded(self):
        gd = graph_pb2.GraphDef()
        for i in range(MAX_CALL_DEPTH + 1):
            _function(gd, f"f{i}", ["x"], [("c", "PartitionedCall", ["x"], f"f{i + 1}")], "c:output:0")
        _function(gd, f"f{MAX_CALL_DEPTH + 1}", ["x"], [("Relu", "Relu", ["x"])], "Relu:activations:0")
        gd.node.add(name="x", op="Placeholder")
        _call(gd, "call", ["x"], "f0")
        with pytest.raises(FunctionLibraryError, match=f"more than {MAX_CALL_DEPTH}"):
            inline_functions(gd)

    def test_wrong_argument_count_is_refused(self):
        gd = _nested_graph()
        gd.node[3].input.pop()
        with pytest.raises(FunctionLibraryError, match="passes 2 inputs to function '__inference_model', which takes 3"):
            inline_functions(gd)

    def test_a_body_reading_an_unknown_name_is_refused(self):
        gd = graph_pb2.GraphDef()
        _function(gd, "f", ["x"], [("Relu", "Relu", ["nowhere:y:0"])], "Relu:activations:0")
        gd.node.add(name="x", op="Placeholder")
        _call(gd, "call", ["x"], "f")
        with pytest.raises(FunctionLibraryError, match="function 'f' reads 'nowhere:y:0'"):
            inline_functions(gd)


class TestOpHelperScopes:
    def test_a_helper_of_an_op_sits_in_the_op_module(self):
        gd = graph_pb2.GraphDef()
        gd.node.add(name="w", op="_Arg").attr["T"].type = types_pb2.DT_RESOURCE
        gd.node.add(name="x", op="_Arg")
        gd.node.add(name="dense/MatMul/ReadVariableOp", op="ReadVariableOp", input=["w"])
        gd.node.add(name="dense/MatMul", op="MatMul", input=["x", "dense/MatMul/ReadVariableOp"])
        gd.node.add(name="dense/Cast/ReadVariableOp", op="ReadVariableOp", input=["w"])  # no op "dense/Cast"
        gd.node.add(name="dense/Shape/Const", op="Const")  # no op "dense/Shape", and not a variable read
        graph = capture_graphdef(gd)
        assert graph.nodes["dense/MatMul/ReadVariableOp"].module == "dense"
        assert graph.nodes["dense/Cast/ReadVariableOp"].module == "dense"
        assert graph.nodes["dense/Shape/Const"].module == "dense.Shape"
        assert set(graph.modules) == {"", "dense", "dense.Shape"}

    def test_a_node_named_like_the_root_scope_ends_the_walk(self):
        gd = graph_pb2.GraphDef()
        gd.node.add(name="", op="Relu")
        gd.node.add(name="/", op="Relu")
        assert capture_graphdef(gd).nodes["/"].module == ""


class TestWithoutLibrary:
    def test_a_call_in_a_graph_without_library_is_refused(self):
        gd = graph_pb2.GraphDef()
        gd.node.add(name="x", op="Placeholder")
        _call(gd, "model/StatefulPartitionedCall", ["x"], "__inference_call_7")
        with pytest.raises(FunctionLibraryError, match="calls function '__inference_call_7'"):
            capture_graphdef(gd)

    def test_a_call_naming_no_function_is_refused_without_changing_the_input(self):
        gd = graph_pb2.GraphDef()
        gd.node.add(name="call", op="PartitionedCall")
        with pytest.raises(FunctionLibraryError, match="calls function ''"):
            inline_functions(gd)
        assert "f" not in gd.node[0].attr
