"""StackIsomorphicModulesPass: the wrapper's ensures catches stacks that are not what they claim."""

import dataclasses

import pytest

from tb_plugin import ir
from tb_plugin.passes import EmbedConstantsPass, PassError, StackIsomorphicModulesPass, run_passes
from tb_plugin.passes.stacking import Stack


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
