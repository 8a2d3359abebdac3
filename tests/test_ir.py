"""Tests of tb_plugin.ir: building, reading, lint and dump."""

import sys

import pytest

from tb_plugin import ir, limits

from tests.conftest import make_tiny_graph


class TestAddModule:
    def test_root_always_exists(self):
        assert ir.Graph().modules[""].path == ""

    def test_ancestors_created(self):
        g = ir.Graph()
        g.add_module("encoder.layer.0", "BertLayer")
        assert list(g.modules) == ["", "encoder", "encoder.layer", "encoder.layer.0"]
        assert g.modules["encoder.layer.0"].class_name == "BertLayer"
        assert g.modules["encoder.layer.0"].name == "0"

    def test_class_filled_in_later_but_never_overwritten(self):
        g = ir.Graph()
        g.add_module("a")
        g.add_module("a", "A")
        g.add_module("a", "B")
        assert g.modules["a"].class_name == "A"

    @pytest.mark.parametrize("path", [".a", "a.", "a..b"])
    def test_empty_segment_rejected(self, path):
        with pytest.raises(ir.GraphError, match="empty segment"):
            ir.Graph().add_module(path)

    def test_deepest_path_is_built_without_recursion(self):
        path = ".".join(["m"] * limits.MAX_PATH_DEPTH)
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(100)  # below the depth: a recursive build would fail here
        try:
            ir.Graph().add_module(path)
        finally:
            sys.setrecursionlimit(limit)

    @pytest.mark.parametrize("segments", [limits.MAX_PATH_DEPTH + 1, 1_000, 1_000_000])
    def test_too_deep_rejected(self, segments):
        g = ir.Graph()
        with pytest.raises(ir.GraphLimitError, match="MAX_PATH_DEPTH|MAX_PATH_LENGTH"):
            g.add_module(".".join(["m"] * segments))
        assert list(g.modules) == [""]

    def test_too_long_rejected(self):
        with pytest.raises(ir.GraphLimitError, match="MAX_PATH_LENGTH"):
            ir.Graph().add_module("m" * (limits.MAX_PATH_LENGTH + 1))

    def test_module_count_limit_counts_ancestors(self, monkeypatch):
        monkeypatch.setattr(limits, "MAX_MODULES", 3)
        g = ir.Graph()
        g.add_module("a.b")
        with pytest.raises(ir.GraphLimitError, match="5 modules in graph '' exceed the limit of 3"):
            g.add_module("c.d")
        assert list(g.modules) == ["", "a", "a.b"]


class TestAddNode:
    def test_duplicate_name(self, tiny_graph):
        with pytest.raises(ir.GraphError, match="duplicate node name 'x'"):
            tiny_graph.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))

    def test_unknown_module_is_created(self):
        g = ir.Graph()
        g.add_node(ir.Node("n", "op", module="a.b"))
        assert "a" in g.modules and "a.b" in g.modules

    def test_long_name_rejected_and_shortened_in_message(self):
        with pytest.raises(ir.GraphLimitError, match=r"\(5000 characters\).*MAX_NAME_LENGTH") as info:
            ir.Graph().add_node(ir.Node("n" * 5000, "op"))
        assert len(str(info.value)) < 300

    @pytest.mark.parametrize("limit, node", [
        ("MAX_OUTPUTS", ir.Node("n", "op", outputs=(ir.TensorType(),) * (limits.MAX_OUTPUTS + 1))),
        ("MAX_OUTPUTS", ir.Node("n", "op", inputs=(ir.InputRef("m", 10**12),))),
        ("MAX_OUTPUTS", ir.Node("n", "op", inputs=(ir.InputRef("m", -1),))),
        ("MAX_RANK", ir.Node("n", "op", outputs=(ir.TensorType((1,) * (limits.MAX_RANK + 1)),))),
        ("MAX_PARAMETERS", ir.Node("n", "parameter", ir.NodeKind.PARAMETER, parameter_count=-1)),
        ("MAX_PARAMETERS", ir.Node("n", "parameter", ir.NodeKind.PARAMETER, parameter_count=2**64)),
    ])
    def test_node_limits(self, limit, node):
        g = ir.Graph()
        with pytest.raises(ir.GraphLimitError, match=limit):
            g.add_node(node)
        assert not g.nodes

    def test_graph_limits(self, monkeypatch):
        monkeypatch.setattr(limits, "MAX_NODES", 2)
        monkeypatch.setattr(limits, "MAX_EDGES", 1)
        g = ir.Graph("g")
        g.add_node(ir.Node("a", "op"))
        with pytest.raises(ir.GraphLimitError, match="2 edges in graph 'g' exceed the limit of 1"):
            g.add_node(ir.Node("b", "op", inputs=(ir.InputRef("a"), ir.InputRef("a"))))
        g.add_node(ir.Node("b", "op", inputs=(ir.InputRef("a"),)))
        with pytest.raises(ir.GraphLimitError, match="3 nodes in graph 'g' exceed the limit of 2"):
            g.add_node(ir.Node("c", "op"))


class TestReading:
    def test_consumers_and_edges(self, tiny_graph):
        assert tiny_graph.consumers("x") == ["linear"]
        assert tiny_graph.consumers("output") == []
        assert tiny_graph.edge_count == 4
        assert (ir.InputRef("fc.weight"), "linear", 1) in list(tiny_graph.edges())

    def test_consumers_follow_new_nodes(self, tiny_graph):
        tiny_graph.consumers("relu")
        tiny_graph.add_node(ir.Node("extra", "aten.neg.default", inputs=(ir.InputRef("relu"),)))
        assert tiny_graph.consumers("relu") == ["output", "extra"]

    def test_parameter_count(self, tiny_graph):
        assert tiny_graph.parameter_count == 12

    def test_child_modules(self):
        g = ir.Graph()
        for path in ("a", "a.b", "a.c", "d"):
            g.add_module(path)
        assert [m.path for m in g.child_modules("")] == ["a", "d"]
        assert [m.path for m in g.child_modules("a")] == ["a.b", "a.c"]

    def test_missing_node(self, tiny_graph):
        with pytest.raises(ir.GraphError, match="no node named 'nope'"):
            tiny_graph.node("nope")


class TestLint:
    def test_valid(self, tiny_graph):
        tiny_graph.lint()

    def test_empty(self):
        ir.Graph().lint()

    def test_edge_to_missing_node(self, tiny_graph):
        tiny_graph.add_node(ir.Node("bad", "op", inputs=(ir.InputRef("ghost"),)))
        with pytest.raises(ir.GraphLintError, match="'bad' reads 'ghost'"):
            tiny_graph.lint()

    def test_output_index_out_of_range(self, tiny_graph):
        tiny_graph.add_node(ir.Node("bad", "op", inputs=(ir.InputRef("relu", 3),)))
        with pytest.raises(ir.GraphLintError, match="output 3 of 'relu'"):
            tiny_graph.lint()

    def test_parameter_with_inputs(self, tiny_graph):
        tiny_graph.add_node(ir.Node("p", "parameter", ir.NodeKind.PARAMETER, inputs=(ir.InputRef("x"),)))
        with pytest.raises(ir.GraphLintError, match="parameter node 'p' has inputs"):
            tiny_graph.lint()

    def test_self_loop_and_cycle_are_valid(self):
        g = ir.Graph()
        g.add_node(ir.Node("a", "Merge", inputs=(ir.InputRef("b"),)))
        g.add_node(ir.Node("b", "NextIteration", inputs=(ir.InputRef("a"), ir.InputRef("b"))))
        g.lint()


class TestDump:
    def test_stable(self):
        assert make_tiny_graph().dump() == make_tiny_graph().dump()

    def test_golden(self, tiny_graph):
        assert tiny_graph.dump() == "\n".join(
            [
                'graph "tiny" source=torch_export producer="hand"',
                'module "" class="Tiny"',
                'module "fc" class="torch.nn.modules.linear.Linear"',
                'node "x" input op="input" module="" -> [2,4]:float32',
                'node "fc.weight" parameter op="parameter" module="fc" params=12 -> [3,4]:float32',
                'node "linear" op op="aten.linear.default" module="fc" <- x:0, fc.weight:0 -> [2,3]:float32',
                'node "relu" op op="aten.relu.default" module="" <- linear:0 -> [2,3]:float32',
                'node "output" output op="output" module="" <- relu:0',
            ]
        )
