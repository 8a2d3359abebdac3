"""group_repeated_blocks: runs of identical op blocks in flat modules become synthetic modules."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tensorboard.compat.proto import graph_pb2

from tb_plugin import ir
from tb_plugin.capture.graphdef import capture_graphdef
from tb_plugin.hierarchy import Hierarchy
from tb_plugin.passes.repeated_blocks import group_repeated_blocks
from tb_plugin.passes.stacking import find_stacks
from tests.passes.synthetic import deep_model

DENSE = "Repeated[MatMul→BiasAdd→Relu]"


def dense_layers_graph_def(n: int, *, head: bool = True) -> graph_pb2.GraphDef:
    """A flat TensorFlow GraphDef: ``n`` dense layers (MatMul, BiasAdd, Relu) without name scopes."""
    gd = graph_pb2.GraphDef()
    gd.node.add(name="x", op="Placeholder")
    prev = "x"
    for i in range(n):
        gd.node.add(name=f"kernel_{i}", op="VariableV2")
        gd.node.add(name=f"bias_{i}", op="VariableV2")
        gd.node.add(name=f"MatMul_{i}", op="MatMul", input=[prev, f"kernel_{i}"])
        gd.node.add(name=f"BiasAdd_{i}", op="BiasAdd", input=[f"MatMul_{i}", f"bias_{i}"])
        gd.node.add(name=f"Relu_{i}", op="Relu", input=[f"BiasAdd_{i}"])
        prev = f"Relu_{i}"
    if head:  # logits: the first two ops of a block, then Softmax
        gd.node.add(name="logits", op="MatMul", input=[prev, "kernel_0"])
        gd.node.add(name="logits_bias", op="BiasAdd", input=["logits", "bias_0"])
        gd.node.add(name="probs", op="Softmax", input=["logits_bias"])
    return gd


def chain(ops: list[str], module: str = "") -> ir.Graph:
    """One op after another in ``module``, each reading the previous."""
    g = ir.Graph(name="chain")
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    prev = "x"
    for i, op_type in enumerate(ops):
        g.add_node(ir.Node(f"op{i}", op_type, module=module, inputs=(ir.InputRef(prev),)))
        prev = f"op{i}"
    return g


class TestGroupRepeatedBlocks:
    def test_flat_dense_layers(self):
        g = capture_graphdef(dense_layers_graph_def(12), name="flat")
        before = g.dump()
        grouped, created = group_repeated_blocks(g)
        assert g.dump() == before, "the input graph changed"
        grouped.lint()
        assert created == [f"repeat0_{j}" for j in range(12)]
        for j in range(12):
            assert grouped.modules[f"repeat0_{j}"].class_name == DENSE
            inside = sorted(n.name for n in grouped.nodes.values() if n.module == f"repeat0_{j}")
            own_parameters = [f"kernel_{j}", f"bias_{j}"] if j else []
            assert inside == sorted([f"MatMul_{j}", f"BiasAdd_{j}", f"Relu_{j}"] + own_parameters)
        # kernel_0 and bias_0 are shared with the head, so they stay where they were
        assert grouped.node("kernel_0").module == "" and grouped.node("logits").module == ""
        h = Hierarchy(grouped)
        (stack,) = find_stacks(h)
        assert [h.module_paths[m] for m in stack.members] == created and stack.class_name == DENSE

    def test_no_repeats_unchanged(self):
        ops = ["MatMul", "Relu", "Tanh", "Softmax", "Neg", "Exp"]
        grouped, created = group_repeated_blocks(chain(ops))
        assert created == [] and grouped.dump() == chain(ops).dump()

    def test_copies_are_independent(self):
        g = capture_graphdef(dense_layers_graph_def(3), name="flat")
        grouped, _ = group_repeated_blocks(g)
        grouped.node("MatMul_1").attrs["changed"] = True
        grouped.node("MatMul_1").meta["changed"] = True
        assert "changed" not in g.node("MatMul_1").attrs and "changed" not in g.node("MatMul_1").meta

    def test_modules_with_children_untouched(self):
        g = chain(["MatMul", "Relu"] * 4, module="enc")
        g.add_module("enc.sub")
        grouped, created = group_repeated_blocks(g)
        assert created == [] and grouped.dump() == g.dump()

    def test_inside_a_module(self):
        grouped, created = group_repeated_blocks(chain(["MatMul", "Relu"] * 3, module="enc"))
        assert created == ["enc.repeat0_0", "enc.repeat0_1", "enc.repeat0_2"]
        assert grouped.node("op3").module == "enc.repeat0_1"

    def test_min_repeats_and_sizes(self):
        g = chain(["MatMul", "BiasAdd", "Relu"] * 2)
        assert group_repeated_blocks(g, min_repeats=3)[1] == []
        assert len(group_repeated_blocks(g)[1]) == 2
        assert group_repeated_blocks(g, min_block_ops=4)[1] == []
        with pytest.raises(ValueError, match="min_repeats"):
            group_repeated_blocks(g, min_repeats=1)

    def test_wiring_decides_the_period(self):
        """Relu, Add repeats every 2 ops, but Add reads (a, a) in even blocks and (a, previous) in odd ones."""
        g = ir.Graph()
        g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
        prev = "x"
        for i in range(6):
            g.add_node(ir.Node(f"a{i}", "Relu", inputs=(ir.InputRef(prev),)))
            second = prev if i % 2 else f"a{i}"
            g.add_node(ir.Node(f"b{i}", "Add", inputs=(ir.InputRef(f"a{i}"), ir.InputRef(second))))
            prev = f"b{i}"
        grouped, created = group_repeated_blocks(g)
        assert created == ["repeat0_0", "repeat0_1", "repeat0_2"]
        assert grouped.modules["repeat0_0"].class_name == "Repeated[Relu→Add→Relu→Add]"
        assert [n.name for n in grouped.nodes.values() if n.module == "repeat0_1"] == ["a2", "b2", "a3", "b3"]

    def test_skip_connection_splits_run(self):
        """Block 3 reads block 1 too: data may only flow from one block to the next."""
        g = chain(["MatMul", "Relu"] * 6)
        op6 = g.node("op6")  # first op of block 3
        g2 = ir.Graph()
        for node in g.nodes.values():
            inputs = node.inputs + ((ir.InputRef("op3"),) if node is op6 else ())
            g2.add_node(ir.Node(node.name, node.op, node.kind, node.module, inputs))
        grouped, created = group_repeated_blocks(g2)
        runs = {p.split("_")[0] for p in created}
        assert len(runs) == 2
        assert grouped.node("op3").module.split("_")[0] != grouped.node("op6").module.split("_")[0]

    def test_cycle_in_flat_graph(self):
        g = chain(["MatMul", "Relu"] * 4)
        g.add_node(ir.Node("loop", "Merge", inputs=(ir.InputRef("op7"), ir.InputRef("loop"))))
        grouped, created = group_repeated_blocks(g)
        grouped.lint()
        assert len(created) == 4

    def test_synthetic_deep_model_has_no_flat_modules(self):
        g = deep_model(4, 30)
        grouped, created = group_repeated_blocks(g)
        # the mlp modules have children; nothing is flat and repeated
        assert created == [] and grouped.dump() == g.dump()

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(["MatMul", "Add", "Relu"]), max_size=40), st.integers(2, 3))
    def test_any_op_sequence(self, ops, min_repeats):
        g = chain(ops)
        before = g.dump()
        grouped, created = group_repeated_blocks(g, min_repeats=min_repeats)
        assert g.dump() == before
        grouped.lint()
        assert sorted(n.name for n in grouped.nodes.values()) == sorted(g.nodes)
        by_module: dict[str, list[str]] = {}
        for n in grouped.nodes.values():
            by_module.setdefault(n.module, []).append(n.op)
        runs: dict[str, list[str]] = {}
        for path in created:
            runs.setdefault(path.rsplit("_", 1)[0], []).append(path)
        for blocks in runs.values():
            assert len(blocks) >= min_repeats
            assert len({tuple(by_module[b]) for b in blocks}) == 1


# -- property test ----------------------------------------------------------------------------
@st.composite
def flat_graphs(draw) -> ir.Graph:
    """A random op template repeated in a chain, between random ops, with a few random extra edges."""
    ops = st.sampled_from(["MatMul", "Add", "Relu"])
    g = ir.Graph(name="flat")
    names = ["x"]
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))

    def add(op_type, inputs, kind=ir.NodeKind.OP):
        name = f"n{len(names)}"
        g.add_node(ir.Node(name, op_type, kind, inputs=tuple(ir.InputRef(i) for i in inputs)))
        names.append(name)
        return name

    for _ in range(draw(st.integers(0, 4))):
        add(draw(ops), [draw(st.sampled_from(names))])
    template = [(draw(ops), draw(st.lists(st.integers(0, i - 1), max_size=2)) if i else [])
                for i in range(draw(st.integers(1, 4)))]
    prev = names[-1]
    for _ in range(draw(st.integers(0, 6))):
        block: list[str] = []
        for i, (op_type, internal) in enumerate(template):
            inputs = [block[k] for k in internal] + ([prev] if i == 0 else [])
            if draw(st.integers(0, 9)) == 0:
                inputs.append(add("Const", [], ir.NodeKind.CONSTANT))
            block.append(add(op_type, inputs))
        prev = block[-1]
    for _ in range(draw(st.integers(0, 4))):
        add(draw(ops), [prev, draw(st.sampled_from(names))])
    for _ in range(draw(st.integers(0, 2))):  # extra edges: skips, or back edges making cycles
        target = g.node(draw(st.sampled_from(names)))
        if target.kind is ir.NodeKind.OP:
            target.inputs += (ir.InputRef(draw(st.sampled_from(names))),)
    return g


def _block_graph(grouped: ir.Graph, module: str) -> nx.DiGraph:
    inside = {n.name for n in grouped.nodes.values() if n.module == module and n.kind is ir.NodeKind.OP}
    g = nx.DiGraph()
    g.add_nodes_from((name, {"op": grouped.node(name).op}) for name in inside)
    for name in inside:
        for k, ref in enumerate(grouped.node(name).inputs):
            if ref.node in inside:
                g.add_edge(ref.node, name, ports=g.edges[ref.node, name]["ports"] + ((ref.output, k),)
                           if g.has_edge(ref.node, name) else ((ref.output, k),))
    return g


class TestProperties:
    @settings(max_examples=300, deadline=None)
    @given(flat_graphs(), st.integers(2, 3), st.integers(1, 3))
    def test_runs_are_verified(self, g, min_repeats, min_block_ops):
        before = g.dump()
        grouped, created = group_repeated_blocks(g, min_repeats=min_repeats, min_block_ops=min_block_ops)
        assert g.dump() == before
        grouped.lint()
        assert list(grouped.nodes) == list(g.nodes)
        runs: dict[str, list[str]] = {}
        for path in created:
            runs.setdefault(path.rsplit("_", 1)[0], []).append(path)
        block_of = {n.name: n.module for n in grouped.nodes.values() if n.module in set(created)}
        for blocks in runs.values():
            assert len(blocks) >= min_repeats
            first = _block_graph(grouped, blocks[0])
            assert len(first) >= min_block_ops
            for b in blocks[1:]:
                assert nx.is_isomorphic(first, _block_graph(grouped, b), node_match=lambda x, y: x["op"] == y["op"],
                                        edge_match=lambda x, y: sorted(x["ports"]) == sorted(y["ports"]))
            index = {b: i for i, b in enumerate(blocks)}
            for node in grouped.nodes.values():
                for ref in node.inputs:
                    src, dst = index.get(block_of.get(ref.node)), index.get(block_of.get(node.name))
                    if src is not None and dst is not None and node.kind is ir.NodeKind.OP:
                        assert dst in (src, src + 1), f"{ref.node} (block {src}) feeds {node.name} (block {dst})"
        for node in grouped.nodes.values():  # a moved constant has all its consumers in its block
            if node.module in block_of.values() and node.kind is ir.NodeKind.CONSTANT:
                assert all(block_of.get(c) == node.module for c in grouped.consumers(node.name))
