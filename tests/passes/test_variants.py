"""Near-repeat stacking: a first layer with one extra op joins its stack as a variant."""

from __future__ import annotations

import dataclasses

import pytest

from tb_plugin import ir
from tb_plugin.hierarchy import Hierarchy
from tb_plugin.passes import EmbedConstantsPass, PassError, StackIsomorphicModulesPass, run_passes
from tb_plugin.passes.variants import variant_edit
from tb_plugin.simplify import simplify
from tb_plugin.views import check_view

_OPS = tuple(f"Op{k}" for k in range(40))  # no repeats inside a layer, which group_blocks would wrap


def _layers(n: int, *, extra_in_first: int = 1, replaced_in_first: int = 0, first_class: str = "Layer") -> ir.Graph:
    """``n`` layers of 40 ops in ``layers.<i>`` (class ``Layer``); layer 0 has ``extra_in_first`` more ops,
    and ``replaced_in_first`` of its ops are other ops."""
    g = ir.Graph("near")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    g.add_module("layers", "ModuleList")
    prev = "x"
    for i in range(n):
        path = f"layers.{i}"
        g.add_module(path, first_class if i == 0 else "Layer")
        ops = list(_OPS)
        if i == 0:
            ops[2:2] = ["Bias"] * extra_in_first  # e.g. T5's relative position bias, computed in layer 0 only
            ops[10:10 + replaced_in_first] = ["Other"] * replaced_in_first
        for k, op in enumerate(ops):
            name = f"{path}/{k}"
            g.add_node(ir.Node(name, op, module=path, inputs=(ir.InputRef(prev),)))
            prev = name
    g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(prev),)))
    return g


class TestVariantEdit:
    def test_one_inserted_op(self):
        h = Hierarchy(_layers(3))
        embedded = h.hidden_edges()
        v = variant_edit(h, embedded, h.module_id["layers.1"], h.module_id["layers.0"])
        assert v.adds == ("layers.0/2",) and v.lacks == ()
        # the inserted op, the edge it replaces (1 -> Softmax) and the two it adds (1 -> Bias -> Softmax)
        assert v.edits == 4 and v.size == 40 + 39
        assert v.core == 1  # only the replaced edge: the rest touches the inserted op

    def test_identical_modules_have_no_edit(self):
        h = Hierarchy(_layers(3))
        v = variant_edit(h, h.hidden_edges(), h.module_id["layers.1"], h.module_id["layers.2"])
        assert (v.adds, v.lacks, v.edits) == ((), (), 0)


class TestVariantStacks:
    def test_first_layer_joins_as_variant(self):
        folded = simplify(_layers(4), check=True)
        (stack,) = [c for c in folded.view("")["children"] if c["type"] == "stack"]
        assert stack["count"] == 4 and stack["representative"] == "layers.1"
        assert stack["members"] == ["layers.1", "layers.2", "layers.3", "layers.0"]
        (variant,) = stack["variants"]
        assert variant["member"] == "layers.0" and variant["adds"] == ["layers.0/2"] and variant["lacks"] == []
        for path in folded.h.module_paths:
            check_view(folded, path)

    def test_large_insertion_is_a_variant(self):
        folded = simplify(_layers(4, extra_in_first=30), check=True)  # the rest of the layer is all there
        (stack,) = [c for c in folded.view("")["children"] if c["type"] == "stack"]
        assert stack["count"] == 4 and stack["variants"][0]["adds_count"] == 30

    def test_too_different_stays_apart(self):
        # 8 ops replaced: 8 lacking, plus the edges between shared nodes that change: > 10% of 79
        folded = simplify(_layers(4, replaced_in_first=8), check=True)
        (stack,) = [c for c in folded.view("layers")["children"] if c["type"] == "stack"]
        assert stack["count"] == 3 and stack["variants"] == []

    def test_other_class_is_no_variant(self):
        folded = simplify(_layers(4, first_class="FirstLayer"), check=True)
        (stack,) = [c for c in folded.view("layers")["children"] if c["type"] == "stack"]
        assert stack["count"] == 3

    def test_forged_variant_is_caught(self):
        state = run_passes(_layers(4, replaced_in_first=8), [EmbedConstantsPass(), StackIsomorphicModulesPass()])
        (stack,) = state.stacks
        h = state.hierarchy
        forged_variant = variant_edit(h, state.embedded, stack.members[0], h.module_id["layers.0"])
        forged = dataclasses.replace(stack, members=(*stack.members, h.module_id["layers.0"]),
                                     variants=(dataclasses.replace(forged_variant, edits=1, core=1),))
        with pytest.raises(PassError, match="'layers.0' is no variant"):
            StackIsomorphicModulesPass().ensures(dataclasses.replace(state, stacks=(forged,)))


def _keras_blocks(n: int, *, shortcut_in_first: bool = True, names: str = "block{i}") -> ir.Graph:
    """Keras' ResNet naming, no classes (TF name scopes): ``conv2.block<i>`` holds layers
    ``conv2_block<i>_1_conv`` …; block 1 adds a projection on its shortcut (``conv2_block1_0_conv``)."""
    g = ir.Graph("keras")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    g.add_module("conv2")
    prev = "x"
    for i in range(1, n + 1):
        block = f"conv2.{names.format(i=i)}"
        g.add_module(block)
        layer = lambda suffix: f"{block}.conv2_block{i}_{suffix}"  # noqa: E731
        entering = prev
        for k, suffix in enumerate(["1_conv", "1_bn", "1_relu", "2_conv", "2_bn", "2_relu", "3_conv", "3_bn"]):
            g.add_module(layer(suffix))
            for j, op in enumerate(_OPS[4 * k:4 * k + 4]):
                name = f"{layer(suffix)}/{j}"
                g.add_node(ir.Node(name, op, module=layer(suffix), inputs=(ir.InputRef(prev),)))
                prev = name
        shortcut = entering
        if i == 1 and shortcut_in_first:
            g.add_module(layer("0_conv"))
            g.add_node(ir.Node(f"{layer('0_conv')}/conv", "Conv2D", module=layer("0_conv"),
                               inputs=(ir.InputRef(entering),)))
            shortcut = f"{layer('0_conv')}/conv"
        g.add_module(layer("add"))
        g.add_node(ir.Node(f"{layer('add')}/add", "AddV2", module=layer("add"),
                           inputs=(ir.InputRef(shortcut), ir.InputRef(prev))))
        prev = f"{layer('add')}/add"
    g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef(prev),)))
    return g


class TestNumberedBlocksWithoutClasses:
    def test_projection_block_joins_as_variant(self):
        # The layers' names carry the block's own name: conv2_block1_1_conv aligns with conv2_block2_1_conv.
        folded = simplify(_keras_blocks(3), check=True)
        (stack,) = [c for c in folded.view("conv2")["children"] if c["type"] == "stack"]
        assert stack["members"] == ["conv2.block2", "conv2.block3", "conv2.block1"]
        (variant,) = stack["variants"]
        assert variant["adds"] == ["conv2.block1.conv2_block1_0_conv/conv"] and variant["lacks"] == []

    def test_names_of_other_stems_are_no_variants(self):
        graph = _keras_blocks(3, names="{i}")  # classless and not numbered names: nothing says they are alike
        folded = simplify(graph, check=True)
        (stack,) = [c for c in folded.view("conv2")["children"] if c["type"] == "stack"]
        assert stack["count"] == 2 and stack["variants"] == []
