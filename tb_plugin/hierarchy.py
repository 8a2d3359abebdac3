"""An integer index of a graph's module tree and edges, shared by the folding passes.

Built once per graph in linear time. Nodes and modules get dense integer ids;
edges too: the graph's own edges first (``0 .. original_edge_count - 1``), then
the edges drawn through contracted plumbing (:class:`tb_plugin.capture_noise.ThroughEdge`),
whose ``edge_via`` names the plumbing nodes they pass.
modules are numbered in pre-order, so the nodes of a module's subtree form one
contiguous slice of :attr:`Hierarchy.subtree_nodes`. A view of module ``M`` is
made of *items*: the nodes directly in ``M`` (item id = node id) and its child
modules (item id = ``node_count + module id``); :meth:`Hierarchy.item_at` maps
any node to the item of ``M`` that contains it.

>>> from tb_plugin import ir
>>> g = ir.Graph()
>>> _ = g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
>>> _ = g.add_node(ir.Node("a", "Relu", module="enc.0", inputs=(ir.InputRef("x"),)))
>>> h = Hierarchy(g)
>>> h.module_paths
['', 'enc', 'enc.0']
>>> h.item_at(0, h.node_id["a"]) == h.module_item(h.module_id["enc"])
True
>>> h.item_at(h.module_id["enc"], h.node_id["x"])
-1
"""

from __future__ import annotations

import copy
import itertools
import operator
from itertools import accumulate, compress, count, repeat

from tb_plugin import ir
from tb_plugin.capture_noise import CaptureNoise

__all__ = ["Hierarchy", "OUTSIDE", "shared_depth"]

OUTSIDE = -1
"""What :meth:`Hierarchy.item_at` returns for a node outside the module."""

_EMBEDDABLE = (ir.NodeKind.PARAMETER, ir.NodeKind.BUFFER, ir.NodeKind.CONSTANT)
_name = operator.attrgetter("name")
_inputs = operator.attrgetter("inputs")
_ref_node, _ref_output = operator.attrgetter("node"), operator.attrgetter("output")


class Hierarchy:
    """``noise`` hides capture noise: those nodes are not drawn, and its through edges are added."""

    def __init__(self, graph: ir.Graph, noise: CaptureNoise | None = None) -> None:
        self.graph = graph
        self.noise = noise or CaptureNoise()
        self._index_modules(graph)
        self._index_nodes(graph)
        self._index_edges(graph)
        self._add_through_edges()

    # -- construction ------------------------------------------------------------
    def _index_modules(self, graph: ir.Graph) -> None:
        children_of: dict[str, list[str]] = {path: [] for path in graph.modules}
        for path in graph.modules:
            if path:  # not the root
                children_of[path.rpartition(".")[0]].append(path)  # ir.parent_path, inlined
        paths: list[str] = []
        parent_ids: list[int] = []
        stack: list[tuple[str, int]] = [("", -1)]
        while stack:  # iterative pre-order, children in insertion order
            path, parent = stack.pop()
            me = len(paths)
            paths.append(path)
            parent_ids.append(parent)
            children = children_of[path]
            if children:  # most modules are leaves: no iterators built for them
                for child in reversed(children):
                    stack.append((child, me))
        self.module_paths = paths
        self.module_id = {p: i for i, p in enumerate(paths)}
        self.module_parent = parent_ids
        modules = graph.modules
        self.module_class = [modules[p].class_name for p in paths]
        children: list[list[int]] = [[] for _ in paths]
        depth = [0] * len(paths)
        chain: list[tuple[int, ...]] = [(0,)] * len(paths)
        for mid, parent in enumerate(parent_ids[1:], 1):
            children[parent].append(mid)
            depth[mid] = depth[parent] + 1
            chain[mid] = chain[parent] + (mid,)
        self.module_children, self.module_depth, self.chain = children, depth, chain
        # pre-order: a subtree is the id range [mid, subtree_end[mid])
        end = list(range(1, len(paths) + 1))
        for mid in range(len(paths) - 1, 0, -1):
            parent = parent_ids[mid]
            if end[mid] > end[parent]:
                end[parent] = end[mid]
        self.subtree_end = end

    def _index_nodes(self, graph: ir.Graph, same_nodes: "Hierarchy | None" = None) -> None:
        """``same_nodes``: an index of the same nodes (names, kinds, order, noise), whose ids and hidden flags are kept."""
        self.nodes: list[ir.Node] = list(graph.nodes.values())
        self.node_count = len(self.nodes)
        module_id = self.module_id
        self.node_module = [module_id[n.module] for n in self.nodes]
        if same_nodes is None:
            self.node_id = {n.name: i for i, n in enumerate(self.nodes)}
            self._set_hidden()
        else:
            self.node_id, self.hidden_reason, self.hidden = same_nodes.node_id, same_nodes.hidden_reason, same_nodes.hidden
        module_nodes: list[list[int]] = [[] for _ in self.module_paths]
        for nid, mid in enumerate(self.node_module):
            module_nodes[mid].append(nid)
        self.module_nodes = module_nodes
        self.subtree_nodes = list(itertools.chain.from_iterable(module_nodes))
        self.subtree_start = list(accumulate(map(len, module_nodes), initial=0))

    def _set_hidden(self) -> None:
        hidden = self.noise.hidden
        # why a node is not drawn as an item of its own: "embedded" (a parameter, buffer or
        # constant shown in its consumers' details) or a capture noise reason; "" when drawn
        self.hidden_reason = [
            "embedded" if n.kind in _EMBEDDABLE else hidden.get(n.name, "") for n in self.nodes
        ]
        self.hidden = list(map(bool, self.hidden_reason))

    def _index_edges(self, graph: ir.Graph) -> None:
        node_id, nodes = self.node_id, self.nodes
        # edge ids in graph order, then input order; built with C iterators, a Python step per edge costs more
        inputs = list(map(_inputs, nodes))
        refs = list(itertools.chain.from_iterable(inputs))
        counts = list(map(len, inputs))
        self.edge_src: list[int] = list(map(node_id.__getitem__, map(_ref_node, refs)))
        self.edge_out: list[int] = list(map(_ref_output, refs))
        # a third to a half of the nodes (parameters, constants, inputs) read nothing: skipped in C
        readers, reads = list(compress(range(len(nodes)), counts)), list(compress(counts, counts))
        self.edge_dst: list[int] = list(itertools.chain.from_iterable(map(repeat, readers, reads)))
        self.edge_in: list[int] = list(itertools.chain.from_iterable(map(range, reads)))
        # node v's in-edges are the ids starts[v] .. starts[v + 1] - 1: slices of one list
        starts, eids = list(accumulate(counts, initial=0)), list(range(len(refs)))
        self.in_edges: list[list[int]] = list(map(eids.__getitem__, map(slice, starts, starts[1:])))
        out_edges: list[list[int]] = [[] for _ in nodes]
        for eid, src in enumerate(self.edge_src):
            out_edges[src].append(eid)
        self.out_edges = out_edges
        self.original_edge_count = len(self.edge_src)

    def _add_through_edges(self, *, copy_on_write: bool = False) -> None:
        """Append the noise's through edges; ``copy_on_write``: the per-node edge lists are shared with
        another index, so a node's list is copied before its first new edge."""
        node_id = self.node_id
        self.edge_via: dict[int, tuple[str, ...]] = {}
        copied: set[int] = set()
        for through in self.noise.through:
            src, dst = node_id[through.producer.node], node_id[through.consumer]
            eid = len(self.edge_src)
            self.edge_src.append(src)
            self.edge_out.append(through.producer.output)
            self.edge_dst.append(dst)
            self.edge_in.append(through.input)
            if copy_on_write:
                if src not in copied:
                    self.out_edges[src] = list(self.out_edges[src])
                    copied.add(src)
                if -1 - dst not in copied:
                    self.in_edges[dst] = list(self.in_edges[dst])
                    copied.add(-1 - dst)
            self.out_edges[src].append(eid)
            self.in_edges[dst].append(eid)
            self.edge_via[eid] = through.via
        self.edge_count = len(self.edge_src)
        self._edge_reasons: list[str] | None = None
        self._placement: tuple[list[int], list[int], list[int]] | None = None

    # -- queries -----------------------------------------------------------------
    def with_graph(self, graph: ir.Graph) -> "Hierarchy":
        """The index of ``graph`` (the same nodes, some in other modules) with this index's capture noise.

        Where the nodes come in the same order, so with the same ids, the edge
        index is shared rather than rebuilt: moving nodes between modules changes
        no edge.
        """
        if len(graph.nodes) != self.node_count or any(map(operator.ne, graph.nodes, map(_name, self.nodes))):
            return Hierarchy(graph, self.noise)
        out = object.__new__(Hierarchy)
        out.graph, out.noise = graph, self.noise
        out._index_modules(graph)
        out._index_nodes(graph, same_nodes=self)
        for name in ("edge_src", "edge_out", "edge_dst", "edge_in", "out_edges", "in_edges",
                     "original_edge_count", "edge_via", "edge_count", "_edge_reasons"):
            setattr(out, name, getattr(self, name))
        out._placement = None  # edges stay, but nodes may have moved between modules
        return out

    def with_noise(self, noise: CaptureNoise) -> "Hierarchy":
        """This index with ``noise`` hidden instead of its own; modules and nodes are shared, not rebuilt."""
        out = copy.copy(self)
        out.noise = noise
        out._set_hidden()
        n = out.original_edge_count = self.original_edge_count
        if noise.through or self.edge_count != n:  # edges change: copy what through edges are added to
            out.edge_src, out.edge_out = self.edge_src[:n], self.edge_out[:n]
            out.edge_dst, out.edge_in = self.edge_dst[:n], self.edge_in[:n]
            out.out_edges, out.in_edges = list(self.out_edges), list(self.in_edges)
            if self.edge_count != n:  # drop this index's through edges
                out.out_edges = [[e for e in eids if e < n] for eids in self.out_edges]
                out.in_edges = [[e for e in eids if e < n] for eids in self.in_edges]
            out._add_through_edges(copy_on_write=self.edge_count == n)
        else:
            out._add_through_edges()  # adds nothing: the edge lists stay shared
        return out

    def is_original_edge(self, eid: int) -> bool:
        return eid < self.original_edge_count

    def hidden_edges(self) -> list[bool]:
        """Per edge id: True when it is not drawn as an edge (see :meth:`edge_hidden_reason`)."""
        return [bool(r) for r in self.edge_hidden_reasons()]

    def edge_hidden_reason(self, eid: int) -> str:
        """Why edge ``eid`` is not drawn as an edge: its hidden end's reason ("" when it is drawn).

        A capture-noise end wins over an embedded producer; an edge into or out of
        plumbing is ``"contracted"`` (drawn as a through edge instead).
        """
        return self.edge_hidden_reasons()[eid]

    def edge_hidden_reasons(self) -> list[str]:
        """:meth:`edge_hidden_reason` of every edge, computed once."""
        if self._edge_reasons is None:
            reasons = self.hidden_reason
            out = [at_dst if at_dst not in ("", "embedded") else at_src
                   for at_src, at_dst in zip(map(reasons.__getitem__, self.edge_src),
                                             map(reasons.__getitem__, self.edge_dst))]
            if "plumbing" in reasons:
                out = list(map({"plumbing": "contracted"}.get, out, out))
            self._edge_reasons = out
        return self._edge_reasons

    def edge_placement(self) -> tuple[list[int], list[int], list[int]]:
        """Per edge id: the module whose view draws it, and its source and target items there; computed once.

        That module is the lowest common ancestor of the modules of the edge's
        ends; an end directly in it is its node, any other end is the child
        module holding it. Both ends directly in one module is the common case.

        >>> from tb_plugin import ir
        >>> g = ir.Graph()
        >>> _ = g.add_node(ir.Node("x", "input", ir.NodeKind.INPUT))
        >>> _ = g.add_node(ir.Node("a", "Relu", module="m", inputs=(ir.InputRef("x"),)))
        >>> h = Hierarchy(g)
        >>> h.edge_placement() == ([0], [0], [h.module_item(1)])
        True
        """
        if self._placement is None:
            chain, node_module, n = self.chain, self.node_module, self.node_count
            source_modules = list(map(node_module.__getitem__, self.edge_src))
            target_modules = list(map(node_module.__getitem__, self.edge_dst))
            levels, sources, targets = list(source_modules), list(self.edge_src), list(self.edge_dst)
            # the common case, both ends directly in one module, is left as it is
            for eid in compress(count(), map(operator.ne, source_modules, target_modules)):
                cu, cv = chain[source_modules[eid]], chain[target_modules[eid]]
                # up from the shorter chain's end to the last module both chains hold (shared_depth - 1)
                d = (len(cu) if len(cu) < len(cv) else len(cv)) - 1
                while cu[d] != cv[d]:
                    d -= 1
                levels[eid] = cu[d]
                if len(cu) != d + 1:
                    sources[eid] = n + cu[d + 1]
                if len(cv) != d + 1:
                    targets[eid] = n + cv[d + 1]
            self._placement = levels, sources, targets
        return self._placement

    def module_item(self, mid: int) -> int:
        return self.node_count + mid

    def is_module_item(self, item: int) -> bool:
        return item >= self.node_count

    def item_module(self, item: int) -> int:
        return item - self.node_count

    def item_at(self, level: int, nid: int) -> int:
        """The item of module ``level`` that contains node ``nid``, or :data:`OUTSIDE`."""
        chain = self.chain[self.node_module[nid]]
        depth = self.module_depth[level]
        if len(chain) <= depth or chain[depth] != level:
            return OUTSIDE
        if len(chain) == depth + 1:
            return nid
        return self.node_count + chain[depth + 1]

    def in_subtree(self, level: int, nid: int) -> bool:
        return level <= self.node_module[nid] < self.subtree_end[level]

    def subtree_node_ids(self, level: int) -> list[int]:
        """Every node in module ``level`` or below it."""
        return self.subtree_nodes[self.subtree_start[level] : self.subtree_start[self.subtree_end[level]]]

    def edge_key(self, eid: int) -> tuple[str, int, str, int]:
        """A readable, stable identity of an edge: producer, output, consumer, input index."""
        return (
            self.nodes[self.edge_src[eid]].name,
            self.edge_out[eid],
            self.nodes[self.edge_dst[eid]].name,
            self.edge_in[eid],
        )

    def lca(self, a: int, b: int) -> int:
        """The lowest common ancestor of modules ``a`` and ``b``."""
        return self.chain[a][shared_depth(self.chain[a], self.chain[b]) - 1]


def shared_depth(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    """How many modules two root-first module chains share; their lowest common ancestor is at ``depth - 1``.

    >>> shared_depth((0, 1, 2), (0, 1, 5)), shared_depth((0,), (0, 3))
    (2, 1)
    """
    depth = 0
    for x, y in zip(a, b):
        if x != y:
            break
        depth += 1
    return depth
