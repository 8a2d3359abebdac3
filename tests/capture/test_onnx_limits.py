"""Malformed and hostile ONNX models: each is a CaptureError naming the field, node or tensor, or reads correctly.

The failures reported in issue 11 (unknown dtypes, names that are not UTF-8,
negative dims, deep literal metadata) and the costs a model can multiply
(function calls that double per level, calls aliasing their own output) are
here one by one; ``tests/fuzz`` and ``bench/fuzz_readers.py`` cover the rest.
"""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from tb_plugin import ir, limits
from tb_plugin.capture import CaptureError, UniqueNames
from tb_plugin.capture.onnx_model import NAME_SCOPES_KEY, capture_onnx


def _model(nodes, *, initializers=(), functions=()) -> onnx.ModelProto:
    graph = helper.make_graph(nodes, "hostile", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
                              [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)],
                              initializer=list(initializers))
    return helper.make_model(graph, functions=list(functions),
                             opset_imports=[helper.make_opsetid("", 18), helper.make_opsetid("f", 1)])


class TestTensors:
    @pytest.mark.parametrize("data_type", [40, 99, 2**31 - 1])
    def test_unknown_dtype_is_named_by_number(self, data_type):
        weight = numpy_helper.from_array(np.ones(2, np.float32), "w")
        weight.data_type = data_type
        graph = capture_onnx(_model([helper.make_node("Add", ["x", "w"], ["out"])], initializers=[weight]))
        assert graph.node("w").outputs[0].dtype == f"dtype{data_type}"

    def test_negative_dims(self):
        weight = numpy_helper.from_array(np.ones((5, 3), np.float32), "w")
        weight.dims[0] = -5
        with pytest.raises(CaptureError, match=r"initializer 'w' has shape \[-5, 3\]"):
            capture_onnx(_model([helper.make_node("Add", ["x", "w"], ["out"])], initializers=[weight]))

    def test_rank_beyond_the_limit(self):
        weight = numpy_helper.from_array(np.ones(1, np.float32), "w")
        weight.dims.extend([2] * 100)
        with pytest.raises(CaptureError, match="initializer 'w' has 101 dims.*MAX_RANK"):
            capture_onnx(_model([helper.make_node("Add", ["x", "w"], ["out"])], initializers=[weight]))

    def test_constant_value_that_does_not_fit_its_shape(self):
        value = numpy_helper.from_array(np.ones(2, np.float32), "v")
        value.raw_data = b"\0" * 7
        graph = capture_onnx(_model([helper.make_node("Constant", [], ["out"], name="c", value=value)]))
        assert "does not match its shape" in graph.node("c").attrs["value"]


class TestStrings:
    def test_name_that_is_not_utf8(self):
        data = _model([helper.make_node("Relu", ["x"], ["out"], name="node_relu")]).SerializeToString()
        broken = data.replace(b"node_relu", b"node\xffrelu")
        with pytest.raises(CaptureError, match=r"field model\.graph\.node\[0\]\.name is not valid UTF-8"):
            capture_onnx(broken)

    @pytest.mark.parametrize("scopes", ["[" * 300 + "]" * 300, "{[1]}", "9" * 5000, "['', b'a', 'op']"])
    def test_metadata_that_is_no_scope_list_is_ignored(self, scopes):
        node = helper.make_node("Relu", ["x"], ["out"], name="relu")
        node.metadata_props.add(key=NAME_SCOPES_KEY, value=scopes)
        assert capture_onnx(_model([node])).node("relu").module == ""

    def test_oversized_metadata(self):
        node = helper.make_node("Relu", ["x"], ["out"], name="relu")
        node.metadata_props.add(key=NAME_SCOPES_KEY, value="['', " + "'a', " * 20_000 + "'op']")
        with pytest.raises(CaptureError, match="metadata 'pkg.torch.onnx.name_scopes' of ONNX node 'relu'"):
            capture_onnx(_model([node]))

    @pytest.mark.timeout(10)
    def test_deep_node_name(self):
        node = helper.make_node("Relu", ["x"], ["out"], name="/" + "/".join(["s.t"] * 1_000) + "/op")
        with pytest.raises(CaptureError, match="MAX_NAME_LENGTH|MAX_PATH_DEPTH"):
            capture_onnx(_model([node]))


class TestFunctions:
    @pytest.mark.timeout(10)
    def test_calls_doubling_per_level_are_refused_before_inlining(self):
        functions = [helper.make_function("f", "F0", ["a"], ["b"], [helper.make_node("Relu", ["a"], ["b"])], [])]
        for k in range(1, 40):
            calls = [helper.make_node(f"F{k - 1}", ["a"], ["m"], domain="f"),
                     helper.make_node(f"F{k - 1}", ["m"], ["b"], domain="f")]
            functions.append(helper.make_function("f", f"F{k}", ["a"], ["b"], calls, []))
        model = _model([helper.make_node("F39", ["x"], ["out"], domain="f")], functions=functions)
        with pytest.raises(CaptureError, match="once its functions are inlined"):
            capture_onnx(model)

    def test_call_that_returns_what_it_reads(self):
        same = helper.make_function("f", "Same", ["a"], ["a"], [], [])
        model = _model([helper.make_node("Same", ["out"], ["out"], domain="f", name="loop")], functions=[same])
        with pytest.raises(CaptureError, match="which a function call defines as itself"):
            capture_onnx(model)


class TestNodes:
    def test_constant_reading_an_input_is_an_op(self):
        node = helper.make_node("Constant", ["x"], ["out"], name="c", value_float=1.0)
        assert capture_onnx(_model([node])).node("c").kind is ir.NodeKind.OP

    def test_graph_over_the_node_limit(self, monkeypatch):
        monkeypatch.setattr(limits, "MAX_NODES", 2)
        with pytest.raises(CaptureError, match="exceed the limit of 2"):
            capture_onnx(_model([helper.make_node("Relu", ["x"], ["out"])]))

    @pytest.mark.timeout(20)
    def test_thirty_thousand_nodes_of_one_name(self):
        nodes = [helper.make_node("Relu", ["x"], [f"y{i}"], name="a") for i in range(30_000)]
        nodes.append(helper.make_node("Identity", ["y0"], ["out"], name="a"))
        graph = capture_onnx(_model(nodes))
        assert "a_30000" in graph.nodes


class TestUniqueNames:
    def test_suffixes_skip_names_taken_later(self):
        names = UniqueNames(["a_2"])
        assert [names.take("a") for _ in range(4)] == ["a", "a_1", "a_3", "a_4"]
