"""Helper regions: small computations beside the model (masks, position ids) that fan out to its layers.

A captured transformer computes its attention mask and position ids from
shapes, constants and mask inputs in the root module, and feeds them to every
layer: two dozen loose ops beside the three modules a reader came to see. A
*helper region* of a module ``M`` is a weakly connected set of at least
``min_ops`` visible operators directly in ``M`` such that

- none reads a parameter (weights mean model computation);
- every input of each comes from a constant or buffer, another operator of the
  region, a graph input that only helper operators read (an
  ``attention_mask`` argument), or is a shape read (``size``, ``Shape``...: it
  reads metadata, whatever its operand);
- its results reach operators in at least ``min_modules`` different modules
  (it fans out to several layers).

The first two rules keep the model's own computation out: activations come
from the main inputs through parameters, and a graph input that any
non-helper operator reads (``input_ids`` into the embedding) is no helper
source. Each region becomes a synthetic child module of ``M``, closed by
default, named after what its consumers are (``attention mask``, ``position
ids``, else ``helper``); nothing is hidden, only grouped.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from networkx.utils import UnionFind

from tb_plugin import ir
from tb_plugin.hierarchy import Hierarchy

__all__ = [
    "HELPER_CLASS", "OPS_CLASS", "OUTPUTS_CLASS", "HelperRegion", "find_helper_regions", "find_loose_op_groups",
    "find_output_groups", "is_shape_op",
]

HELPER_CLASS = "graphfold.Helper"
"""The class name of a helper region's module: how the tab tells it from the model's modules."""
OUTPUTS_CLASS = "graphfold.Outputs"
"""The class name of a group of graph outputs that share a field (``cache.layers.<i>.keys``...), or of all of them."""
OPS_CLASS = "graphfold.Ops"
"""The class name of a group of the root's loose operators (functional code between the top modules)."""

_SHAPE_OP = re.compile(r"(?:^|[.:])(?:size|sym_size|numel|dim|Shape|Size|Rank|shape)(?:\.\w+)?$")
_LABELS = (
    ("attention mask", re.compile(r"att|mask", re.IGNORECASE)),
    ("position ids", re.compile(r"pos|rotary|rope|wpe", re.IGNORECASE)),
)


class HelperRegion:
    """Operators ``nodes`` (ids) of module ``module`` (id), to be grouped under ``label``."""

    __slots__ = ("module", "nodes", "label")

    def __init__(self, module: int, nodes: list[int], label: str) -> None:
        self.module, self.nodes, self.label = module, nodes, label

    def __repr__(self) -> str:
        return f"HelperRegion(module={self.module}, nodes={self.nodes}, label={self.label!r})"


@functools.lru_cache(maxsize=4096)
def is_shape_op(op: str) -> bool:
    """Whether ``op`` reads only its operand's shape (cached: a graph has few distinct ops and many nodes).

    >>> is_shape_op("aten::size"), is_shape_op("Shape"), is_shape_op("aten.add.Tensor")
    (True, True, False)
    """
    return _SHAPE_OP.search(op) is not None


def find_helper_regions(h: Hierarchy, *, min_ops: int = 2, min_modules: int = 2) -> list[HelperRegion]:
    """Every helper region of every module (see the module docstring), regions in graph order.

    >>> g = ir.Graph()
    >>> _ = g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    >>> _ = g.add_node(ir.Node("n", "aten.arange.default"))
    >>> _ = g.add_node(ir.Node("mask", "aten.unsqueeze.default", inputs=(ir.InputRef("n"),)))
    >>> for i in range(2):
    ...     src = ir.InputRef(f"y{i - 1}" if i else "x")
    ...     _ = g.add_node(ir.Node(f"y{i}", "aten.add.Tensor", module=f"layers.{i}.attn",
    ...                            inputs=(src, ir.InputRef("mask"))))
    >>> _ = g.add_node(ir.Node("out", "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("y1"),)))
    >>> h = Hierarchy(g)
    >>> [(r.label, [h.nodes[n].name for n in r.nodes]) for r in find_helper_regions(h)]
    [('attention mask', ['n', 'mask'])]
    """
    eligible = _eligible_nodes(h)
    regions = []
    for mid in range(len(h.module_paths)):
        members = [nid for nid in h.module_nodes[mid] if eligible[nid]]
        if len(members) < min_ops:
            continue
        for component in _components(h, members, eligible):
            consumers = _outside_consumers(h, component)
            modules = {h.node_module[c] for c in consumers}
            if len(component) >= min_ops and len(modules) >= min_modules:
                regions.append(HelperRegion(mid, component, _label(h, modules)))
    return regions


def find_output_groups(h: Hierarchy, *, min_size: int = 2, max_items: int = 4) -> list[HelperRegion]:
    """Graph outputs of one module named under one field (``cache.layers.0.keys``, ``cache.layers.0.values``...).

    A model's default outputs often hold a key/value cache: two tensors per
    layer, 160 outputs for 80 layers, each drawn with its edge. Outputs whose
    names share a first dotted segment held by at least ``min_size`` of them
    become one group, labelled by that segment. Where a module would still draw
    more than ``max_items`` outputs and groups (CLIP's eight embeddings, logits
    and hidden states; an ONNX export's outputs named after their producers),
    all its outputs become one group, ``outputs``.

    >>> g = ir.Graph()
    >>> _ = g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
    >>> for name in ("last_hidden_state", "cache.layers.0.keys", "cache.layers.0.values"):
    ...     _ = g.add_node(ir.Node(name, "output", ir.NodeKind.OUTPUT, inputs=(ir.InputRef("x"),)))
    >>> h = Hierarchy(g)
    >>> [(r.label, [h.nodes[n].name for n in r.nodes]) for r in find_output_groups(h)]
    [('cache', ['cache.layers.0.keys', 'cache.layers.0.values'])]
    >>> [(r.label, len(r.nodes)) for r in find_output_groups(h, max_items=1)]
    [('outputs', 3)]
    """
    outputs: dict[int, list[int]] = {}
    for nid, node in enumerate(h.nodes):
        if node.kind is ir.NodeKind.OUTPUT:
            outputs.setdefault(h.node_module[nid], []).append(nid)
    regions = []
    for mid, nodes in outputs.items():
        fields: dict[str, list[int]] = {}
        for nid in nodes:
            field, dot, _ = h.nodes[nid].name.partition(".")
            if dot and field:
                fields.setdefault(field, []).append(nid)
        groups = [HelperRegion(mid, members, field) for field, members in fields.items() if len(members) >= min_size]
        if len(nodes) - sum(len(g.nodes) for g in groups) + len(groups) > max_items:
            groups = [HelperRegion(mid, nodes, "outputs")]
        regions += groups
    return regions


def find_loose_op_groups(
    h: Hierarchy, *, min_loose: int = 2, min_ops: int = 2, claimed: frozenset[int] = frozenset()
) -> list[HelperRegion]:
    """The root's loose operators, grouped where there are many: the model's overview shows its modules.

    Functional code between the top modules (a CLIP head normalising and
    comparing embeddings, an ONNX export's sixteen ``Split`` s of the time
    embedding) crowds the root view. When the root holds at least
    ``min_loose`` visible operators beside child modules, each set of at least
    ``min_ops`` of them joined by edges or by reading the same tensor (or
    nothing drawn at all, as ``zeros`` for an initial state) becomes a group, unless drawing it as one item would close a cycle through the rest
    of the root. Only the root: inside a module, its operators are what the
    user opened it to see. Operators in ``claimed`` (grouped already) are left alone.
    """
    loose = [nid for nid in h.module_nodes[0]
             if not h.hidden[nid] and h.nodes[nid].kind is ir.NodeKind.OP and nid not in claimed]
    if len(loose) < min_loose or not h.module_children[0]:
        return []
    reasons = h.edge_hidden_reasons()
    succ = _root_item_successors(h, reasons)
    inside = set(loose)
    joined = UnionFind(loose)
    readers: dict[tuple[int, int], int] = {}
    series: dict[tuple, int] = {}
    for nid in loose:
        tensors = [(h.edge_src[e], h.edge_out[e]) for e in h.in_edges[nid] if reasons[e] == ""]
        for src, out in tensors or [(-1, 0)]:  # ops that read nothing drawn (zeros...) read "nothing" alike
            joined.union(src if src in inside else readers.setdefault((src, out), nid), nid)
        signature = (_short_op(h.nodes[nid].op), frozenset(_root_item(h, src) for src, _ in tensors),
                     frozenset(succ.get(nid, ())))
        joined.union(series.setdefault(signature, nid), nid)
    groups: dict[int, list[int]] = {}
    for nid in loose:
        groups.setdefault(joined[nid], []).append(nid)
    return [HelperRegion(0, nodes, _ops_label(h, nodes)) for nodes in groups.values()
            if len(nodes) >= min_ops and not _adds_cycle(succ, set(nodes))]


def _ops_label(h: Hierarchy, nodes: list[int]) -> str:
    """``split ×16`` for one op; else the two commonest, ``pow, sum…``.

    >>> _short_op("aten.add.Tensor"), _short_op("prim::TupleConstruct"), _short_op("Split")
    ('add', 'tupleconstruct', 'split')
    """
    names = Counter(_short_op(h.nodes[n].op) for n in nodes)
    common = [name for name, _ in names.most_common(2)]
    return f"{common[0]} ×{len(nodes)}" if len(names) == 1 else ", ".join(common) + "…"


_NAMESPACES = frozenset({"aten", "prim", "higher_order", "torch", "ops", "onnx", "ai", "com"})


def _short_op(op: str) -> str:
    parts = [p for p in re.split(r"[.:]+", op) if p] or [op]
    while len(parts) > 1 and parts[0] in _NAMESPACES:
        parts = parts[1:]
    return parts[0].lower()


def _root_item(h: Hierarchy, nid: int) -> int:
    """The item of the root view that draws node ``nid``: itself, or the root's child module holding it."""
    chain = h.chain[h.node_module[nid]]
    return nid if len(chain) == 1 else h.node_count + chain[1]


def _root_item_successors(h: Hierarchy, reasons: list[str]) -> dict[int, set[int]]:
    """The root view's drawn item graph: item -> the items it feeds."""
    n, node_module = h.node_count, h.node_module
    top = [n + chain[1] if len(chain) > 1 else -1 for chain in h.chain]  # module -> root child holding it
    succ: dict[int, set[int]] = {}
    for src, dst, reason in zip(h.edge_src, h.edge_dst, reasons):
        if reason == "":
            a, b = top[node_module[src]], top[node_module[dst]]
            a, b = src if a < 0 else a, dst if b < 0 else b
            if a != b:
                succ.setdefault(a, set()).add(b)
    return succ


def _closes_cycle(succ: dict[int, set[int]], group: set[int]) -> bool:
    """Whether some path leaves ``group`` and comes back to it through other items."""
    todo = [b for a in group for b in succ.get(a, ()) if b not in group]
    seen = set(todo)
    while todo:
        for b in succ.get(todo.pop(), ()):
            if b in group:
                return True
            if b not in seen:
                seen.add(b)
                todo.append(b)
    return False


def _adds_cycle(succ: dict[int, set[int]], group: set[int]) -> bool:
    """Whether drawing ``group`` as one item closes a cycle that its members alone did not.

    A cycle through every member already (RWKV's rescaling ``div`` between
    layers, drawn next to their stack) is there with or without the group.
    """
    return _closes_cycle(succ, group) and not all(_closes_cycle(succ, {nid}) for nid in group)


def _visible_in_edges(h: Hierarchy, nid: int) -> list[int]:
    """In-edges of ``nid`` that carry data into it: drawn ones and embedded constants, not noise."""
    reasons = h.edge_hidden_reasons()
    return [e for e in h.in_edges[nid] if reasons[e] in ("", "embedded")]


def _eligible_nodes(h: Hierarchy) -> list[bool]:
    """Per node: a visible operator that may belong to a helper region (the rules' greatest fixpoint).

    Computed as its complement, spread forwards from what is not eligible: a
    non-eligible producer spoils the operators that read it (unless they only
    read its shape), and a non-eligible reader spoils the graph input it reads
    for every other reader (checked on the inputs' edges once the spread
    stops, and spread again from the inputs it spoils). Linear in the edges
    but for the inputs' edges, read once per round.
    """
    nodes, kind = h.nodes, ir.NodeKind
    reasons = h.edge_hidden_reasons()
    data = [r in ("", "embedded") for r in reasons]
    kinds = [n.kind for n in nodes]
    sources = (kind.INPUT, kind.CONSTANT, kind.BUFFER)
    ok = [not hidden and k is kind.OP for hidden, k in zip(h.hidden, kinds)]
    for v, k in enumerate(kinds):  # an op that reads a parameter is model computation
        if k is kind.PARAMETER:
            for e in h.out_edges[v]:
                ok[h.edge_dst[e]] = False
    shape_read = [is_op and is_shape_op(node.op) for is_op, node in zip(ok, nodes)]
    todo = [v for v, (is_op, hidden, k) in enumerate(zip(ok, h.hidden, kinds))
            if not is_op and not hidden and k not in sources]
    out_edges, edge_dst, hidden = h.out_edges, h.edge_dst, h.hidden
    unspoilt = [v for v, k in enumerate(kinds) if k is kind.INPUT]
    while todo:
        while todo:  # a non-eligible producer spoils its readers
            for e in out_edges[todo.pop()]:
                c = edge_dst[e]
                if data[e] and ok[c] and not shape_read[c]:
                    ok[c] = False
                    todo.append(c)
        # a graph input read by a non-eligible node is spoilt for its other readers
        todo = [i for i in unspoilt
                if any(data[e] and not ok[edge_dst[e]] and not hidden[edge_dst[e]] for e in out_edges[i])]
        unspoilt = [i for i in unspoilt if i not in todo]
    return ok


def _components(h: Hierarchy, members: list[int], eligible: Sequence[bool]) -> list[list[int]]:
    """Weakly connected components of ``members`` (one module's eligible ops), each in graph order."""
    joined = UnionFind(members)
    inside = set(members)
    for nid in members:
        for e in _visible_in_edges(h, nid):
            if h.edge_src[e] in inside:
                joined.union(h.edge_src[e], nid)
    groups: dict[int, list[int]] = {}
    for nid in members:
        groups.setdefault(joined[nid], []).append(nid)
    return list(groups.values())


def _outside_consumers(h: Hierarchy, component: list[int]) -> set[int]:
    inside = set(component)
    return {
        h.edge_dst[e] for nid in component for e in h.out_edges[nid]
        if h.edge_dst[e] not in inside and not h.hidden[h.edge_dst[e]]
    }


def _label(h: Hierarchy, modules: set[int]) -> str:
    paths = [h.module_paths[m] for m in modules]
    found = [label for label, pattern in _LABELS if any(pattern.search(p) for p in paths)]
    return ", ".join(found) if found else "helper"
