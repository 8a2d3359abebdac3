"""Runs of identical operator blocks inside flat modules, wrapped into synthetic modules.

Graphs without module scopes (a TensorFlow GraphDef with flat names, an ONNX
export without node-name scopes) have nothing for stacking to stack: twelve
``MatMul → BiasAdd → Relu`` layers are 36 ops side by side. For every module
with no child modules and enough ops, this finds maximal runs of consecutive,
structurally identical blocks and puts each block into a new child module
(``<module>.repeat0_0``, ``.repeat0_1``... for run 0), which
:func:`tb_plugin.passes.stacking.find_stacks` then stacks.

How, for one module (a heuristic for flat graphs, linear in its ops for a fixed
number of candidate periods):

1. Its ops in a topological order of the edges among them (ties in graph
   order), as a sequence of op labels.
2. Candidate periods ``p`` are the most frequent distances between an op and
   the next (and next but one) op with the same label; for each, the maximal
   stretches where ``label[i] == label[i + p]`` give runs of blocks. Periods are
   tried by the number of ops their stretches cover, largest first; the block
   boundary phase is the one that cuts the fewest edges inside the stretch.
3. Blocks are verified: a block joins the run of the block before it only if
   its internal edges (with ports) equal those of the run's first block shifted
   by the block offset, and its ops read nothing from the run but that block and
   itself. Runs of at least ``min_repeats`` blocks are kept.

Parameters, buffers and constants of the module whose consumers all lie in one
block move into that block's module. The input graph is never changed.
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter

from tb_plugin import ir
from tb_plugin.graph_algorithms import kahn_order

__all__ = ["group_repeated_blocks"]

_CANDIDATE_PERIODS = 8
_EMBEDDABLE = (ir.NodeKind.PARAMETER, ir.NodeKind.BUFFER, ir.NodeKind.CONSTANT)


def group_repeated_blocks(
    graph: ir.Graph, *, min_repeats: int = 2, min_block_ops: int = 2, max_block_ops: int = 200
) -> tuple[ir.Graph, list[str]]:
    """A new graph with repeated op blocks of flat modules wrapped in modules, and the new module paths.

    Where nothing repeats, the input graph itself comes back (unchanged, as always) with ``[]``.

    >>> g = ir.Graph()
    >>> _ = g.add_node(ir.Node("x", "Placeholder", ir.NodeKind.INPUT))
    >>> prev = "x"
    >>> for i in range(3):
    ...     _ = g.add_node(ir.Node(f"mm{i}", "MatMul", inputs=(ir.InputRef(prev),)))
    ...     _ = g.add_node(ir.Node(f"relu{i}", "Relu", inputs=(ir.InputRef(f"mm{i}"),)))
    ...     prev = f"relu{i}"
    >>> grouped, created = group_repeated_blocks(g)
    >>> created
    ['repeat0_0', 'repeat0_1', 'repeat0_2']
    >>> grouped.modules["repeat0_1"].class_name, grouped.node("relu1").module
    ('Repeated[MatMul→Relu]', 'repeat0_1')
    """
    if min_repeats < 2 or min_block_ops < 1 or max_block_ops < min_block_ops:
        raise ValueError(
            f"need min_repeats >= 2 and 1 <= min_block_ops <= max_block_ops, "
            f"got {min_repeats}, {min_block_ops}, {max_block_ops}"
        )
    parents = {ir.parent_path(path) for path in graph.modules if path}
    by_module: dict[str, list[ir.Node]] = {}
    for node in graph.nodes.values():
        by_module.setdefault(node.module, []).append(node)
    new_module: dict[str, str] = {}  # node name -> its block module
    created: list[tuple[str, str]] = []
    movable: list[str] = []  # parameters, buffers and constants of modules with runs
    # One set for all modules: a path made for module P ends in ".repeat<r>_<j>" after P's path, so it can
    # only clash with another name made for P (copying the module table per module was quadratic).
    taken = set(graph.modules)
    fewest = max(2 * min_block_ops, min_repeats * min_block_ops)
    for path, nodes in by_module.items():
        if path in parents or len(nodes) < fewest:  # ops are some of the nodes: too few either way
            continue
        ops = [n for n in nodes if n.kind is ir.NodeKind.OP]
        if len(ops) < fewest:
            continue
        runs = _repeated_runs(ops, min_repeats, min_block_ops, max_block_ops)
        for r, run in enumerate(runs):
            while any(ir.join_path(path, f"repeat{r}_{j}") in taken for j in range(len(run))):
                r += len(runs)
            class_name = _class_name([n.op for n in run[0]])
            for j, block in enumerate(run):
                module = ir.join_path(path, f"repeat{r}_{j}")
                taken.add(module)
                created.append((module, class_name))
                new_module.update((n.name, module) for n in block)
        if runs:
            movable += [n.name for n in nodes if n.kind in _EMBEDDABLE]
    if not created:
        return graph, []
    _move_embedded(graph, movable, new_module)
    return graph.regrouped(created, new_module), [path for path, _ in created]


def _repeated_runs(ops: list[ir.Node], min_repeats: int, min_block: int, max_block: int) -> list[list[list[ir.Node]]]:
    """Verified runs of identical consecutive blocks among ``ops`` (one module's ops)."""
    seq, preds = _topological(ops)
    n = len(seq)
    ids: dict[str, int] = {}
    labels = [ids.setdefault(node.op, len(ids)) for node in seq]
    taken = [False] * n
    free = n
    runs: list[tuple[int, list[list[ir.Node]]]] = []
    for p in _candidate_periods(labels, min_repeats, min_block, max_block):
        i = 0
        while i + p < n and free >= p * min_repeats:
            if labels[i] != labels[i + p] or taken[i] or taken[i + p]:
                i += 1
                continue
            j = i
            while j + p < n and labels[j] == labels[j + p] and not taken[j] and not taken[j + p]:
                j += 1
            start, end = i, j + p  # labels are p-periodic on [start, end)
            if (end - start) // p >= min_repeats:
                phase = _best_phase(start, end, p, preds)
                count = (end - start - phase) // p
                for run in _verified_runs(start + phase, p, count, preds):
                    if len(run) >= min_repeats:
                        runs.append((run[0], [seq[b : b + p] for b in run]))
                        taken[run[0] : run[-1] + p] = [True] * (len(run) * p)
                        free -= len(run) * p
            i = j + 1
    return [blocks for _, blocks in sorted(runs, key=lambda r: r[0])]


def _topological(ops: list[ir.Node]) -> tuple[list[ir.Node], list[list[tuple[int, int, int]]]]:
    """``ops`` in a topological order of the edges among them (ties in graph order, cycles last),
    and per op its ``(producer position, output, input index)`` among them."""
    index = {node.name: i for i, node in enumerate(ops)}
    preds: list[list[tuple[int, int, int]]] = []
    ordered = True
    for i, node in enumerate(ops):
        mine = []
        for k, ref in enumerate(node.inputs):
            j = index.get(ref.node)
            if j is not None:
                mine.append((j, ref.output, k))
                ordered = ordered and j < i
        preds.append(mine)
    if ordered:  # the usual case: graph order is already topological
        return ops, preds
    succ: list[list[int]] = [[] for _ in ops]
    for i, mine in enumerate(preds):
        for j, _, _ in mine:
            succ[j].append(i)
    order = kahn_order(succ)
    placed = set(order)
    order += [i for i in range(len(ops)) if i not in placed]
    rank = [0] * len(ops)
    for new, old in enumerate(order):
        rank[old] = new
    return [ops[i] for i in order], [[(rank[j], out, k) for j, out, k in preds[i]] for i in order]


def _candidate_periods(labels: list[int], min_repeats: int, min_block: int, max_block: int) -> list[int]:
    """Likely block lengths, best coverage first.

    A label that occurs once per block recurs at distance ``p``; one that occurs
    twice at distances summing to ``p``, hence the next-but-one distance too.
    """
    last: dict[int, int] = {}
    next_at = [-1] * len(labels)
    for i in range(len(labels) - 1, -1, -1):
        next_at[i] = last.get(labels[i], -1)
        last[labels[i]] = i
    gaps: Counter[int] = Counter()
    for i, j in enumerate(next_at):
        if j >= 0:
            gaps[j - i] += 1
            if next_at[j] >= 0:
                gaps[next_at[j] - i] += 1
    periods = [p for p, _ in gaps.most_common() if min_block <= p <= max_block][:_CANDIDATE_PERIODS]
    coverage = {p: _coverage(labels, p, min_repeats) for p in periods}
    return sorted((p for p in periods if coverage[p]), key=lambda p: (-coverage[p], p))


def _coverage(labels: list[int], p: int, min_repeats: int) -> int:
    """Ops in whole blocks of the ``p``-periodic stretches with enough repeats."""
    total = 0
    for same, run in itertools.groupby(map(operator.eq, labels, labels[p:])):
        if same:
            blocks = (sum(1 for _ in run) + p) // p  # a run of r equal pairs spans r + p ops
            total += blocks * p if blocks >= min_repeats else 0
    return total


def _best_phase(start: int, end: int, p: int, preds: list[list[tuple[int, int, int]]]) -> int:
    """The block offset, among those keeping the most blocks, whose boundaries cut the fewest edges."""
    crossing = [0] * (end - start + 1)  # crossing[b - start]: edges u -> v with u < b <= v
    for v in range(start, end):
        for u, _, _ in preds[v]:
            if start <= u < v:
                crossing[u + 1 - start] += 1
                crossing[v + 1 - start] -= 1
    for i in range(1, len(crossing)):
        crossing[i] += crossing[i - 1]
    count = (end - start) // p
    best = None
    for phase in range((end - start) % p + 1):
        cut = sum(crossing[phase + k * p] for k in range(1, count))
        if best is None or cut < best[0]:
            best = (cut, phase)
    return best[1]


def _verified_runs(first: int, p: int, count: int, preds: list[list[tuple[int, int, int]]]) -> list[list[int]]:
    """Block starts grouped into runs of identical blocks that feed only the next block."""
    runs: list[list[int]] = []
    shape = None
    for b in (first + k * p for k in range(count)):
        inner, feeds_next_only, acyclic = [], True, True
        for v in range(b, b + p):
            for u, out, k in preds[v]:
                if u >= v:
                    acyclic = False
                elif u >= b:
                    inner.append((u - b, v - b, out, k))
                elif runs and u >= runs[-1][0] and u < b - p:
                    feeds_next_only = False
        inner.sort()
        if not acyclic:
            shape = None
            continue
        if shape is not None and inner == shape and feeds_next_only and runs[-1][-1] == b - p:
            runs[-1].append(b)
        else:
            runs.append([b])
            shape = inner
    return runs


def _class_name(ops: list[str]) -> str:
    shown = ops if len(ops) <= 6 else ops[:3] + ["…"] + ops[-2:]
    suffix = "" if len(ops) <= 6 else f" ({len(ops)} ops)"
    return "Repeated[" + "→".join(shown) + suffix + "]"


def _move_embedded(graph: ir.Graph, movable: list[str], new_module: dict[str, str]) -> None:
    """Parameters, buffers and constants whose consumers all lie in one block join that block."""
    homes: dict[str, set[str | None]] = {name: set() for name in movable}
    for node in graph.nodes.values():
        home = new_module.get(node.name)
        for ref in node.inputs:
            found = homes.get(ref.node)
            if found is not None:
                found.add(home)
    for name, found in homes.items():
        if len(found) == 1 and None not in found:
            new_module[name] = found.pop()
