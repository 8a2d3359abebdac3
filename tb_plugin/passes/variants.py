"""Near-repeats: a sibling that differs from a stack's members by a small edit joins it as a *variant*.

Real models often have one layer that is almost like the others: T5's block 0
holds the relative position bias, an ONNX exporter folds some ops of layer 0,
CLIP's mask ``Where`` lands in text layer 0. Exact stacking leaves such a
layer beside a ``×11`` stack; drawn as a variant, the stack shows ``×12`` and
says which member differs and how.

The rule. A module ``v`` joins stack ``S`` (representative ``r``) as a variant
when it has ``r``'s parent and class (a variant is the same kind of layer,
not a look-alike; modules without a class, as TensorFlow's name scopes are,
must be numbered siblings instead: ``block1`` and ``block3``) and differs from
``r`` by

- an *insertion*: nodes only ``v`` has, with their edges, at most as many as
  ``r`` has (:data:`MAX_INSERTED`; T5's encoder block 0 computes the position
  bias that the other blocks receive: 26 extra ops beside 43);
- and a small *core edit*: everything else (nodes ``v`` lacks, edges between
  shared nodes that differ, inputs wired differently), at most
  ``max_fraction`` of ``r``'s size (its drawn nodes plus the edges among them;
  so a tiny module has no variants).

An insertion is told apart because it only adds to what the stack shows: the
representative's structure is still all there. Where

- nodes are aligned per module path relative to ``r`` and ``v``
  (``layer.0.SelfAttention``; where a numbered member's name recurs in its
  layers' names, as Keras' ``conv2_block1_1_conv`` in ``conv2.block1``, that
  part is read as the member's, so ``conv2_block1_1_conv`` aligns with
  ``conv2_block2_1_conv``), by a longest-matching-subsequence alignment of
  the op sequences (:class:`difflib.SequenceMatcher`), so an inserted op does
  not misalign those after it;
- the edit counts nodes only in ``v`` (*adds*), nodes only in ``r``
  (*lacks*), and edges that differ under the alignment: edges among nodes
  (ports included), and the boundary wiring (which entering tensor feeds which
  node input, which nodes send results out); the core edit leaves out the
  added nodes and every edge that touches one.

The alignment is fixed and the edit is counted, never searched, so checking a
variant is linear and repeatable: :func:`variant_edit` is also what the
stacking pass's ``ensures`` runs again. A sibling whose op and edge labels
alone bound its edit above the limits is not aligned at all
(:func:`cannot_be_small`): most same-class siblings of a convolutional stage
differ in wiring, and the alignment is most of a small model's fold.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections import Counter
from collections.abc import Sequence
from itertools import repeat

from tb_plugin.hierarchy import Hierarchy
from tb_plugin.passes.stack_witness import Wiring

__all__ = ["MAX_ALIGNED_NODES", "MAX_INSERTED", "LabelCounts", "Variant", "cannot_be_small", "is_small", "variant_edit"]

MAX_ALIGNED_NODES = 5000
"""Modules larger than this are never compared as variants (alignment is quadratic per module)."""
MAX_INSERTED = 1.0
"""The most nodes a variant may add, as a fraction of the representative's."""

_LISTED = 50
_NUMBERED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z_]*?)_?\d+")


@dataclasses.dataclass(frozen=True)
class Variant:
    """Member ``member`` (module id) of a stack, and how it differs from the representative."""

    member: int
    adds: tuple[str, ...]
    lacks: tuple[str, ...]
    edits: int
    core: int
    nodes: int
    size: int

    def to_json(self, h: Hierarchy) -> dict:
        return {
            "member": h.module_paths[self.member], "adds": list(self.adds[:_LISTED]), "lacks": list(self.lacks[:_LISTED]),
            "adds_count": len(self.adds), "lacks_count": len(self.lacks), "edits": self.edits,
            "core_edits": self.core,
        }


def variant_edit(h: Hierarchy, embedded: Sequence[bool], rep: int, other: int, *,
                 rep_wiring: Wiring | None = None, other_wiring: Wiring | None = None) -> Variant | None:
    """The aligned edit from module ``rep`` to module ``other`` (see the module docstring).

    ``None`` when either subtree is larger than :data:`MAX_ALIGNED_NODES`.
    ``rep_wiring``, ``other_wiring``: their :class:`Wiring`, where the caller has it already.
    """
    rep_wiring = rep_wiring if rep_wiring is not None else Wiring(h, embedded, rep)
    other_wiring = other_wiring if other_wiring is not None else Wiring(h, embedded, other)
    rep_nodes, other_nodes = list(rep_wiring.ops), list(other_wiring.ops)
    if len(rep_nodes) > MAX_ALIGNED_NODES or len(other_nodes) > MAX_ALIGNED_NODES:
        return None
    pairs = _aligned(h, rep, rep_nodes, other, other_nodes)
    back = {b: a for a, b in pairs.items()}
    adds = tuple(h.nodes[n].name for n in other_nodes if n not in back)
    lacks = tuple(h.nodes[n].name for n in rep_nodes if n not in pairs)
    renamed_rep = rep_wiring.renamed(lambda n: pairs[n] if n in pairs else _Unaligned(n, False))
    renamed_other = other_wiring.renamed(lambda n: n if n in back else _Unaligned(n, True))
    differing = [(a - b) + (b - a) for a, b in zip(renamed_rep.parts(), renamed_other.parts())]
    core = sum(count for diff in differing for key, count in diff.items() if not _touches(key))
    size = _size(rep_wiring)
    edits = len(adds) + len(lacks) + sum(diff.total() for diff in differing)
    return Variant(other, adds, lacks, edits, len(lacks) + core, len(rep_nodes), size)


def is_small(variant: Variant | None, max_fraction: float) -> bool:
    """Whether ``variant`` differs, by an insertion of at most :data:`MAX_INSERTED` of the
    representative's nodes and a core edit of at most ``max_fraction`` of its size (so a
    module of fewer than ``1 / max_fraction`` elements has no variants)."""
    return (variant is not None and variant.edits > 0 and variant.size * max_fraction >= 1
            and len(variant.adds) <= MAX_INSERTED * variant.nodes and variant.core <= max_fraction * variant.size)


class _Unaligned:
    """A node without a counterpart: equal to nothing but itself. ``added`` when only the variant has it."""

    __slots__ = ("node", "added")

    def __init__(self, node: int, added: bool) -> None:
        self.node, self.added = node, added


@dataclasses.dataclass(frozen=True)
class LabelCounts:
    """A module's drawn ops, the edges among them and its boundary wiring, each with node ids
    replaced by their ``(kind, op)`` labels and counted: what :func:`cannot_be_small` compares."""

    ops: Counter
    wiring: tuple[Counter, Counter, Counter]
    """Edges, entering groups and leaving results, as :meth:`Wiring.parts` holds them."""
    nodes: int
    size: int

    @classmethod
    def of(cls, wiring: Wiring) -> LabelCounts:
        ops = wiring.ops
        edges: Counter = Counter()
        for (a, out, b, into), count in wiring.edges.items():
            edges[(ops[a], out, ops[b], into)] += count
        entering: Counter = Counter()
        for reads, count in wiring.entering.items():
            entering[frozenset((ops[n], into) for n, into in reads)] += count
        leaving: Counter = Counter()
        for (n, out), count in wiring.leaving.items():
            leaving[(ops[n], out)] += count
        return cls(Counter(ops.values()), (edges, entering, leaving), len(ops), _size(wiring))


def _size(wiring: Wiring) -> int:
    """A module's size for the edit's limit: its drawn nodes plus the edges among them."""
    return len(wiring.ops) + sum(wiring.edges.values())


def cannot_be_small(rep: LabelCounts, other: LabelCounts, max_fraction: float) -> bool:
    """Whether labels alone show that a module (``other``) cannot be a small variant
    (:func:`is_small`) of a representative (``rep``), without aligning them.

    The alignment pairs only nodes with equal labels, so the nodes the
    representative lacks are at least its surplus of each op label over the
    other's, and the added ones the other's surplus. The core edit counts every
    lacking node, and every edge, entering group and leaving result of the
    representative that has no equal one in the other once renamed by the
    alignment; an equal one has equal labels, so those are at least the
    representative's surplus of each labelled edge, group and result. A bound,
    never a guess: what it rules out, :func:`variant_edit` would find too large.
    """
    if _surplus(other.ops, rep.ops) > MAX_INSERTED * rep.nodes:
        return True
    limit = max_fraction * rep.size
    core = _surplus(rep.ops, other.ops)
    for mine, theirs in zip(rep.wiring, other.wiring):
        if core > limit:
            break
        core += _surplus(mine, theirs)
    return core > limit


def _surplus(mine: Counter, theirs: Counter) -> int:
    """``(mine - theirs).total()``, without building the difference."""
    get = theirs.get
    return sum(count - got for count, got in zip(mine.values(), map(get, mine, repeat(0))) if count > got)


def _touches(key: tuple | frozenset) -> bool:
    """Whether a wiring key (an edge, an entering group or a leaving result) names an added node."""
    return any(part.added if isinstance(part, _Unaligned) else isinstance(part, tuple) and _touches(part)
               for part in key)


def _numbered_name(h: Hierarchy, mid: int) -> str:
    """The module's own name (last path segment) when it is a numbered name like ``block2``, else ``""``."""
    name = h.module_paths[mid].rsplit(".", 1)[-1]
    return name if _NUMBERED.fullmatch(name) else ""


def _kind(h: Hierarchy, mid: int) -> tuple[str, str] | None:
    """What a variant must share with the representative: its class, or for a module without one, the
    stem of its numbered name (``block`` of ``block2``); ``None`` for a module with neither."""
    if h.module_class[mid]:
        return ("class", h.module_class[mid])
    name = _numbered_name(h, mid)
    return ("numbered", _NUMBERED.fullmatch(name)["stem"]) if name else None


def _aligned(h: Hierarchy, rep: int, rep_nodes: list[int], other: int, other_nodes: list[int]) -> dict[int, int]:
    """Representative node -> other node, per relative module path, by aligned op sequences."""
    def by_module(root: int, nodes: list[int]) -> dict[str, list[int]]:
        cut = len(h.module_paths[root])
        own = _numbered_name(h, root)
        pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(own)}(?![A-Za-z0-9])") if own else None
        out: dict[str, list[int]] = {}
        for nid in nodes:
            relative = h.module_paths[h.node_module[nid]][cut:]
            out.setdefault(pattern.sub("\0", relative) if pattern else relative, []).append(nid)
        return out

    mine, theirs = by_module(rep, rep_nodes), by_module(other, other_nodes)
    pairs: dict[int, int] = {}
    all_nodes = h.nodes
    for path, a in mine.items():
        b = theirs.get(path)
        if not b:
            continue
        labels_a = [(all_nodes[n].kind, all_nodes[n].op) for n in a]
        labels_b = [(all_nodes[n].kind, all_nodes[n].op) for n in b]
        if labels_a == labels_b:  # most modules of a variant are as the representative's: one matching block
            pairs.update(zip(a, b))
            continue
        matcher = difflib.SequenceMatcher(None, labels_a, labels_b, autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                pairs[a[block.a + k]] = b[block.b + k]
    return pairs


def join_variants(
    h: Hierarchy, embedded: Sequence[bool], items: Sequence[int], runs: list[list[int]],
    contraction_ok, *, max_fraction: float = 0.1,
) -> dict[int, Variant]:
    """Grow ``runs`` (positions into one parent's ``items``) by the siblings that are variants of them.

    ``contraction_ok(runs)`` says whether drawing every run as one item keeps
    the parent's view acyclic. Runs are changed in place: variants join after
    the exact members, since a stack's first member is drawn for all of them
    and must be exact. Returns position -> :class:`Variant` for every member
    that joined.
    """
    taken = {p for run in runs for p in run}
    variants: dict[int, Variant] = {}
    known: dict[int, tuple[Wiring, LabelCounts]] = {}  # module -> its wiring and label counts, once built

    def counted(mid: int) -> tuple[Wiring, LabelCounts]:
        found = known.get(mid)
        if found is None:
            wiring = Wiring(h, embedded, mid)
            found = known[mid] = (wiring, LabelCounts.of(wiring))
        return found

    kinds: dict[int, tuple[str, str] | None] | None = None  # position of a module item -> its kind
    start, end = h.subtree_start, h.subtree_end  # a subtree's nodes are subtree_nodes[start[m]:start[end[m]]]
    for run in sorted(runs, key=len, reverse=True):
        rep = h.item_module(items[run[0]])
        # a representative smaller than 1 / max_fraction elements has no variants; nodes bound that cheaply
        kind = _kind(h, rep)
        if not kind or 2 * (start[end[rep]] - start[rep]) * max_fraction < 1:
            continue
        if kinds is None:
            kinds = {p: _kind(h, h.item_module(item)) for p, item in enumerate(items) if item >= h.node_count}
        for p, other_kind in kinds.items():
            if other_kind != kind or p in taken:
                continue
            rep_wiring, rep_labels = counted(rep)
            if rep_labels.size * max_fraction < 1:  # too small for any variant (is_small)
                break
            other = h.item_module(items[p])
            other_wiring, other_labels = counted(other)
            if cannot_be_small(rep_labels, other_labels, max_fraction):
                continue
            variant = variant_edit(h, embedded, rep, other, rep_wiring=rep_wiring, other_wiring=other_wiring)
            if not is_small(variant, max_fraction):
                continue
            grown = run + [p]
            if contraction_ok([grown if r is run else r for r in runs]):
                run[:] = grown
                taken.add(p)
                variants[p] = variant
    return variants
