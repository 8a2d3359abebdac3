"""Hostile GraphDefs: each is refused with a CaptureError naming the limit, or read quickly, never allocated in full.

The worst cases reported in issue 11 (a 59-byte GraphDef reading output
10**12, 30,000 nodes of one name, deep and long scopes) are here verbatim.
"""

from __future__ import annotations

import pytest
from tensorboard.compat.proto import attr_value_pb2, graph_pb2, tensor_shape_pb2

from tb_plugin import limits
from tb_plugin.capture import CaptureError
from tb_plugin.capture.graphdef import capture_graphdef


def _graph_def(*nodes: tuple[str, str, list[str]]) -> graph_pb2.GraphDef:
    gd = graph_pb2.GraphDef()
    for name, op, inputs in nodes:
        gd.node.add(name=name, op=op, input=inputs)
    return gd


class TestOutputIndex:
    @pytest.mark.timeout(10)
    def test_huge_index_refused_without_padding(self):
        gd = _graph_def(("x", "Placeholder", []), ("y", "Relu", ["x:1000000000000"]))
        gd.node[0].attr["_output_shapes"].list.shape.add()  # a declared output: the reader would pad to the index
        with pytest.raises(CaptureError, match=r"node 'y' reads output '1000000000000' of 'x'.*MAX_OUTPUTS"):
            capture_graphdef(gd.SerializeToString())

    def test_thousands_of_digits(self):
        gd = _graph_def(("y", "Relu", ["x:" + "9" * 5000]))
        with pytest.raises(CaptureError, match="MAX_NAME_LENGTH"):
            capture_graphdef(gd)

    def test_highest_index_is_read(self):
        top = limits.MAX_OUTPUTS - 1
        gd = _graph_def(("x", "Split", []), ("y", "Relu", [f"x:{top}"]))
        gd.node[0].attr["_output_shapes"].list.shape.add()
        graph = capture_graphdef(gd)
        graph.lint()
        assert len(graph.node("x").outputs) == limits.MAX_OUTPUTS

    def test_padding_is_counted_over_the_whole_graph(self, monkeypatch):
        monkeypatch.setattr(limits, "MAX_TENSORS", 100)
        gd = _graph_def(*[(f"n{i}", "Split", [f"n{i - 1}:60"] if i else []) for i in range(3)])
        for n in gd.node:
            n.attr["_output_shapes"].list.shape.add()
        with pytest.raises(CaptureError, match="123 node outputs .* exceed the limit of 100"):
            capture_graphdef(gd)

    @pytest.mark.parametrize("digits", ["²", "١"])  # str.isdigit() is true for both; int() takes only the second
    def test_unicode_digits_are_part_of_the_name(self, digits):
        graph = capture_graphdef(_graph_def(("y", "Relu", [f"x:{digits}"])))
        graph.lint()
        assert graph.node("y").inputs[0].node == f"x:{digits}"


class TestDuplicates:
    @pytest.mark.timeout(20)
    def test_thirty_thousand_of_one_name(self):
        gd = _graph_def(*[("a", "Relu", [])] * 30_000)
        graph = capture_graphdef(gd)
        assert len(graph.nodes) == 30_000 and "a__dup29999" in graph.nodes


class TestNamesAndScopes:
    def test_long_name(self):
        with pytest.raises(CaptureError, match="name of 5000 characters.*MAX_NAME_LENGTH"):
            capture_graphdef(_graph_def(("n" * 5000, "Relu", [])))

    @pytest.mark.timeout(10)
    @pytest.mark.parametrize("op", ["Relu", "aten::relu"])  # TensorFlow and torch scopes
    def test_deep_scope(self, op):
        with pytest.raises(CaptureError, match="MAX_PATH_DEPTH|MAX_PATH_LENGTH"):
            capture_graphdef(_graph_def(("a/" * 1500 + "op", op, [])))

    @pytest.mark.timeout(10)
    def test_long_torch_scope(self):
        with pytest.raises(CaptureError, match="MAX_PATH_LENGTH"):
            capture_graphdef(_graph_def(("Net/" + "/".join(f"M[{'x' * 100}{i}]" for i in range(20)) + "/op",
                                         "aten::relu", [])))

    def test_too_many_torch_modules(self, monkeypatch):
        monkeypatch.setattr(limits, "MAX_MODULES", 5)
        gd = _graph_def(*[(f"Net/M[m{i}]/op", "aten::relu", []) for i in range(10)])
        with pytest.raises(CaptureError, match="modules in GraphDef exceed the limit of 5"):
            capture_graphdef(gd)


class TestCounts:
    def test_nodes(self, monkeypatch):
        monkeypatch.setattr(limits, "MAX_NODES", 2)
        with pytest.raises(CaptureError, match="3 nodes in GraphDef 'g' exceed the limit of 2"):
            capture_graphdef(_graph_def(*[(f"n{i}", "Relu", []) for i in range(3)]), name="g")

    def test_missing_producers_count_as_nodes(self, monkeypatch):
        monkeypatch.setattr(limits, "MAX_NODES", 2)
        with pytest.raises(CaptureError, match="MAX_NODES|exceed the limit of 2"):
            capture_graphdef(_graph_def(("n", "Relu", ["gone1", "gone2"])))

    def test_parameter_count_beyond_the_limit(self):
        gd = _graph_def(("w", "VariableV2", []))
        shape = tensor_shape_pb2.TensorShapeProto(dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=2**40)] * 2)
        gd.node[0].attr["shape"].CopyFrom(attr_value_pb2.AttrValue(shape=shape))
        with pytest.raises(CaptureError, match="node 'w' holds .*MAX_PARAMETERS"):
            capture_graphdef(gd)

    def test_bytes(self, monkeypatch):
        monkeypatch.setattr(limits, "MAX_BLOB_BYTES", 10)
        with pytest.raises(CaptureError, match="bytes of GraphDef exceed the limit of 10"):
            capture_graphdef(_graph_def(("node_with_a_long_name", "Relu", [])).SerializeToString())
