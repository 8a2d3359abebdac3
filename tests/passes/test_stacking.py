"""find_stacks: isomorphic siblings, confirmed by a real isomorphism check, in data-flow order."""

from __future__ import annotations

import json
import pathlib
import warnings
from unittest import mock

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tb_plugin import ir
from tb_plugin.hierarchy import Hierarchy
from tb_plugin.levels import level_item_edges
from tb_plugin.passes import _isomorphism, stacking
from tb_plugin.passes.stacking import find_stacks, representative_stacks
from tb_plugin.passes.variants import is_small, variant_edit
from tests.passes.synthetic import deep_model


# -- helpers ------------------------------------------------------------------------------
def op(g: ir.Graph, name: str, op_type: str, module: str, *inputs: str) -> None:
    g.add_node(ir.Node(name, op_type, module=module, inputs=tuple(ir.InputRef(i) for i in inputs)))


def param(g: ir.Graph, name: str, module: str, dims: tuple[int, ...]) -> None:
    g.add_node(ir.Node(name, "parameter", ir.NodeKind.PARAMETER, module=module,
                       outputs=(ir.TensorType(dims, "float32"),)))


def output(g: ir.Graph, *inputs: str) -> None:
    """A graph output reading ``inputs``: the last member's result leaves its module as the others' do."""
    g.add_node(ir.Node(f"output{len(g.nodes)}", "output", ir.NodeKind.OUTPUT, inputs=tuple(map(ir.InputRef, inputs))))


def graph_with_input(name: str = "g") -> ir.Graph:
    g = ir.Graph(name=name)
    g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    return g


def stacked_paths(g: ir.Graph, **kwargs) -> list[list[str]]:
    h = Hierarchy(g)
    return [[h.module_paths[m] for m in s.members] for s in find_stacks(h, **kwargs)]


def expanded_structure(h: Hierarchy, mid: int, embedded) -> nx.DiGraph:
    """Module ``mid`` with everything below it as one labelled graph: an oracle independent of the pass.

    Modules contain their items ("contains" edges); item edges of each level carry
    their port labels; a module with nothing drawn below it is not drawn, so not
    there. Two modules are isomorphic in find_stacks' sense exactly when these
    graphs are (roots matched to each other).
    """
    levels = level_item_edges(h, skip=lambda e: embedded[e])
    drawn = {h.edge_src[e] for e in range(h.edge_count) if not embedded[e]}
    drawn |= {h.edge_dst[e] for e in range(h.edge_count) if not embedded[e]}
    drawn |= {v for v in range(h.node_count) if not h.hidden[v]}
    n = h.node_count
    shown = {m for m in range(len(h.module_paths))
             if any(v in drawn for v in h.subtree_nodes[h.subtree_start[m]:h.subtree_start[h.subtree_end[m]]])}
    g = nx.DiGraph()
    g.add_node(("m", mid), label="root")
    for m in range(mid, h.subtree_end[mid]):
        if m != mid and m not in shown:
            continue
        if m != mid:
            g.add_node(("m", m), label="module")
        for v in h.module_nodes[m]:
            if v in drawn:
                g.add_node(("n", v), label=(h.nodes[v].kind.value, h.nodes[v].op))
                g.add_edge(("m", m), ("n", v), label="contains")
        for c in h.module_children[m]:
            if c in shown:
                g.add_edge(("m", m), ("m", c), label="contains")
        for (a, b), eids in levels.get(m, {}).items():
            ends = [("n", x) if x < n else ("m", x - n) for x in (a, b)]
            ports = sorted({(h.edge_out[e] if a < n else -1, h.edge_in[e] if b < n else -1) for e in eids})
            if a < n and b < n:
                ports = sorted((h.edge_out[e], h.edge_in[e]) for e in eids)
            g.add_edge(*ends, label=("data", tuple(ports)))
    return g


def assert_really_isomorphic(h: Hierarchy, stack, embedded) -> None:
    """Exact members are isomorphic to the representative; variants differ by a small aligned edit."""
    reference = expanded_structure(h, stack.members[0], embedded)
    for variant in stack.variants:
        assert is_small(variant_edit(h, embedded, stack.members[0], variant.member), 0.1)
    for member in stack.exact_members[1:]:
        assert nx.is_isomorphic(
            reference, expanded_structure(h, member, embedded),
            node_match=lambda x, y: x["label"] == y["label"], edge_match=lambda x, y: x["label"] == y["label"],
        ), f"{h.module_paths[member]} is not isomorphic to {h.module_paths[stack.members[0]]}"


def assert_valid_stacks(h: Hierarchy, stacks, embedded, min_size: int = 2) -> None:
    seen: set[int] = set()
    levels = level_item_edges(h, skip=lambda e: embedded[e])
    for s in stacks:
        assert len(s.members) >= min_size
        assert {h.module_parent[m] for m in s.members} == {s.parent}
        assert not seen & set(s.members), "a module is in two stacks"
        seen |= set(s.members)
        assert_really_isomorphic(h, s, embedded)
    for parent in {s.parent for s in stacks}:
        view = nx.DiGraph(list(levels.get(parent, {})))
        if not nx.is_directed_acyclic_graph(view):
            continue
        here = [s for s in stacks if s.parent == parent]
        for s in here:  # exact members in data-flow order: no path from a later one to an earlier one
            items = [h.module_item(m) for m in s.exact_members if h.module_item(m) in view]
            assert not any(nx.has_path(view, b, a) for i, a in enumerate(items) for b in items[i + 1:])
        merged = {h.module_item(m): h.module_item(s.members[0]) for s in here for m in s.members}
        contracted = nx.DiGraph()
        contracted.add_edges_from((merged.get(a, a), merged.get(b, b)) for a, b in view.edges)
        contracted.remove_edges_from(nx.selfloop_edges(contracted))
        assert nx.is_directed_acyclic_graph(contracted), "stacking added a cycle to the parent's view"


def default_embedded(h: Hierarchy) -> list[bool]:
    return h.hidden_edges()


def chain_of_blocks(n: int, *, registered_backwards: bool = False) -> ir.Graph:
    """``n`` blocks (MatMul -> Relu in module ``layers.i``) chained by data flow."""
    g = graph_with_input("chain")
    for i in reversed(range(n)) if registered_backwards else range(n):
        g.add_module(f"layers.{i}", "Block")
    prev = "x"
    for i in range(n):
        param(g, f"w{i}", f"layers.{i}", (4, 4))
        op(g, f"mm{i}", "MatMul", f"layers.{i}", prev, f"w{i}")
        op(g, f"relu{i}", "Relu", f"layers.{i}", f"mm{i}")
        prev = f"relu{i}"
    output(g, prev)
    return g


# -- hand-built graphs ------------------------------------------------------------------------
class TestFindStacks:
    def test_empty(self):
        assert find_stacks(Hierarchy(ir.Graph())) == []

    def test_no_repeats_changes_nothing(self, tiny_graph):
        assert find_stacks(Hierarchy(tiny_graph)) == []

    def test_chain_of_twelve_in_data_flow_order(self):
        g = chain_of_blocks(12, registered_backwards=True)
        (stack,) = find_stacks(Hierarchy(g))
        h = Hierarchy(g)
        assert [h.module_paths[m] for m in stack.members] == [f"layers.{i}" for i in range(12)]
        assert stack.class_name == "Block" and stack.parent == h.module_id["layers"]
        assert stack.differences == ()

    def test_min_size(self):
        assert stacked_paths(chain_of_blocks(3), min_size=4) == []
        assert stacked_paths(chain_of_blocks(4), min_size=4) == [[f"layers.{i}" for i in range(4)]]
        with pytest.raises(ValueError, match="min_size"):
            find_stacks(Hierarchy(chain_of_blocks(2)), min_size=1)

    def test_bad_embedded_length(self):
        with pytest.raises(ValueError, match="one flag per edge"):
            find_stacks(Hierarchy(chain_of_blocks(2)), embedded=[False])

    def test_a_child_with_nothing_drawn_is_no_structure(self):
        """ALBERT's first call of its shared layer holds the unused modules it declares; later calls do not."""
        g = graph_with_input()
        for i in range(3):
            op(g, f"r{i}", "Relu", f"layers.{i}.act", f"r{i - 1}" if i else "x")
        g.add_module("layers.0.unused_dropout", "Dropout")
        output(g, "r2")
        assert stacked_paths(g) == [["layers.0", "layers.1", "layers.2"]]

    def test_outsider_between_members(self):
        """a -> x -> b with a, b isomorphic: one item for a and b would close a cycle through x."""
        g = graph_with_input()
        op(g, "a", "Relu", "a", "x")
        op(g, "mid", "Neg", "x_", "a")
        op(g, "b", "Relu", "b", "mid")
        assert stacked_paths(g) == []

    def test_outsider_between_non_consecutive_members(self):
        """m1 -> x -> m3 with m2 parallel: m1 and m2 stack, m3 cannot join them."""
        g = graph_with_input()
        op(g, "r1", "Relu", "m1", "x")
        op(g, "r2", "Relu", "m2", "x")
        op(g, "neg", "Neg", "", "r1")
        op(g, "r3", "Relu", "m3", "neg")
        output(g, "r2", "r3")
        assert stacked_paths(g) == [["m1", "m2"]]

    def test_parallel_siblings(self):
        g = graph_with_input()
        for name in ("q", "k", "v"):
            param(g, f"{name}.weight", name, (4, 4))
            op(g, name, "Linear", name, "x", f"{name}.weight")
        op(g, "sum", "Add", "", "q", "k")
        op(g, "out", "Mul", "", "sum", "v")
        assert stacked_paths(g) == [["q", "k", "v"]]

    def test_modules_without_drawn_items_never_stack(self):
        g = graph_with_input()
        param(g, "a.w", "a", (2,))
        param(g, "b.w", "b", (2,))
        op(g, "use", "Add", "", "x", "a.w", "b.w")
        assert stacked_paths(g) == []

    def test_same_ops_different_ports_not_stacked(self):
        """Sub(relu, exp) vs Sub(exp, relu): same op multiset, different wiring."""
        g = graph_with_input()
        for m, first, second in (("a", "Relu", "Exp"), ("b", "Exp", "Relu")):
            op(g, f"{m}1", first, m, "x")
            op(g, f"{m}2", second, m, "x")
            op(g, f"{m}.sub", "Sub", m, f"{m}1", f"{m}2")
        assert stacked_paths(g) == []

    def test_weight_shapes_differ(self):
        g = graph_with_input()
        prev = "x"
        for i, dims in enumerate([(8, 4), (8, 8), (2, 8)]):
            param(g, f"fc{i}.weight", f"fc{i}", dims)
            inputs = (ir.InputRef(prev), ir.InputRef(f"fc{i}.weight"))
            g.add_node(ir.Node(f"mm{i}", "Linear", module=f"fc{i}", inputs=inputs,
                               outputs=(ir.TensorType((1, dims[0]), "float32"),), attrs={"bias": i == 2}))
            prev = f"mm{i}"
        output(g, prev)
        h = Hierarchy(g)
        (stack,) = find_stacks(h)
        assert [h.module_paths[m] for m in stack.members] == ["fc0", "fc1", "fc2"]
        found = {(h.module_paths[d.module], d.node, d.member_node, d.field): (d.representative, d.member)
                 for d in stack.differences}
        assert found == {
            ("fc1", "fc0.weight", "fc1.weight", "shape"): ((8, 4), (8, 8)),
            ("fc2", "fc0.weight", "fc2.weight", "shape"): ((8, 4), (2, 8)),
            ("fc2", "mm0", "mm2", "shape"): ((1, 8), (1, 2)),
            ("fc2", "mm0", "mm2", "attrs.bias"): (False, True),
        }
        payload = json.loads(json.dumps(stack.to_json(h)))
        assert payload["member_paths"] == ["fc0", "fc1", "fc2"] and payload["count"] == 3
        assert {"node": "fc0.weight", "member_node": "fc1.weight", "field": "shape", "representative": [8, 4],
                "member": [8, 8], "module": h.module_id["fc1"]} in payload["differences"]

    def test_child_class_names_recorded(self):
        g = graph_with_input()
        g.add_module("a.act", "ReLU")
        g.add_module("b.act", "CustomReLU")
        op(g, "ra", "Relu", "a.act", "x")
        op(g, "rb", "Relu", "b.act", "x")
        h = Hierarchy(g)
        outer = [s for s in find_stacks(h) if s.parent == 0]
        (stack,) = outer
        assert [(d.node, d.member_node, d.field, d.representative, d.member) for d in stack.differences] == [
            ("a.act", "b.act", "class_name", "ReLU", "CustomReLU")
        ]

    def test_nested_stacks(self):
        g = graph_with_input()
        prev = "x"
        for i in range(3):
            layer = f"layers.{i}"
            for name in "qkv":
                op(g, f"{name}{i}", "Linear", f"{layer}.{name}", prev)
            op(g, f"sum{i}", "Add", layer, f"q{i}", f"k{i}", f"v{i}")
            prev = f"sum{i}"
        output(g, prev)
        h = Hierarchy(g)
        stacks = find_stacks(h)
        paths = [[h.module_paths[m] for m in s.members] for s in stacks]
        assert paths == [["layers.0", "layers.1", "layers.2"]] + [[f"layers.{i}.{n}" for n in "qkv"] for i in range(3)]
        shown = representative_stacks(h, stacks)
        assert [[h.module_paths[m] for m in s.members] for s in shown] == paths[:2]

    def test_cyclic_module_and_cyclic_parent(self):
        """A TF-style loop inside each member, and a back edge at the parent's level."""
        g = graph_with_input()
        for m, src in (("loop0", "x"), ("loop1", "loop0.exit")):
            g.add_node(ir.Node(f"{m}.merge", "Merge", module=m, inputs=(ir.InputRef(src), ir.InputRef(f"{m}.next"))))
            op(g, f"{m}.body", "Add", m, f"{m}.merge")
            op(g, f"{m}.next", "NextIteration", m, f"{m}.body")
            op(g, f"{m}.exit", "Exit", m, f"{m}.body")
        output(g, "loop1.exit")
        assert stacked_paths(g) == [["loop0", "loop1"]]
        h = Hierarchy(g)
        assert_valid_stacks(h, find_stacks(h), default_embedded(h))

    def test_equal_wl_hash_but_not_isomorphic(self):
        """A directed 6-cycle and two directed 3-cycles: WL cannot tell them apart; the real check does."""
        def cycle_module(g, module, cycles):
            for c, length in enumerate(cycles):
                for i in range(length):
                    op(g, f"{module}.{c}.{i}", "Relu", module, f"{module}.{c}.{(i + 1) % length}")

        g = ir.Graph()
        cycle_module(g, "six", [6])
        cycle_module(g, "threes", [3, 3])
        h = Hierarchy(g)
        index = _isomorphism.ClassIndex()
        hashes = []
        for path in ("six", "threes"):
            mid = h.module_id[path]
            edges = [(h.edge_src[e], h.edge_dst[e], 0) for e in range(h.edge_count)
                     if h.node_module[h.edge_src[e]] == mid]
            first = h.module_nodes[mid][0]
            edges = tuple(sorted(_isomorphism.pack_edge(u - first, v - first, lab) for u, v, lab in edges))
            labels = (index.intern("Relu"),) * 6
            hashes.append(_isomorphism.wl_hash(_isomorphism.wl_colors(labels, edges, index.intern), edges))
        assert hashes[0] == hashes[1]
        assert stacked_paths(g) == []
        cycle_module(g, "six_again", [6])
        assert stacked_paths(g) == [["six", "six_again"]]

    def test_search_is_bounded(self, caplog):
        """6-cycles against 6- and 3-cycles: WL cannot tell them apart, and VF2's time grows fast with size."""
        g = ir.Graph()
        for module, cycles in (("sixes", [6] * 10), ("mixed", [6, 3, 3] * 5)):
            for c, length in enumerate(cycles):
                for i in range(length):
                    op(g, f"{module}.{c}.{i}", "Relu", module, f"{module}.{c}.{(i + 1) % length}")
        assert stacked_paths(g) == []
        assert "isomorphism searches were too large or too long" in caplog.text

    def test_few_wl_rounds_fail_stable_colours_confirm(self):
        """Two same-op chains told apart only at their far end, built in the other order in b."""
        g = graph_with_input()
        for m, order in (("a", (0, 1)), ("b", (1, 0))):
            for chain in order:
                prev = "x"
                for i in range(2 * _isomorphism.WL_ROUNDS):
                    op(g, f"{m}{chain}_{i}", "Relu", m, prev)
                    prev = f"{m}{chain}_{i}"
            op(g, f"{m}.sub", "Sub", m, f"{m}0_{i}", f"{m}1_{i}")
        with mock.patch.object(_isomorphism, "_BoundedMatcher", wraps=_isomorphism._BoundedMatcher) as matcher:
            assert stacked_paths(g) == [["a", "b"]]
        assert not matcher.called

    def test_symmetric_parts_need_the_search(self):
        """Two identical branches: colours cannot pair them, VF2 finds the bijection."""
        g = graph_with_input()
        for m, names in (("a", ("r1", "n1", "r2", "n2")), ("b", ("r1", "r2", "n2", "n1"))):
            for name in names:
                relu = name.startswith("r")
                op(g, f"{m}.{name}", "Relu" if relu else "Neg", m, "x" if relu else f"{m}.r{name[1]}")
        with mock.patch.object(_isomorphism, "_BoundedMatcher", wraps=_isomorphism._BoundedMatcher) as matcher:
            assert stacked_paths(g) == [["a", "b"]]
        assert matcher.called

    def test_constant_hash_changes_nothing(self):
        g = chain_of_blocks(5)
        op(g, "side", "Relu", "side", "x")
        baseline = find_stacks(Hierarchy(g))
        with mock.patch.object(_isomorphism, "wl_hash", return_value=0):
            assert find_stacks(Hierarchy(g)) == baseline


# -- property test ----------------------------------------------------------------------------
@st.composite
def random_graphs(draw) -> ir.Graph:
    """A random module tree and nodes, plus copies of a random module template (so stacks are common).

    Ops come from a tiny alphabet; edges go anywhere (cycles and self-loops
    included). Each copy is wired to the rest at random (chains, parallels,
    outsiders in between) and may be mutated (near misses).
    """
    n_modules = draw(st.integers(1, 6))
    paths = [""]
    for i in range(1, n_modules):
        paths.append(ir.join_path(paths[draw(st.integers(0, i - 1))], f"m{i}"))
    g = ir.Graph(name="random")
    for p in paths[1:]:
        g.add_module(p, draw(st.sampled_from(["A", "B"])))
    names: list[str] = []
    ops = st.sampled_from(["Relu", "Add"])

    def add(name, module, kind, op_type, inputs):
        g.add_node(ir.Node(name, op_type, ir.NodeKind(kind), module=module, inputs=tuple(inputs)))
        names.append(name)

    def any_ref(pool_size):
        return st.builds(ir.InputRef, st.sampled_from([f"n{j}" for j in range(pool_size)]), st.integers(0, 1))

    n_nodes = draw(st.integers(1, 10))
    for i in range(n_nodes):
        kind = draw(st.sampled_from(["op", "op", "op", "parameter"]))
        inputs = [] if kind == "parameter" else draw(st.lists(any_ref(n_nodes), max_size=3))
        add(f"n{i}", draw(st.sampled_from(paths)), kind, draw(ops), inputs)
    # a template: nodes in the instance or its child "c", inputs from earlier template nodes or from outside
    size = draw(st.integers(1, 4))
    template = []
    for i in range(size):
        kind = draw(st.sampled_from(["op", "op", "parameter"])) if i else "op"
        internal = [] if kind == "parameter" or not i else draw(st.lists(st.integers(0, i - 1), max_size=2))
        template.append((kind, draw(ops), draw(st.booleans()), internal, kind == "op" and draw(st.booleans())))
    parent = draw(st.sampled_from(paths))
    for j in range(draw(st.integers(2, 4))):
        base = ir.join_path(parent, f"t{j}")
        mutate = draw(st.integers(-1, size * 3))  # one node of one copy may get another op
        for i, (kind, op_type, in_child, internal, external) in enumerate(template):
            inputs = [ir.InputRef(f"{base}.{k}") for k in internal]
            if external:
                inputs.append(draw(st.builds(ir.InputRef, st.sampled_from(names), st.integers(0, 1))))
            op_type = "Neg" if mutate == i else op_type
            add(f"{base}.{i}", ir.join_path(base, "c") if in_child else base, kind, op_type, inputs)
    return g


class TestProperties:
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(random_graphs(), st.integers(2, 3))
    def test_stacks_are_valid(self, g, min_size):
        h = Hierarchy(g)
        embedded = default_embedded(h)
        stacks = find_stacks(h, embedded=embedded, min_size=min_size)
        assert_valid_stacks(h, stacks, embedded, min_size)
        with mock.patch.object(_isomorphism, "wl_hash", return_value=0):
            assert find_stacks(h, embedded=embedded, min_size=min_size) == stacks

    @settings(max_examples=100, deadline=None)
    @given(random_graphs(), st.data())
    def test_any_embedding(self, g, data):
        h = Hierarchy(g)
        embedded = data.draw(st.lists(st.booleans(), min_size=h.edge_count, max_size=h.edge_count))
        assert_valid_stacks(h, find_stacks(h, embedded=embedded), embedded)


def structures_and_stacks(h: Hierarchy, embedded, structure) -> tuple[dict, list]:
    """find_stacks with ``structure`` building each module's structure: module id -> structure, and the stacks."""
    seen: dict[int, tuple] = {}
    add = _isomorphism.ClassIndex.add

    def recording_add(classes, mid, s):
        seen[mid] = (s.items, s.labels, s.edges, s.components)
        return add(classes, mid, s)

    with mock.patch.object(stacking, "_structure", structure), \
            mock.patch.object(_isomorphism.ClassIndex, "add", recording_add):
        stacks = find_stacks(h, embedded=embedded)
    return seen, stacks


class TestLoneItemStructure:
    """The shortcut for a module of one item and no item edge builds what the general path builds."""

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(random_graphs(), st.data())
    def test_same_structures_and_stacks(self, g, data):
        h = Hierarchy(g)
        embedded = data.draw(st.one_of(
            st.just(default_embedded(h)), st.lists(st.booleans(), min_size=h.edge_count, max_size=h.edge_count)))
        fast, stacks = structures_and_stacks(h, embedded, stacking._structure)
        general, general_stacks = structures_and_stacks(h, embedded, stacking._general_structure)
        assert fast == general
        assert stacks == general_stacks
        assert [s.matching for s in stacks] == [s.matching for s in general_stacks]

    def test_lone_nodes_and_a_lone_child_module(self):
        g = graph_with_input()
        op(g, "relu", "Relu", "layer0", "x")
        op(g, "add", "Add", "layer1", "relu", "relu")  # one tensor read at two ports
        op(g, "neg", "Neg", "layer2.inner", "add")  # layer2's lone item is a module
        output(g, "neg", "relu")
        h = Hierarchy(g)
        with mock.patch.object(stacking, "_lone_item_structure", wraps=stacking._lone_item_structure) as lone:
            fast, _ = structures_and_stacks(h, default_embedded(h), stacking._structure)
        general, _ = structures_and_stacks(h, default_embedded(h), stacking._general_structure)
        assert lone.call_count == 4  # every module but the root
        assert fast == general


@st.composite
def nested_graphs(draw) -> ir.Graph:
    """Copies of a layer that holds copies of a block (stacks inside stacked members), wired at random.

    Blocks read the previous block, the layer's input or an earlier node of
    their own; one node of one block of one layer may get another op, and one
    block may read a second tensor (so inner runs differ between layers).
    """
    g = graph_with_input("nested")
    g.add_module("layers", "Layers")
    block = []
    for i in range(draw(st.integers(1, 3))):
        inner = [] if not i else draw(st.lists(st.integers(0, i - 1), max_size=2))
        block.append((draw(st.sampled_from(["Relu", "Add"])), inner, draw(st.booleans())))
    n_blocks, n_layers = draw(st.integers(2, 3)), draw(st.integers(2, 4))
    # (layer, block, node); layer n_layers is none: no mutation, no extra read
    mutate = draw(st.tuples(st.integers(0, n_layers), st.integers(0, n_blocks - 1), st.integers(0, len(block) - 1)))
    extra = draw(st.tuples(st.integers(0, n_layers), st.integers(0, n_blocks - 1)))
    x = "x"
    for j in range(n_layers):
        layer = f"layers.{j}"
        g.add_module(layer, "Layer")
        prev = x
        for k in range(n_blocks):
            base = f"{layer}.b{k}"
            g.add_module(base, "Block")
            for i, (op_type, inner, reads_layer_input) in enumerate(block):
                inputs = [f"{base}.{q}" for q in inner] or [prev]
                if reads_layer_input:
                    inputs.append(x)
                if (j, k) == extra[:2] and i == 0:
                    inputs.append(f"{layer}.b0.0" if k else x)
                op(g, f"{base}.{i}", "Neg" if mutate == (j, k, i) else op_type, base, *inputs)
            prev = f"{base}.{len(block) - 1}"
        x = prev
    output(g, x)
    return g


class _Forgets(dict):
    """A dict that keeps nothing: a class index with it finds no module's twin."""

    def __setitem__(self, key, value) -> None:
        pass


class TestConfirmedStacks:
    """Stacks inside members of a stack are confirmed from the outer pairing, not checked again, and
    modules of equal structure share their sibling runs; the stacks are those that checking each
    stack, and finding each module's runs, would give."""

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(nested_graphs())
    def test_same_stacks_as_checking_each(self, g):
        h = Hierarchy(g)
        embedded = default_embedded(h)
        stacks = find_stacks(h, embedded=embedded)
        init = _isomorphism.ClassIndex.__init__

        def without_twins(classes):
            init(classes)
            classes.twin_of = _Forgets()

        with mock.patch.object(stacking._Confirmed, "members", return_value=None), \
                mock.patch.object(_isomorphism.ClassIndex, "__init__", without_twins):
            checked = find_stacks(h, embedded=embedded)
        assert stacks == checked
        assert [s.matching for s in stacks] == [s.matching for s in checked]
        assert_valid_stacks(h, stacks, embedded)

    def test_inner_stacks_of_members_are_not_checked_again(self):
        h = Hierarchy(deep_model(4, 20))
        with mock.patch.object(stacking, "_verified_members", wraps=stacking._verified_members) as checked:
            stacks = find_stacks(h)
        assert [h.module_paths[s.parent] for s in stacks] == ["layers"] + [f"layers.{i}.attn" for i in range(4)]
        checked_parents = {h.module_paths[h.module_parent[call.args[3][0]]] for call in checked.call_args_list}
        assert checked_parents == {"layers", "layers.0.attn"}  # the outer stack, and the one in its representative
        assert_valid_stacks(h, stacks, default_embedded(h))


# -- synthetic and real models ----------------------------------------------------------------
class TestModels:
    def test_synthetic_deep_model(self):
        g = deep_model(20, 20)
        h = Hierarchy(g)
        stacks = find_stacks(h)
        layers = [s for s in stacks if h.module_paths[s.parent] == "layers"]
        assert len(layers) == 1 and len(layers[0].members) == 20
        assert_valid_stacks(h, stacks, default_embedded(h))

    def test_node_order_does_not_change_stacks(self):
        """Shuffled, a ViT's layers pair their dropouts across look-alike children differently at each
        level; the composed pairing is checked on the flattened layers and searched for again."""
        import random

        from tb_plugin.capture.torch_export import capture_module
        from tb_plugin.simplify import simplify
        from tests.models import tiny_vit

        g = capture_module(*tiny_vit())
        nodes = list(g.nodes.values())
        random.Random(0).shuffle(nodes)
        shuffled = ir.Graph(g.name, g.source_format, g.producer, g.root.class_name)
        for module in list(g.modules.values())[1:]:
            shuffled.add_module(module.path, module.class_name)
        for node in nodes:
            shuffled.add_node(node)
        stacks = [(s.class_name, len(s.members)) for s in simplify(g).state.stacks]
        assert [(s.class_name, len(s.members)) for s in simplify(shuffled, check=True).state.stacks] == stacks

    def test_bert(self):
        from tb_plugin.capture.torch_export import capture_module
        from tests.models import tiny_bert

        g = capture_module(*tiny_bert(layers=4))
        h = Hierarchy(g)
        stacks = find_stacks(h)
        assert_valid_stacks(h, stacks, default_embedded(h))
        layers = [s for s in stacks if s.class_name.endswith("BertLayer")]
        assert [[h.module_paths[m] for m in s.members] for s in layers] == [[f"encoder.layer.{i}" for i in range(4)]]
        assert layers[0].differences == ()
        shown = [[h.module_paths[m] for m in s.members] for s in representative_stacks(h, stacks)]
        assert [f"encoder.layer.0.attention.self.{n}" for n in ("query", "key", "value")] in shown
        with mock.patch.object(_isomorphism, "wl_hash", return_value=0):
            assert find_stacks(h) == stacks

    def test_gpt2(self):
        from tb_plugin.capture.torch_export import capture_module
        from tests.models import tiny_gpt2

        g = capture_module(*tiny_gpt2(layers=3))
        h = Hierarchy(g)
        stacks = find_stacks(h)
        assert_valid_stacks(h, stacks, default_embedded(h))
        blocks = [[h.module_paths[m] for m in s.members] for s in stacks if s.class_name.endswith("GPT2Block")]
        assert blocks == [["h.0", "h.1", "h.2"]]

    def test_resnet(self):
        from tb_plugin.capture.torch_export import capture_module
        from tests.models import tiny_resnet

        g = capture_module(*tiny_resnet())
        h = Hierarchy(g)
        stacks = find_stacks(h)
        assert_valid_stacks(h, stacks, default_embedded(h))
        paths = {h.module_paths[s.parent]: [h.module_paths[m].rpartition(".")[2] for m in s.members] for s in stacks}
        # stage 0 keeps its width (identity shortcuts); stage 1's first layer has a projection shortcut
        assert paths["encoder.stages.0.layers"] == ["0", "1"]
        assert "encoder.stages.1.layers" not in paths
        # in each bottleneck, the two ReLU conv layers stack; the third (no activation) does not
        assert paths["encoder.stages.1.layers.0.layer"] == ["0", "1"]

    def test_graphdef_from_add_graph(self, tmp_path: pathlib.Path):
        from tb_plugin.capture.graphdef import capture_graphdef
        from tests.capture.test_graphdef import logged_graph_def
        from tests.models import tiny_bert

        model, inputs = tiny_bert(layers=3)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = capture_graphdef(logged_graph_def(tmp_path, model, inputs), name="bert")
        h = Hierarchy(g)
        stacks = find_stacks(h)
        assert_valid_stacks(h, stacks, default_embedded(h))
        layers = [[h.module_paths[m] for m in s.members] for s in stacks if s.class_name == "BertLayer"]
        assert layers == [[f"encoder.layer.{i}" for i in range(3)]]
