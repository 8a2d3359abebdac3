"""Module views: what one module looks like when expanded, in the JSON form the tab draws.

A view of module ``M`` holds its *children* (operators directly in ``M``, its
child modules drawn closed, and stacks of isomorphic child modules), the
*edges* drawn between them (one per pair of items, with the tensors it
carries and a ``reversed`` flag from cycle removal), the *boundary* ports
where data enters and leaves ``M``, and the *ports*: stubs of pruned edges,
each listing every original edge it stands for.

Every original edge with an end inside ``M`` is accounted for exactly once,
as drawn, boundary, pruned, embedded (a parameter or constant shown in its
consumer's details), collapsed (inside one closed child), or hidden with
capture noise (:mod:`tb_plugin.capture_noise`): ``dead``, ``check`` (shown in
the checked node's details) or ``contracted`` (into or out of container
plumbing; the view draws *through* edges from producer to consumer instead,
counted apart under ``through``). :func:`check_view` verifies that from
scratch. The JSON shapes are mirrored by
``frontend/src/types.ts`` and documented in ``docs/http_api.md``.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from itertools import accumulate

from tb_plugin import ir
from tb_plugin.capture_noise import HIDDEN_REASONS
from tb_plugin.levels import level_item_edges, stack_display
from tb_plugin.passes._infra import FoldState

__all__ = ["FoldedGraph", "UnknownModuleError", "UnknownNodeError", "check_view"]

CATEGORIES = ("drawn", "boundary", "pruned", "embedded", "collapsed", "dead", "check", "contracted")
"""How a view shows each original edge with an end inside its module; through edges are counted apart."""


class UnknownModuleError(KeyError):
    """A view was asked for a module the graph does not have."""


class UnknownNodeError(KeyError):
    """A node was asked for that the graph does not have."""


def _tensor_json(node: ir.Node, output: int) -> dict:
    t = node.outputs[output] if output < len(node.outputs) else ir.TensorType()
    return {"node": node.name, "output": output, "shape": None if t.dims is None else list(t.dims), "dtype": t.dtype}


class FoldedGraph:
    """A folded graph: builds module views on demand from a final :class:`FoldState`."""

    def __init__(self, state: FoldState) -> None:
        self.state = state
        h = self.h = state.hierarchy
        embedded, pruned = state.embedded or (False,) * h.edge_count, state.pruned
        self._embedded = embedded
        self.display = stack_display(h, state.stacks)
        self._stack_at = {h.module_item(s.members[0]): s for s in state.stacks}
        self._drawn = state.drawn
        if self._drawn is None:  # folded without cycle removal
            self._drawn = level_item_edges(h, skip=lambda e: embedded[e] or e in pruned, display=self.display)
        # per-module totals over the subtree, from prefix sums over the pre-order node list
        parameter = ir.NodeKind.PARAMETER
        node_parameters = [node.parameter_count if node.kind is parameter else 0 for node in h.nodes]
        params = list(accumulate(map(node_parameters.__getitem__, h.subtree_nodes), initial=0))
        drawable = list(accumulate(map(operator.not_, map(h.hidden.__getitem__, h.subtree_nodes)), initial=0))
        start, end = h.subtree_start, h.subtree_end
        self.module_parameters = [params[start[end[m]]] - params[start[m]] for m in range(len(h.module_paths))]
        self.module_drawable = [drawable[start[end[m]]] - drawable[start[m]] for m in range(len(h.module_paths))]
        self.shown_as, self.wrappers = self._wrapper_items()

    def _wrapper_items(self) -> tuple[dict[int, int], dict[int, list[str]]]:
        """Wrappers: modules drawing nothing but one child (a stack, or a module), drawn as that child.

        A ``ModuleList`` of twelve ``GPT2Block`` s is one stack and nothing else;
        its parent draws the stack in its place (``GPT2Block ×12`` at GPT-2's
        root), and the wrapper's path travels with it. Returns module id -> the
        item drawn for it, and module id -> the wrapper paths it stands for,
        outermost first. The root is never a wrapper.
        """
        h = self.h
        shown_as: dict[int, int] = {}
        chains: dict[int, list[str]] = {}
        for mid in reversed(range(1, len(h.module_paths))):  # pre-order ids: children first
            if h.module_item(mid) in self.display or not all(map(h.hidden.__getitem__, h.module_nodes[mid])):
                continue  # a stack member is drawn as its stack; a module with operators is no wrapper
            items = {self.display.get(h.module_item(c), h.module_item(c))
                     for c in h.module_children[mid] if self.module_drawable[c]}
            if len(items) != 1:
                continue
            (only,) = items
            inner = h.item_module(only)
            if only in self._stack_at or inner not in shown_as:
                shown_as[mid], chains[mid] = only, [h.module_paths[mid]]
            else:
                shown_as[mid], chains[mid] = shown_as[inner], [h.module_paths[mid], *chains[inner]]
        return shown_as, chains

    # -- items -----------------------------------------------------------------------
    def item_id(self, item: int) -> str:
        h = self.h
        if not h.is_module_item(item):
            return "n:" + h.nodes[item].name
        item = self.shown_as.get(h.item_module(item), item)
        path = h.module_paths[h.item_module(item)]
        return ("s:" if item in self._stack_at else "m:") + path

    def _drawn_item(self, level: int, nid: int) -> int:
        item = self.h.item_at(level, nid)
        return self.display.get(item, item)

    def _children(self, level: int) -> list[dict]:
        h = self.h
        children = [self._node_json(nid) for nid in h.module_nodes[level] if not h.hidden[nid]]
        for mid in h.module_children[level]:
            item = h.module_item(mid)
            if self.display.get(item, item) != item or not self.module_drawable[mid]:
                continue  # a non-representative stack member, or a module with nothing to draw
            shown = self.shown_as.get(mid, item)
            child = self._stack_json(shown) if shown in self._stack_at else self._module_json(h.item_module(shown))
            if mid in self.wrappers:
                child["wrappers"] = self.wrappers[mid]
            children.append(child)
        return children

    def _node_json(self, nid: int) -> dict:
        h = self.h
        node = h.nodes[nid]
        embedded = []
        for eid in h.in_edges[nid]:
            if self._embedded[eid] and h.edge_hidden_reason(eid) in ("embedded", "check"):
                src = h.nodes[h.edge_src[eid]]
                embedded.append(
                    dict(_tensor_json(src, h.edge_out[eid]), kind=src.kind.value, input=h.edge_in[eid],
                         parameter_count=src.parameter_count, op=src.op)
                )
        checks = [{"name": h.nodes[c].name, "op": h.nodes[c].op} for c in self._checks_of(nid)]
        return {
            "id": "n:" + node.name, "type": node.kind.value, "name": node.name, "op": node.op,
            "outputs": [_tensor_json(node, i) for i in range(len(node.outputs))],
            "embedded": embedded, "checks": checks,
            "parameter_count": sum(e["parameter_count"] for e in embedded if e["kind"] == "parameter"),
        }

    def _module_json(self, mid: int) -> dict:
        h = self.h
        return {
            "id": "m:" + h.module_paths[mid], "type": "module", "path": h.module_paths[mid],
            "name": h.module_paths[mid].rpartition(".")[2], "class_name": h.module_class[mid],
            "parameter_count": self.module_parameters[mid], "node_count": self.module_drawable[mid],
        }

    def _stack_json(self, item: int) -> dict:
        h = self.h
        stack = self._stack_at[item]
        members = [h.module_paths[m] for m in stack.members]
        return {
            "id": "s:" + members[0], "type": "stack", "class_name": stack.class_name, "count": len(members),
            "representative": members[0], "members": members,
            "member_parameter_counts": [self.module_parameters[m] for m in stack.members],
            "parameter_count": sum(self.module_parameters[m] for m in stack.members),
            "node_count": self.module_drawable[stack.members[0]],
            # a difference names its member by path; module ids are internal to the server
            "differences": [dict(d.to_json(), module=h.module_paths[d.module]) for d in stack.differences],
            "variants": [v.to_json(h) for v in stack.variants],
            "member_edges": self._member_edges(stack),
        }

    def _member_edges(self, stack) -> list[dict]:
        """Edges between the members of a stack (inside it when stacked), for drawing it unstacked."""
        h, embedded, pruned = self.h, self._embedded, self.state.pruned
        member_at = {h.module_item(m): m for m in stack.members}
        pairs: dict[tuple[int, int], list[int]] = {}
        for member in stack.members:
            for nid in h.subtree_node_ids(member):
                for eid in h.out_edges[nid]:
                    if embedded[eid] or eid in pruned:
                        continue
                    target = member_at.get(h.item_at(stack.parent, h.edge_dst[eid]))
                    if target is not None and target != member:
                        pairs.setdefault((member, target), []).append(eid)
        edges = []
        for (a, b), eids in pairs.items():
            tensors = sorted({(h.edge_src[e], h.edge_out[e]) for e in eids})
            edges.append({
                "source": "m:" + h.module_paths[a], "target": "m:" + h.module_paths[b], "count": len(eids),
                "tensors": [_tensor_json(h.nodes[n], o) for n, o in tensors[:8]], "tensor_count": len(tensors),
            })
        return edges

    # -- the view --------------------------------------------------------------------
    def view(self, path: str = "") -> dict:
        """The view of module ``path`` expanded, its children closed."""
        h = self.h
        level = h.module_id.get(path)
        if level is None:
            raise UnknownModuleError(f"no module {path!r} in graph {h.graph.name!r}")
        categories = self.classify(level)
        original = h.original_edge_count
        extra = {"open": self.default_open()} if level == 0 else {}
        return {
            **extra,
            "module": dict(self._module_json(level), stack=self._stack_of_member(level)),
            "children": self._children(level),
            "edges": self._edges_json(level),
            "boundary": self._boundary_json(level, categories["boundary"]),
            "ports": self._ports_json(level, categories["pruned"]),
            "accounting": {
                **{name: sum(e < original for e in eids) for name, eids in categories.items()},
                "through": sum(e >= original for eids in categories.values() for e in eids),
            },
            "hidden": self._hidden_counts(level),
        }

    def main_stack(self) -> int | None:
        """The representative module of the stack that hides the most nodes (members × nodes in one), or None."""
        h, best, best_hidden = self.h, None, 0
        for item, stack in self._stack_at.items():
            representative = h.item_module(item)
            if any(h.module_class[m].startswith("graphfold.Optimizer") for m in h.chain[representative]):
                continue  # an optimizer's update mirrors the model's stacks (log_training_graph): never the main one
            size = h.subtree_start[h.subtree_end[representative]] - h.subtree_start[representative]
            if size * len(stack.members) > best_hidden:
                best, best_hidden = representative, size * len(stack.members)
        return best

    def default_open(self) -> list[str]:
        """Items the tab opens on first showing the graph so the main stack is one click away at most.

        ConvNeXt's ``ConvNextLayer ×9`` lies in the third of four stages of
        ``encoder.stages``: opening ``encoder.stages`` puts it one click away.
        Empty when the main stack is at the root or one click away already.
        """
        main = self.main_stack()
        if main is None:
            return []
        steps = self.reveal_module(main)
        items = [step["item"] for step in steps]
        return items[: max(0, len(items) - 2)]

    def reveal_module(self, mid: int) -> list[dict]:
        """The reveal steps down to module ``mid``'s item (its stack's, for a member), from the root view."""
        return self._steps_down_to(mid, keep=mid)[0]

    def _steps_down_to(self, mid: int, *, keep: int | None = None) -> tuple[list[dict], int]:
        """Reveal steps from the root view into module ``mid``, and the module whose view is last.

        A wrapper drawn as the item inside it is skipped (the next step opens
        that item, in the same view), unless it is ``keep``.
        """
        h, steps, view = self.h, [], 0
        for inner in h.chain[mid][1:]:
            if inner in self.shown_as and inner != keep:
                continue
            item = h.module_item(inner)
            shown = self.display.get(item, item)
            step = {"view": h.module_paths[view], "item": self.item_id(shown)}
            if shown != item:
                step["member"] = h.module_paths[inner]
            steps.append(step)
            view = inner
        return steps, view

    def _hidden_counts(self, level: int) -> dict[str, int]:
        """Capture-noise nodes directly in module ``level``, by reason: what the view does not draw."""
        reasons = self.h.hidden_reason
        counts = dict.fromkeys(HIDDEN_REASONS, 0)
        for nid in self.h.module_nodes[level]:
            if reasons[nid] in counts:
                counts[reasons[nid]] += 1
        return counts

    def _stack_of_member(self, mid: int) -> str | None:
        display = self.display.get(self.h.module_item(mid))
        return None if display is None else self.item_id(display)

    def classify(self, level: int) -> dict[str, list[int]]:
        """The original edges with an end inside module ``level``, by how its view shows them."""
        h, embedded, pruned = self.h, self._embedded, self.state.pruned
        out: dict[str, list[int]] = {name: [] for name in CATEGORIES}
        for nid in h.subtree_node_ids(level):
            for eid in h.in_edges[nid]:
                out[self._category(level, eid, embedded, pruned)].append(eid)
            for eid in h.out_edges[nid]:
                if not h.in_subtree(level, h.edge_dst[eid]):
                    out[self._category(level, eid, embedded, pruned)].append(eid)
        return out

    def _category(self, level: int, eid: int, embedded, pruned) -> str:
        h = self.h
        if embedded[eid]:
            reason = h.edge_hidden_reason(eid)
            return reason if reason in CATEGORIES else "embedded"
        src, dst = h.edge_src[eid], h.edge_dst[eid]
        if h.in_subtree(level, src) and h.in_subtree(level, dst):
            a, b = self._drawn_item(level, src), self._drawn_item(level, dst)
            if a == b and h.is_module_item(a):
                return "collapsed"
            return "pruned" if eid in pruned else "drawn"
        return "pruned" if eid in pruned else "boundary"

    def _edges_json(self, level: int) -> list[dict]:
        h = self.h
        back = (self.state.reversed or {}).get(level, frozenset())
        edges = []
        for (a, b), eids in self._drawn.get(level, {}).items():
            if a == b and h.is_module_item(a):
                continue
            tensors = {(h.edge_src[e], h.edge_out[e]) for e in eids}
            source, target = self.item_id(a), self.item_id(b)
            edges.append({
                "id": f"e:{source}->{target}", "source": source, "target": target, "count": len(eids),
                "tensors": [_tensor_json(h.nodes[n], o) for n, o in sorted(tensors)[:8]],
                "tensor_count": len(tensors), "reversed": (a, b) in back,
                # a training-step graph's gradients: made by backward ops (log_training_graph)
                "gradient": any(h.nodes[n].attrs.get("phase") == "backward" for n, _ in tensors),
            })
        return edges

    def _boundary_json(self, level: int, eids: list[int]) -> dict:
        h = self.h
        inputs: dict[tuple[int, int], set[str]] = defaultdict(set)
        outputs: dict[tuple[int, int], list[int]] = defaultdict(list)
        counts: dict[tuple[str, int, int], int] = defaultdict(int)
        for eid in eids:
            tensor = (h.edge_src[eid], h.edge_out[eid])
            if h.in_subtree(level, h.edge_dst[eid]):
                inputs[tensor].add(self.item_id(self._drawn_item(level, h.edge_dst[eid])))
                counts[("in", *tensor)] += 1
            else:
                outputs[tensor].append(eid)
                counts[("out", *tensor)] += 1
        return {
            "inputs": [
                dict(_tensor_json(h.nodes[n], o), id=f"in:{h.nodes[n].name}:{o}", targets=sorted(targets),
                     count=counts[("in", n, o)])
                for (n, o), targets in inputs.items()
            ],
            "outputs": [
                dict(_tensor_json(h.nodes[n], o), id=f"out:{h.nodes[n].name}:{o}",
                     source=self.item_id(self._drawn_item(level, n)), count=counts[("out", n, o)])
                for (n, o) in outputs
            ],
        }

    def _ports_json(self, level: int, eids: list[int]) -> list[dict]:
        h = self.h
        stubs: dict[tuple[str, int, str, int], dict] = {}
        for eid in eids:
            src, dst = h.edge_src[eid], h.edge_dst[eid]
            for direction, end, other in (("out", src, dst), ("in", dst, src)):
                if not h.in_subtree(level, end):
                    continue
                item = self._drawn_item(level, end)
                key = (direction, item, h.nodes[src].name, h.edge_out[eid])
                stub = stubs.get(key)
                if stub is None:
                    item_id = self.item_id(item)
                    stub = stubs[key] = dict(
                        _tensor_json(h.nodes[src], h.edge_out[eid]),
                        id=f"p:{direction}:{item_id}:{h.nodes[src].name}:{h.edge_out[eid]}", item=item_id,
                        direction=direction, label=h.nodes[src].name, reason=self.state.pruned[eid], edges=[], peers=[],
                    )
                stub["edges"].append(list(h.edge_key(eid)))
                peer = h.module_paths[h.node_module[other]]
                if peer not in stub["peers"]:
                    stub["peers"].append(peer)
        return list(stubs.values())


    # -- finding things ----------------------------------------------------------------
    def _checks_of(self, nid: int) -> list[int]:
        """The checks reading node ``nid``'s outputs, and the checks reading those (``size -> Int``), in order."""
        h, found, todo = self.h, [], [nid]
        while todo:
            for eid in h.out_edges[todo.pop(0)]:
                dst = h.edge_dst[eid]
                if h.hidden_reason[dst] == "check" and dst not in found:
                    found.append(dst)
                    todo.append(dst)
        return found

    def _checked_node(self, nid: int) -> int:
        """The drawn node that check ``nid`` reads, through other checks; ``nid`` itself if none is drawn."""
        h, seen = self.h, {nid}
        current = nid
        while h.in_edges[current]:
            src = h.edge_src[h.in_edges[current][0]]
            if not h.hidden[src]:
                return src
            if h.hidden_reason[src] != "check" or src in seen:
                break
            seen.add(src)
            current = src
        return nid

    def reveal(self, name: str) -> dict:
        """How to show node ``name``: the views to open from the root down, and the item in each.

        A parameter or constant is shown in the details of its first consumer,
        and a check in the details of the node it checks (``embedded_in``). A
        node hidden as dead code or plumbing (``hidden`` says which) is in no
        view's drawing: the steps lead to its module's view and the last item
        is ``None``. A step whose item is a stack carries the ``member`` to
        pick in it.
        """
        h = self.h
        nid = h.node_id.get(name)
        if nid is None:
            raise UnknownNodeError(f"no node {name!r} in graph {h.graph.name!r}")
        reason = h.hidden_reason[nid]
        target, embedded_in = nid, None
        if reason == "embedded" and h.out_edges[nid]:
            target = h.edge_dst[h.out_edges[nid][0]]
        elif reason == "check":
            target = self._checked_node(nid)
        if target != nid:
            embedded_in = h.nodes[target].name
        steps, view = self._steps_down_to(h.node_module[target])
        drawn = not h.hidden[target]
        steps.append({"view": h.module_paths[view], "item": "n:" + h.nodes[target].name if drawn else None})
        hidden = reason if reason in HIDDEN_REASONS else None
        return {"node": name, "embedded_in": embedded_in, "hidden": hidden, "reveal": steps}


def check_view(folded: FoldedGraph, path: str) -> None:
    """Verify from scratch that ``path``'s view accounts for every original edge exactly once."""
    h = folded.h
    level = h.module_id[path]
    touching = {e for e in range(h.edge_count) if h.in_subtree(level, h.edge_src[e]) or h.in_subtree(level, h.edge_dst[e])}
    categories = folded.classify(level)
    seen: list[int] = [e for eids in categories.values() for e in eids]
    if len(seen) != len(set(seen)) or set(seen) != touching:
        raise AssertionError(f"view {path!r}: {len(seen)} classified edges for {len(touching)} touching edges")
    drawn = [e for (a, b), eids in folded._drawn.get(level, {}).items() if not (a == b and h.is_module_item(a)) for e in eids]
    if sorted(drawn) != sorted(categories["drawn"]):
        raise AssertionError(f"view {path!r}: drawn edges disagree with the per-level edge index")
    view = folded.view(path)
    if sum(e["count"] for e in view["edges"]) != len(categories["drawn"]):
        raise AssertionError(f"view {path!r}: drawn edge counts do not add up")
    boundary = view["boundary"]
    if sum(p["count"] for p in boundary["inputs"] + boundary["outputs"]) != len(categories["boundary"]):
        raise AssertionError(f"view {path!r}: boundary port counts do not add up")
    stub_edges = {tuple(e) for p in view["ports"] for e in p["edges"]}
    if stub_edges != {h.edge_key(e) for e in categories["pruned"]}:
        raise AssertionError(f"view {path!r}: port stubs do not list exactly the pruned edges")
    items = {c["id"] for c in view["children"]}
    for edge in view["edges"]:
        if edge["source"] not in items or edge["target"] not in items:
            raise AssertionError(f"view {path!r}: edge {edge['id']} ends outside the view's children")
