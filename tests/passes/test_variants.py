"""Near-repeat stacking: a first layer with one extra op joins its stack as a variant."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tb_plugin import ir
from tb_plugin.hierarchy import Hierarchy
from tb_plugin.passes import EmbedConstantsPass, PassError, StackIsomorphicModulesPass, run_passes
from tb_plugin.passes.stack_witness import Wiring
from tb_plugin.passes.variants import LabelCounts, cannot_be_small, is_small, variant_edit
from tb_plugin.simplify import simplify
from tb_plugin.views import check_view

_OPS = tuple(f"Op{k}" for k in range(40))  # no repeats inside a layer, which group_blocks would wrap


def _layers(n: int, *, extra_in_first: int = 1, replaced_in_first: int = 0, first_class: str = "Layer",
            skips_in_first: int = 0, inputs_in_first: int = 0) -> ir.Graph:
    """``n`` layers of 40 ops in ``layers.<i>`` (class ``Layer``); layer 0 has ``extra_in_first`` more ops,
    ``replaced_in_first`` of its ops are other ops, its last ``skips_in_first`` ops read the op two
    before them instead of the one just before, and its ops from the fifth on, ``inputs_in_first`` of
    them, also read the layer's input (boundary wiring that the others lack)."""
    g = ir.Graph("near")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    g.add_module("layers", "ModuleList")
    prev = "x"
    for i in range(n):
        path = f"layers.{i}"
        layer_input = prev
        g.add_module(path, first_class if i == 0 else "Layer")
        ops = list(_OPS)
        if i == 0:
            ops[2:2] = ["Bias"] * extra_in_first  # e.g. T5's relative position bias, computed in layer 0 only
            ops[10:10 + replaced_in_first] = ["Other"] * replaced_in_first
        names = []
        for k, op in enumerate(ops):
            name = f"{path}/{k}"
            skip = i == 0 and k >= len(ops) - skips_in_first and k >= 2
            inputs = (ir.InputRef(names[-2] if skip else prev),)
            if i == 0 and 4 <= k < 4 + inputs_in_first:
                inputs += (ir.InputRef(layer_input),)
            g.add_node(ir.Node(name, op, module=path, inputs=inputs))
            names.append(name)
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


class TestOpCountBound:
    """``cannot_be_small`` lets join_variants skip the alignment; it must never rule out a real variant."""

    @staticmethod
    def _bound_and_edit(g: ir.Graph, rep: str, other: str, max_fraction: float = 0.1):
        h = Hierarchy(g)
        embedded = h.hidden_edges()
        rep_wiring, other_wiring = Wiring(h, embedded, h.module_id[rep]), Wiring(h, embedded, h.module_id[other])
        ruled_out = cannot_be_small(LabelCounts.of(rep_wiring), LabelCounts.of(other_wiring), max_fraction)
        variant = variant_edit(h, embedded, h.module_id[rep], h.module_id[other],
                               rep_wiring=rep_wiring, other_wiring=other_wiring)
        return ruled_out, is_small(variant, max_fraction)

    @settings(max_examples=80, deadline=None)
    @given(extra=st.integers(0, 45), replaced=st.integers(0, 15), skips=st.integers(0, 6), inputs=st.integers(0, 6),
           max_fraction=st.sampled_from([0.02, 0.05, 0.1, 0.2]))
    def test_never_rules_out_a_small_variant(self, extra, replaced, skips, inputs, max_fraction):
        g = _layers(2, extra_in_first=extra, replaced_in_first=replaced, skips_in_first=skips, inputs_in_first=inputs)
        ruled_out, small = self._bound_and_edit(g, "layers.1", "layers.0", max_fraction)
        assert not (ruled_out and small)
        # and the other way round: the first layer as the representative
        ruled_out, small = self._bound_and_edit(g, "layers.0", "layers.1", max_fraction)
        assert not (ruled_out and small)

    def test_rules_out_what_lacks_too_much_without_aligning(self):
        ruled_out, small = self._bound_and_edit(_layers(2, replaced_in_first=12), "layers.1", "layers.0")
        assert ruled_out and not small

    def test_rules_out_other_wiring_of_the_same_ops(self):
        # the same ops, but 6 of layer 0's edges skip an op (as a stride block lacks its residual add)
        ruled_out, small = self._bound_and_edit(_layers(2, extra_in_first=0, skips_in_first=12), "layers.1", "layers.0")
        assert ruled_out and not small

    def test_rules_out_an_insertion_larger_than_the_representative(self):
        ruled_out, small = self._bound_and_edit(_layers(2, extra_in_first=41), "layers.1", "layers.0")
        assert ruled_out and not small

    def test_keeps_a_near_repeat(self):
        assert self._bound_and_edit(_layers(2, extra_in_first=1), "layers.1", "layers.0") == (False, True)


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
