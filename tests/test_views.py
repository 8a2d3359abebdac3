"""Module views: wrappers drawn as the one thing they hold."""

from __future__ import annotations

from tb_plugin import ir
from tb_plugin.simplify import simplify
from tb_plugin.views import check_view


def _layers(n: int, *, extra_op_in_wrapper: bool = False, outer: str = "") -> ir.Graph:
    """x -> [outer.]layers.<i> (Relu) ... -> y; ``layers`` (a ModuleList) holds nothing but the blocks."""
    g = ir.Graph("wrapped")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    prefix = f"{outer}.layers" if outer else "layers"
    g.add_module(prefix, "torch.nn.ModuleList")
    prev = "x"
    for i in range(n):
        g.add_node(ir.Node(f"r{i}", "Relu", module=f"{prefix}.{i}", inputs=(ir.InputRef(prev),)))
        prev = f"r{i}"
    if extra_op_in_wrapper:
        g.add_node(ir.Node("scale", "Mul", module=prefix, inputs=(ir.InputRef(prev),)))
        prev = "scale"
    g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(prev),)))
    return g


def _root_ids(folded) -> dict[str, dict]:
    return {c["id"]: c for c in folded.view("")["children"]}


class TestWrappers:
    def test_list_of_one_stack_is_drawn_as_the_stack(self):
        folded = simplify(_layers(4), check=True)
        root = _root_ids(folded)
        assert set(root) == {"n:x", "n:y", "s:layers.0"}
        assert root["s:layers.0"]["count"] == 4 and root["s:layers.0"]["wrappers"] == ["layers"]
        assert {(e["source"], e["target"]) for e in folded.view("")["edges"]} == {
            ("n:x", "s:layers.0"), ("s:layers.0", "n:y")}
        for path in folded.h.module_paths:
            check_view(folded, path)

    def test_wrappers_nest(self):
        folded = simplify(_layers(3, outer="encoder"), check=True)
        root = _root_ids(folded)
        assert root["s:encoder.layers.0"]["wrappers"] == ["encoder", "encoder.layers"]
        assert folded.reveal("r2")["reveal"] == [
            {"view": "", "item": "s:encoder.layers.0", "member": "encoder.layers.2"},
            {"view": "encoder.layers.2", "item": "n:r2"},
        ]

    def test_module_with_an_op_of_its_own_is_no_wrapper(self):
        root = _root_ids(simplify(_layers(3, extra_op_in_wrapper=True), check=True))
        assert "m:layers" in root and "wrappers" not in root["m:layers"]

    def test_wrapper_view_still_served(self):
        folded = simplify(_layers(3))
        assert [c["id"] for c in folded.view("layers")["children"]] == ["s:layers.0"]

    def test_single_module_child(self):
        g = ir.Graph("single")
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
        g.add_node(ir.Node("a", "Relu", module="outer.inner", inputs=(ir.InputRef("x"),)))
        g.add_node(ir.Node("b", "Neg", module="outer.inner", inputs=(ir.InputRef("a"),)))
        g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("b"),)))
        root = _root_ids(simplify(g, check=True))
        assert set(root) == {"n:x", "n:y", "m:outer.inner"} and root["m:outer.inner"]["wrappers"] == ["outer"]

    def test_stack_member_is_never_a_wrapper(self):
        """Blocks that each hold only an inner stack: the outer stack is drawn, not its first member's inner one."""
        g = ir.Graph("nested")
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
        prev = "x"
        for i in range(3):
            for j in range(2):
                name = f"r{i}{j}"
                g.add_node(ir.Node(name, "Relu", module=f"blocks.{i}.sub.{j}", inputs=(ir.InputRef(prev),)))
                prev = name
        g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(prev),)))
        root = _root_ids(simplify(g, check=True))
        assert root["s:blocks.0"]["count"] == 3 and root["s:blocks.0"]["wrappers"] == ["blocks"]


class TestDefaultOpen:
    def _stages(self) -> ir.Graph:
        """x -> stages.0 (2 one-op layers) -> stages.1 (a downsampling op, 3 two-op layers) -> y, like ConvNeXt."""
        g = ir.Graph("stages")
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
        x = "x"
        for stage, (layers, ops) in enumerate(((2, ("relu",)), (3, ("relu", "neg")))):
            g.add_node(ir.Node(f"pool_{stage}", "aten.max_pool2d.default", module=f"stages.{stage}",
                               inputs=(ir.InputRef(x),)))
            x = f"pool_{stage}"
            for layer in range(layers):
                for op in ops:
                    name = f"{op}_{stage}_{layer}"
                    g.add_node(ir.Node(name, f"aten.{op}.default", module=f"stages.{stage}.{layer}",
                                       inputs=(ir.InputRef(x),)))
                    x = name
        g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(x),)))
        return g

    def test_main_stack_two_clicks_deep_is_opened_to_one(self):
        folded = simplify(self._stages(), check=True)
        assert folded.h.module_paths[folded.main_stack()] == "stages.1.0"
        assert folded.view("")["open"] == ["m:stages"]
        assert "s:stages.1.0" in {c["id"] for c in folded.view("stages.1")["children"]}
        assert "m:stages.1" in {c["id"] for c in folded.view("stages")["children"]}

    def test_main_stack_at_the_root_opens_nothing(self):
        folded = simplify(_layers(4), check=True)
        assert folded.view("")["open"] == []
        assert "open" not in folded.view(folded.h.module_paths[1])
