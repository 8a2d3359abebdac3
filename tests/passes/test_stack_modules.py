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
    return g


def test_isomorphic_blocks_stack():
    state = run_passes(_two_blocks("Relu"), [EmbedConstantsPass(), StackIsomorphicModulesPass()], check=True)
    assert [len(s.members) for s in state.stacks] == [2]


def test_forged_stack_is_caught():
    state = run_passes(_two_blocks("Tanh"), [EmbedConstantsPass(), StackIsomorphicModulesPass()], check=True)
    assert state.stacks == ()
    h = state.hierarchy
    forged = Stack(parent=0, members=(h.module_id["b0"], h.module_id["b1"]), class_name="", differences=())
    with pytest.raises(PassError, match="'b1' is not isomorphic to 'b0'"):
        StackIsomorphicModulesPass().ensures(dataclasses.replace(state, stacks=(forged,)))


def test_shared_member_is_caught():
    state = run_passes(_two_blocks("Relu"), [EmbedConstantsPass(), StackIsomorphicModulesPass()])
    (stack,) = state.stacks
    with pytest.raises(PassError, match="is in two stacks"):
        StackIsomorphicModulesPass().ensures(dataclasses.replace(state, stacks=(stack, stack)))
