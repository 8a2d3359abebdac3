"""GroupHelperRegionsPass: mask and position-id computations beside the model become one closed module."""

from __future__ import annotations

from tb_plugin import ir
from tb_plugin.passes import GroupHelperRegionsPass, HideCaptureNoisePass, run_passes
from tb_plugin.passes.helper_regions import HELPER_CLASS, OPS_CLASS, find_helper_regions, find_loose_op_groups
from tb_plugin.simplify import simplify
from tb_plugin.views import check_view


def _model(*, mask_from_param: bool = False, layers: int = 3) -> ir.Graph:
    """ids -> embed -> layers.i.attn (add mask) ...; the mask: arange -> ge -> where, read by every layer."""
    g = ir.Graph("masked", ir.SourceFormat.TORCH_EXPORT)
    g.add_node(ir.Node("ids", "input", ir.NodeKind.INPUT))
    g.add_node(ir.Node("attention_mask", "input", ir.NodeKind.INPUT))
    g.add_node(ir.Node("w", "parameter", ir.NodeKind.PARAMETER, module="embed", parameter_count=4))
    g.add_node(ir.Node("emb", "aten.embedding.default", module="embed", inputs=(ir.InputRef("w"), ir.InputRef("ids"))))
    g.add_node(ir.Node("size", "aten.size.int", inputs=(ir.InputRef("ids"),)))
    g.add_node(ir.Node("arange", "aten.arange.default", inputs=(ir.InputRef("size"),)))
    g.add_node(ir.Node("ge", "aten.ge.Tensor", inputs=(ir.InputRef("arange"), ir.InputRef("attention_mask"))))
    mask_inputs = (ir.InputRef("ge"), ir.InputRef("w")) if mask_from_param else (ir.InputRef("ge"),)
    g.add_node(ir.Node("where", "aten.where.ScalarOther", inputs=mask_inputs))
    x = "emb"
    for i in range(layers):
        g.add_node(ir.Node(f"add{i}", "aten.add.Tensor", module=f"layers.{i}.attn",
                           inputs=(ir.InputRef(x), ir.InputRef("where"))))
        x = f"add{i}"
    g.add_node(ir.Node("out", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(x),)))
    return g


def _fold_upto_helpers(g):
    return run_passes(g, [HideCaptureNoisePass(), GroupHelperRegionsPass()], check=True)


class TestFindHelperRegions:
    def test_mask_region(self):
        state = _fold_upto_helpers(_model())
        h = state.hierarchy
        assert h.module_class[h.module_id["attention mask"]] == HELPER_CLASS
        assert sorted(n.name for n in h.nodes if n.module == "attention mask") == ["arange", "ge", "size", "where"]

    def test_parameter_reader_is_model_computation(self):
        state = run_passes(_model(mask_from_param=True), [HideCaptureNoisePass()])
        regions = find_helper_regions(state.hierarchy)
        assert [sorted(state.hierarchy.nodes[n].name for n in r.nodes) for r in regions] == []

    def test_one_consumer_module_is_no_fan_out(self):
        state = run_passes(_model(layers=1), [HideCaptureNoisePass()])
        assert find_helper_regions(state.hierarchy) == []

    def test_input_read_by_the_model_is_no_helper_source(self):
        g = _model()
        # the model now reads attention_mask itself (a layer multiplies by it): it is data, not a helper input
        g.add_node(ir.Node("gate", "aten.mul.Tensor", module="layers.0.attn",
                           inputs=(ir.InputRef("add0"), ir.InputRef("attention_mask"))))
        g.add_node(ir.Node("gated", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("gate"),)))
        state = run_passes(g, [HideCaptureNoisePass()])
        # size and arange still fan out (through ge/where) to no other module once ge is model computation
        assert find_helper_regions(state.hierarchy) == []


class TestGroupHelperRegionsPass:
    def test_root_view(self):
        folded = simplify(_model(), check=True)
        root = folded.view("")
        assert {c["id"] for c in root["children"]} == {"n:ids", "n:attention_mask", "n:out", "m:embed", "s:layers.0",
                                                       "m:attention mask"}
        (helper,) = [c for c in root["children"] if c["id"] == "m:attention mask"]
        assert helper["class_name"] == HELPER_CLASS and helper["node_count"] == 4
        for path in folded.h.module_paths:
            check_view(folded, path)

    def test_input_graph_unchanged(self):
        g = _model()
        before = g.dump()
        _fold_upto_helpers(g)
        assert g.dump() == before

    def test_nothing_to_group(self, tiny_graph):
        state = run_passes(tiny_graph, [HideCaptureNoisePass()])
        result = GroupHelperRegionsPass()(state, check=True)
        assert not result.modified and result.state.graph is state.graph


class TestLooseOpGroups:
    def _model(self, *, cycle: bool = False) -> ir.Graph:
        """x -> enc -> (norm: pow -> div) -> head -> y; with ``cycle``, div also reads the head's output."""
        g = ir.Graph("loose")
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
        g.add_node(ir.Node("w", "parameter", ir.NodeKind.PARAMETER, module="enc", parameter_count=4))
        g.add_node(ir.Node("enc_mm", "aten.mm.default", module="enc", inputs=(ir.InputRef("x"), ir.InputRef("w"))))
        g.add_node(ir.Node("pow", "aten.pow.Tensor_Scalar", inputs=(ir.InputRef("enc_mm"),)))
        g.add_node(ir.Node("head_mm", "aten.mm.default", module="head", inputs=(ir.InputRef("pow"), ir.InputRef("w"))))
        div_inputs = (ir.InputRef("pow"), ir.InputRef("head_mm" if cycle else "enc_mm"))
        g.add_node(ir.Node("div", "aten.div.Tensor", inputs=div_inputs))
        g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("div"),)))
        return g

    def test_root_ops_grouped(self):
        folded = simplify(self._model(), check=True)
        root = {c["id"]: c for c in folded.view("")["children"]}
        (group,) = [c for c in root.values() if c.get("class_name") == OPS_CLASS]
        assert group["name"] == "pow, div…" and group["node_count"] == 2
        assert "n:pow" not in root and "n:div" not in root
        for path in folded.h.module_paths:
            check_view(folded, path)

    def test_group_that_would_close_a_cycle_is_left(self):
        state = run_passes(self._model(cycle=True), [HideCaptureNoisePass()])
        assert find_loose_op_groups(state.hierarchy) == []

    def test_ops_between_layers_grouped_as_a_series(self):
        # RWKV halves the hidden state between some layers: loose divs that each read one layer
        # and feed the next. Drawn beside the layers' stack every div closes a cycle already;
        # one group of them closes no new one.
        g = ir.Graph("rescaled")
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
        x = "x"
        for i in range(8):
            g.add_node(ir.Node(f"relu{i}", "aten.relu.default", module=f"blocks.{i}", inputs=(ir.InputRef(x),)))
            x = f"relu{i}"
            if i % 2 == 1 and i < 7:
                g.add_node(ir.Node(f"div{i}", "aten.div.Tensor", inputs=(ir.InputRef(x),)))
                x = f"div{i}"
        g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(x),)))
        state = run_passes(g, [HideCaptureNoisePass()])
        (group,) = find_loose_op_groups(state.hierarchy)
        assert group.label == "div ×3"
        assert sorted(state.hierarchy.nodes[n].name for n in group.nodes) == ["div1", "div3", "div5"]
        folded = simplify(g, check=True)
        for path in folded.h.module_paths:
            check_view(folded, path)


class TestOutputGroups:
    def _model(self, outputs: list[str]) -> ir.Graph:
        g = ir.Graph("outputs")
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
        g.add_node(ir.Node("mm", "aten.relu.default", module="enc", inputs=(ir.InputRef("x"),)))
        for name in outputs:
            g.add_node(ir.Node(name, "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("mm"),)))
        return g

    def test_field_groups(self):
        folded = simplify(self._model(["last_hidden_state", "cache.0.k", "cache.0.v"]), check=True)
        names = sorted(c.get("name", "") for c in folded.view("")["children"])
        assert names == ["cache", "enc", "last_hidden_state", "x"]

    def test_many_outputs_become_one_group(self):
        # CLIP returns eight tensors; drawn one by one they outnumber the model's modules.
        outputs = ["logits_per_image", "logits_per_text", "text_embeds", "image_embeds",
                   "text_model_output.last_hidden_state", "text_model_output.pooler_output"]
        folded = simplify(self._model(outputs), check=True)
        root = folded.view("")["children"]
        assert sorted(c.get("name", "") for c in root) == ["enc", "outputs", "x"]
        (group,) = [c for c in root if c.get("name") == "outputs"]
        assert group["node_count"] == 6
        assert {c["name"] for c in folded.view("outputs")["children"]} == set(outputs)
        for path in folded.h.module_paths:
            check_view(folded, path)
