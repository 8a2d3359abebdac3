"""StackIsomorphicModulesPass: the wrapper's ensures catches stacks that are not what they claim."""

import dataclasses

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from tb_plugin import ir
from tb_plugin.hierarchy import Hierarchy
from tb_plugin.passes import EmbedConstantsPass, PassError, StackIsomorphicModulesPass, run_passes
from tb_plugin.passes.stack_witness import Wiring
from tb_plugin.passes.stacking import Stack
from tests.passes.synthetic import deep_model


def _two_blocks(second_op: str) -> ir.Graph:
    g = ir.Graph()
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    g.add_node(ir.Node("a", "Relu", module="b0", inputs=(ir.InputRef("x"),)))
    g.add_node(ir.Node("b", second_op, module="b1", inputs=(ir.InputRef("a"),)))
    # b1's result must leave it as b0's does: members are compared with their boundary wiring
    g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("b"),)))
    return g


def test_isomorphic_blocks_stack():
    state = run_passes(_two_blocks("Relu"), [EmbedConstantsPass(), StackIsomorphicModulesPass()], check=True)
    assert [len(s.members) for s in state.stacks] == [2]


def test_forged_stack_is_caught():
    state = run_passes(_two_blocks("Tanh"), [EmbedConstantsPass(), StackIsomorphicModulesPass()], check=True)
    assert state.stacks == ()
    h = state.hierarchy
    pairing = (((h.node_id["a"], h.node_id["b"]),),)
    forged = Stack(parent=0, members=(h.module_id["b0"], h.module_id["b1"]), class_name="", matching=pairing)
    with pytest.raises(PassError, match="'b1' is not isomorphic to 'b0': paired nodes differ in op"):
        StackIsomorphicModulesPass().ensures(dataclasses.replace(state, stacks=(forged,)))
    unpaired = dataclasses.replace(forged, matching=())
    with pytest.raises(PassError, match="no verified pairing"):
        StackIsomorphicModulesPass().ensures(dataclasses.replace(state, stacks=(unpaired,)))


def _self_and_cross_attention() -> ir.Graph:
    """Two layers with the same ops: ``self`` reads x twice, ``cross`` reads x and the encoder's ``memory``."""
    g = ir.Graph()
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    g.add_node(ir.Node("memory", "input", ir.NodeKind.INPUT))
    g.add_node(ir.Node("q0", "Linear", module="self", inputs=(ir.InputRef("x"),)))
    g.add_node(ir.Node("kv0", "Linear", module="self", inputs=(ir.InputRef("x"),)))
    g.add_node(ir.Node("att0", "Attend", module="self", inputs=(ir.InputRef("q0"), ir.InputRef("kv0"))))
    g.add_node(ir.Node("q1", "Linear", module="cross", inputs=(ir.InputRef("att0"),)))
    g.add_node(ir.Node("kv1", "Linear", module="cross", inputs=(ir.InputRef("memory"),)))
    g.add_node(ir.Node("att1", "Attend", module="cross", inputs=(ir.InputRef("q1"), ir.InputRef("kv1"))))
    g.add_node(ir.Node("y", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("att1"),)))
    return g


def test_self_and_cross_attention_do_not_stack():
    state = run_passes(_self_and_cross_attention(), [EmbedConstantsPass(), StackIsomorphicModulesPass()], check=True)
    assert state.stacks == ()


def test_forged_wiring_is_caught():
    state = run_passes(_self_and_cross_attention(), [EmbedConstantsPass(), StackIsomorphicModulesPass()])
    h = state.hierarchy
    pairing = (tuple((h.node_id[a], h.node_id[b]) for a, b in (("q0", "q1"), ("kv0", "kv1"), ("att0", "att1"))),)
    forged = Stack(parent=0, members=(h.module_id["self"], h.module_id["cross"]), class_name="Attention",
                   matching=pairing)
    with pytest.raises(PassError, match="inputs are wired differently"):
        StackIsomorphicModulesPass().ensures(dataclasses.replace(state, stacks=(forged,)))


def test_shared_member_is_caught():
    state = run_passes(_two_blocks("Relu"), [EmbedConstantsPass(), StackIsomorphicModulesPass()])
    (stack,) = state.stacks
    with pytest.raises(PassError, match="is in two stacks"):
        StackIsomorphicModulesPass().ensures(dataclasses.replace(state, stacks=(stack, stack)))


class TestPairingProblem:
    """Wiring.pairing_problem gives the verdict of mapped(...).differs_from(...) without renaming."""

    _H = Hierarchy(deep_model(3, 20))

    def _wirings(self):
        h = self._H
        embedded = h.hidden_edges()
        rep, member = h.module_id["layers.0"], h.module_id["layers.1"]
        rep_nodes = [n for n in h.subtree_node_ids(rep) if not h.hidden[n]]
        member_nodes = [n for n in h.subtree_node_ids(member) if not h.hidden[n]]
        return h, embedded, rep, member, rep_nodes, member_nodes

    def test_identical_blocks_pair_in_order(self):
        h, embedded, rep, member, rep_nodes, member_nodes = self._wirings()
        assert Wiring(h, embedded, rep).pairing_problem(h, embedded, member, dict(zip(rep_nodes, member_nodes))) == ""

    def test_missing_node(self):
        h, embedded, rep, member, rep_nodes, member_nodes = self._wirings()
        pairs = dict(zip(rep_nodes[1:], member_nodes[1:]))
        assert "leaves out" in Wiring(h, embedded, rep).pairing_problem(h, embedded, member, pairs)

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=3), st.booleans())
    def test_agrees_with_renaming(self, swaps, outside):
        h, embedded, rep, member, rep_nodes, member_nodes = self._wirings()
        targets = list(member_nodes)
        for i, j in swaps:
            targets[i], targets[j] = targets[j], targets[i]
        if outside:  # pair a node with one of another module
            targets[0] = h.module_nodes[h.module_id["layers.2.mlp"]][-1]
        pairs = dict(zip(rep_nodes, targets))
        wiring = Wiring(h, embedded, rep)
        expected = wiring.mapped(pairs).differs_from(Wiring(h, embedded, member))
        assert bool(wiring.pairing_problem(h, embedded, member, pairs)) == bool(expected)
        assert not expected or swaps or outside
