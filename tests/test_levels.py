"""Edge placement and the item edges of every view, against plain definitions on random module trees.

The index builds these with C iterators and shortcuts (``tb_plugin.hierarchy``,
``tb_plugin.levels``); the references here walk every edge one step at a time,
as the definitions read.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from tb_plugin import ir
from tb_plugin.graph_algorithms import longest_path_ranks
from tb_plugin.hierarchy import Hierarchy
from tb_plugin.levels import boundary_item_edges, level_item_edges
from tb_plugin.passes.prune_edges import _may_span


@st.composite
def graphs(draw) -> ir.Graph:
    """Nodes in random modules of a random tree (depth up to 4), each reading up to three earlier nodes."""
    paths = [""]
    for _ in range(draw(st.integers(0, 12))):
        parent = draw(st.sampled_from(paths))
        paths.append(ir.join_path(parent, f"m{len(paths)}"))
    g = ir.Graph()
    for i in range(draw(st.integers(1, 25))):
        sources = draw(st.lists(st.integers(0, i - 1), max_size=3)) if i else []
        module = draw(st.sampled_from(paths))
        g.add_node(ir.Node(f"n{i}", "Op", module=module, inputs=tuple(ir.InputRef(f"n{s}") for s in sources)))
    for path in paths[1:]:
        g.add_module(path)
    return g


def _placement(h: Hierarchy) -> tuple[list[int], list[int], list[int]]:
    """Per edge: the lowest common ancestor of its ends' modules, and each end's item there."""
    levels, sources, targets = [], [], []
    for src, dst in zip(h.edge_src, h.edge_dst):
        level = h.lca(h.node_module[src], h.node_module[dst])
        levels.append(level)
        sources.append(h.item_at(level, src))
        targets.append(h.item_at(level, dst))
    return levels, sources, targets


def _level_edges(h: Hierarchy, skip, display) -> dict:
    levels, sources, targets = _placement(h)
    out: dict = {}
    for eid in range(h.edge_count):
        if skip(eid):
            continue
        a, b = display.get(sources[eid], sources[eid]), display.get(targets[eid], targets[eid])
        out.setdefault(levels[eid], {}).setdefault((a, b), []).append(eid)
    return out


def _boundary_edges(h: Hierarchy, skip) -> dict:
    """Every module below an edge's drawing level that holds one end, keyed as boundary_item_edges keys it."""
    levels, _, _ = _placement(h)
    out: dict = {}
    for eid in range(h.edge_count):
        if skip(eid):
            continue
        src, dst = h.edge_src[eid], h.edge_dst[eid]
        for entering, node in ((True, dst), (False, src)):
            for mid in h.chain[h.node_module[node]]:
                if h.module_depth[mid] > h.module_depth[levels[eid]]:
                    key = (entering, src, h.edge_out[eid], h.item_at(mid, node))
                    out.setdefault(mid, {}).setdefault(key, []).append(eid)
    return out


@settings(max_examples=150, deadline=None)
@given(graphs(), st.data())
def test_placement_and_item_edges(g, data):
    h = Hierarchy(g)
    assert tuple(map(list, h.edge_placement())) == _placement(h)
    dropped = set(data.draw(st.lists(st.integers(0, max(0, h.edge_count - 1)), max_size=4)))
    modules = [h.module_item(m) for m in range(1, len(h.module_paths))]
    display = {}
    if len(modules) >= 2:
        first, *rest = data.draw(st.permutations(modules))[:3]
        display = {item: first for item in [first, *rest]}
    expected = _level_edges(h, dropped.__contains__, display)
    assert level_item_edges(h, skip=dropped.__contains__, display=display) == expected
    kept = (e for e in range(h.edge_count) if e not in dropped)  # a one-shot iterable is read once
    assert level_item_edges(h, display=display, edges=kept) == expected
    boundary = boundary_item_edges(h, skip=dropped.__contains__)
    assert {m: dict(sorted(e.items())) for m, e in boundary.items()} == {
        m: dict(sorted(e.items())) for m, e in _boundary_edges(h, dropped.__contains__).items()
    }


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.tuples(st.integers(0, 15), st.integers(0, 15)), st.just([0]), max_size=30),
       st.integers(1, 6))
def test_may_span_only_skips_views_without_long_edges(pairs, max_span):
    if not _may_span(pairs, max_span):
        rank = longest_path_ranks(pairs)
        assert all(rank[b] - rank[a] <= max_span for a, b in pairs)
