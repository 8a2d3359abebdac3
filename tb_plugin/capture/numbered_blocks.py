"""Numbered blocks in flat layer names: ``conv2_block1_1_conv`` sits in module ``conv2`` / ``block1``.

Keras applications build their repeated blocks as flat lists of layers whose
names carry the block numbers (ResNet50: ``conv2_block1_1_conv``,
``conv2_block2_1_conv``…; MobileNetV2: ``block_1_expand``, ``block_2_expand``…).
TensorBoard's Graphs dashboard groups series by numeric suffix; here the names
only *propose* a module tree, and GraphFold's stacking pass draws siblings as
one stack only once it has verified them isomorphic, so a wrong guess costs a
level of nesting, never a wrong stack.

The rule, applied to the children of one module: a name ``<stem><n>_<rest>``
(``stem`` starts with a letter and may end in ``_``, ``n`` is a number) is put
in block ``<stem><n>`` when at least two names share that block (a lone
``conv5_relu`` stays where it is; ``pool1_pad`` and ``pool1_pool`` make
``pool1``); ``rest`` is then split again by the same rule inside the block.
Names without such a stem stay where they were. A layer keeps its own name as
the last segment, so what a user searches for is what is drawn.

EfficientNet numbers stages and letters their blocks (``block2a_expand_conv``,
``block2b_expand_conv``): such a name is put in stage ``block2``, block
``block2a``, where some stage of its stem has two letters (a stage of one
block holds its layers itself).

A long run of blocks with one stem is a list, as a PyTorch ``ModuleList`` is:
when at least eight blocks share a stem (MobileNetV2's ``block_1`` …
``block_16``), they sit in one more module named after the stem (``block``),
unless a sibling already has that name. Fewer stay side by side (ResNet50's
``conv1`` … ``conv5`` are its stages, drawn at the root).

Names can also propose a block that the wiring contradicts: in MobileNetV2's
op graph, ``Conv1_1`` and ``Conv1_relu_1`` make a block ``Conv1`` that leaves
out the batch norm between them, so the drawing would go ``Conv1 →
bn_Conv1_1 → Conv1``, a cycle that is not in the model.
:func:`acyclic_block_paths` drops every proposed block that some path of the
graph leaves and enters again (with the blocks inside it).
"""

from __future__ import annotations

import collections
import re
from collections.abc import Mapping, Sequence

from tb_plugin import ir
from tb_plugin.graph_algorithms import strongly_connected_component_ids

__all__ = ["acyclic_block_paths", "created_blocks", "numbered_block_paths", "original_prefixes", "split_numbered_blocks"]

_NUMBERED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z_]*?_?)(?P<number>\d+)_(?P<rest>.+)", re.DOTALL)
# EfficientNet's blocks: ``block2a_expand_conv``, ``block2b_expand_conv`` are blocks a and b of stage 2.
_LETTERED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z_]*?_?)(?P<number>\d+)(?P<letter>[a-z])_(?P<rest>.+)", re.DOTALL)
_MIN_BLOCK_SIZE = 2
_MIN_LIST_SIZE = 8
_MAX_PULL_ROUNDS = 8  # per nesting level; blocks still on a cycle after that are dropped


def split_numbered_blocks(names: list[str]) -> dict[str, tuple[str, ...]]:
    """The block segments each of ``names`` (siblings) is put under; ``()`` for a name left where it is.

    >>> blocks = split_numbered_blocks(["conv1_conv", "conv2_block1_1_conv", "conv2_block1_2_conv",
    ...                                 "conv2_block2_1_conv", "conv2_block2_2_conv", "conv3_block1_1_conv",
    ...                                 "conv3_block1_2_conv", "dense_1", "dense_2"])
    >>> blocks["conv2_block2_1_conv"], blocks["conv3_block1_1_conv"], blocks["conv1_conv"], blocks["dense_1"]
    (('conv2', 'block2'), ('conv3', 'block1'), (), ())
    """
    unique = list(dict.fromkeys(names))
    return _split(unique, unique)


def _split(keys: list[str], texts: list[str]) -> dict[str, tuple[str, ...]]:
    """Blocks of ``keys`` by their ``texts`` (a key's text is what is left of its name to split)."""
    out = {key: () for key in keys}
    blocks: dict[str, list[int]] = collections.defaultdict(list)
    matches = {}
    for i, match in _matches(texts).items():
        matches[i] = match
        blocks[match["stem"] + match["number"]].append(i)
    kept = {block: ids for block, ids in blocks.items() if len(ids) >= _MIN_BLOCK_SIZE}
    lists = _lists(kept, matches, taken=set(texts))
    for block, ids in kept.items():
        by_sub: dict[str, list[int]] = collections.defaultdict(list)
        for i in ids:
            by_sub[block + (matches[i].groupdict().get("letter") or "")].append(i)
        for sub, members in by_sub.items():
            inner = _split([keys[i] for i in members], [matches[i]["rest"] for i in members])
            level = (sub,) if sub != block and len(members) >= _MIN_BLOCK_SIZE and len(by_sub) > 1 else ()
            for i in members:
                out[keys[i]] = (*lists.get(block, ()), block, *level, *inner[keys[i]])
    return out


def _matches(texts: list[str]) -> dict[int, re.Match]:
    """Per text that names a numbered block, its match. A lettered name (``block2a_x``) counts only where
    some stage of its stem has two letters (``block2a``, ``block2b``): ``conv2d_5`` names no block."""
    numbered = {i: m for i, m in enumerate(map(_NUMBERED.fullmatch, texts)) if m}
    lettered = {i: m for i, text in enumerate(texts) if i not in numbered and (m := _LETTERED.fullmatch(text))}
    letters: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    for m in lettered.values():
        letters[m["stem"], m["number"]].add(m["letter"])
    stems = {stem for (stem, _), found in letters.items() if len(found) >= 2}
    return {**numbered, **{i: m for i, m in lettered.items() if m["stem"] in stems}}


def _lists(blocks: dict[str, list[int]], matches: dict, taken: set[str]) -> dict[str, tuple[str]]:
    """The list module each block goes in (``block_7`` -> ``("block",)``) where its stem numbers enough blocks."""
    by_stem: dict[str, list[str]] = collections.defaultdict(list)
    for block, ids in blocks.items():
        by_stem[matches[ids[0]]["stem"]].append(block)
    out = {}
    for stem, members in by_stem.items():
        name = stem.rstrip("_")
        if len(members) >= _MIN_LIST_SIZE and name and name not in taken and name not in blocks:
            out.update({block: (name,) for block in members})
    return out


def numbered_block_paths(paths: list[str]) -> dict[str, str]:
    """Each dotted module path with numbered blocks inserted, deciding per parent; paths absent keep theirs.

    >>> numbered_block_paths(["m.a1_x", "m.a1_y", "m.a2_x", "m.a2_y", "m.a2_y.w"])["m.a2_y.w"]
    'm.a2.a2_y.w'
    """
    children: dict[str, set[str]] = collections.defaultdict(set)
    for path in paths:
        parts = path.split(".") if path else []
        for depth in range(len(parts)):
            children[".".join(parts[:depth])].add(parts[depth])
    placed = {parent: split_numbered_blocks(sorted(names)) for parent, names in children.items()}
    out = {}
    for path in paths:
        parts = path.split(".") if path else []
        new = []
        for depth, part in enumerate(parts):
            new += [*placed[".".join(parts[:depth])][part], part]
        out[path] = ".".join(new)
    return out


def acyclic_block_paths(
    nodes: Sequence[ir.Node], scopes: Mapping[str, str], placed: Mapping[str, str]
) -> tuple[dict[str, str], set[str]]:
    """The module path of each of ``nodes`` (by name) from ``placed`` (:func:`numbered_block_paths` of their
    ``scopes``), made so that no path of the graph leaves a block and enters it again; and the blocks kept.

    Checked outermost blocks first: at each nesting level the blocks are
    contracted to one vertex each. A block on a cycle of that graph through
    layers and ops of its own parent only (Xception's unnamed ``add_1``
    between two blocks of the list ``block``; ResNet50V2's ``max_pooling2d``,
    the shortcut of ``conv2_block3``, beside stage ``conv2``; MobileNetV3's
    hard-swish ops, which sit in the model's own scope) takes those in; one on
    a cycle through anything else (a layer elsewhere, another block: the names
    cannot say which is wrong) is dropped, with the blocks inside it.

    >>> def op(name, *inputs):
    ...     return ir.Node(name, "Op", inputs=tuple(ir.InputRef(i) for i in inputs))
    >>> nodes = [op("conv"), op("bn", "conv"), op("relu", "bn")]
    >>> scopes = {"conv": "c1_conv", "bn": "bn_c1", "relu": "c1_relu"}
    >>> placed = numbered_block_paths(list(scopes.values()))
    >>> placed["bn_c1"], acyclic_block_paths(nodes, scopes, placed)
    ('bn_c1', ({'conv': 'c1.c1_conv', 'bn': 'c1.bn_c1', 'relu': 'c1.c1_relu'}, {'c1'}))
    """
    paths = [placed.get(scopes[n.name], scopes[n.name]) for n in nodes]
    created = created_blocks(placed)
    if not created:
        return {n.name: path for n, path in zip(nodes, paths)}, set()
    index = {n.name: i for i, n in enumerate(nodes)}
    edges = [(index[ref.node], i) for i, n in enumerate(nodes) for ref in n.inputs if ref.node in index]
    dropped: set[str] = set()
    inserted: dict[tuple[str, str], list[str]] = {}
    level = rounds = 0
    while True:
        blocks_of = []
        for n, path in zip(nodes, paths):
            key = (scopes[n.name], path)
            if key not in inserted:
                inserted[key] = _inserted(*key)
            blocks_of.append([b for b in inserted[key] if b not in dropped])
        if level >= max(len(b) for b in blocks_of):
            break
        vertex: list[int] = []
        ids: dict[str, int] = {}
        for i, blocks in enumerate(blocks_of):
            vertex.append(ids.setdefault(blocks[level], len(nodes) + len(ids)) if len(blocks) > level else i)
        succ: list[list[int]] = [[] for _ in range(len(nodes) + len(ids))]
        for u, v in edges:
            if vertex[u] != vertex[v]:
                succ[vertex[u]].append(vertex[v])
        component = strongly_connected_component_ids(succ)
        members: dict[int, list[int]] = collections.defaultdict(list)
        for v, c in enumerate(component):
            members[c].append(v)
        layer_moves: dict[str, str] = {}
        op_moves: dict[int, str] = {}
        for block, v in ids.items():
            cycle = [u for u in members[component[v]] if u != v]
            if not cycle:
                continue
            pulled = None
            if rounds < _MAX_PULL_ROUNDS and all(u < len(nodes) for u in cycle):
                pulled = _loose_siblings(block, [(u, paths[u]) for u in cycle], created)
            if pulled is None or pulled[0].keys() & layer_moves.keys() or pulled[1].keys() & op_moves.keys():
                dropped.add(block)
            else:
                layer_moves.update(pulled[0])
                op_moves.update(pulled[1])
        if layer_moves or op_moves:  # what was taken in may close other cycles at this level: check it again
            paths = [op_moves[i] if i in op_moves else _moved(path, layer_moves) for i, path in enumerate(paths)]
            rounds += 1
            continue
        level, rounds = level + 1, 0
    final = {n.name: _without(path, created, dropped) if dropped else path for n, path in zip(nodes, paths)}
    kept = {prefix for path in set(final.values()) for prefix, _ in _aligned("", path) if prefix in created}
    return _closing_merges(nodes, final, kept), kept


def _closing_merges(nodes: Sequence[ir.Node], paths: dict[str, str], blocks: set[str]) -> dict[str, str]:
    """``paths`` with each layer that closes a block's residual put in that block.

    Keras' ConvNeXt adds each block's output to its input with an unnamed
    ``add`` after the block; drawn beside the blocks, it makes them
    alternate with adds, which no stack can hold. A layer that is no block
    (beside ``B`` or at a level above) goes into block ``B`` when it reads
    ``B``'s output and otherwise only what ``B`` reads, and nothing in ``B``
    reads it.
    """
    if not blocks:
        return paths
    containers = {"", *(prefix for block in blocks for prefix, _ in _aligned("", block))}

    def innermost(path: str) -> str | None:
        found = None
        for prefix, _ in _aligned("", path):
            if prefix in blocks:
                found = prefix
        return found

    block_of = {n.name: innermost(paths[n.name]) for n in nodes}
    entering: dict[str, set[str]] = collections.defaultdict(set)  # block -> producers outside it
    readers: dict[str, set[str]] = collections.defaultdict(set)  # node -> blocks reading it
    for n in nodes:
        for ref in n.inputs:
            if ref.node not in paths:
                continue
            for prefix, _ in _aligned("", paths[n.name]):
                if prefix in blocks and not _within(paths[ref.node], prefix):
                    entering[prefix].add(ref.node)
                    readers[ref.node].add(prefix)
    # A layer's nodes move together; an op in a module that holds blocks (MobileNetV3's and ConvNeXt's op
    # graphs put Keras' Add ops in the model's own scope) moves alone, into the block itself.
    groups: dict[tuple[str, str], list[ir.Node]] = collections.defaultdict(list)
    for n in nodes:
        groups[(paths[n.name], n.name if paths[n.name] in containers else "")].append(n)
    out = dict(paths)
    for (layer, op), members in groups.items():
        names = {n.name for n in members}
        producers = {ref.node for n in members for ref in n.inputs if ref.node in paths and ref.node not in names}
        parent = layer if op else ir.parent_path(layer) or ""
        closed = []
        for block in {block_of[p] for p in producers if block_of[p] is not None and not _within(layer, block_of[p])}:
            outside = {p for p in producers if not _within(paths[p], block)}
            if (outside and outside <= entering[block] and _within(block, parent)
                    and not any(block in readers[m] for m in names)):
                closed.append(block)
        if len(closed) == 1:
            for n in members:
                out[n.name] = closed[0] if op else ir.join_path(closed[0], layer.rsplit(".", 1)[-1])
    return out


def _within(path: str, ancestor: str) -> bool:
    return not ancestor or path == ancestor or path.startswith(ancestor + ".")


def _loose_siblings(block: str, cycle: list[tuple[int, str]],
                    created: set[str]) -> tuple[dict[str, str], dict[int, str]] | None:
    """What goes into ``block`` for the nodes ``(index, path)`` on a cycle through it: ``({layer path: its
    path inside the block}, {op index: the block})``, when each node lies in a layer (not a block) of the
    block's own parent, or in the parent itself; ``None`` when one does not."""
    parent = ir.parent_path(block) or ""
    prefix = parent + "." if parent else ""
    layers, ops = {}, {}
    for i, path in cycle:
        if path == parent:
            ops[i] = block
            continue
        if not path.startswith(prefix):
            return None
        layer = prefix + path[len(prefix):].split(".", 1)[0]  # the parent's child that holds the node
        if layer in created:
            return None
        layers[layer] = ir.join_path(block, layer[len(prefix):])
    return layers, ops


def _moved(path: str, moves: Mapping[str, str]) -> str:
    """``path`` with its prefix moved where ``moves`` says (itself when none of its prefixes moves)."""
    for old, new in moves.items():
        if path == old or path.startswith(old + "."):
            return new + path[len(old):]
    return path


def created_blocks(placed: Mapping[str, str]) -> set[str]:
    """The block modules ``placed`` (original path -> path with blocks) puts in, which no original path names.

    >>> sorted(created_blocks(numbered_block_paths(["a1_x", "a1_y", "b"])))
    ['a1']
    """
    return {block for old, new in placed.items() for block in _inserted(old, new)}


def _inserted(old: str, new: str) -> list[str]:
    """The paths of the segments ``new`` has and ``old`` has not, outermost first."""
    return [prefix for prefix, original in _aligned(old, new) if original is None]


def original_prefixes(old: str, new: str) -> dict[str, str]:
    """Each prefix of ``new`` (``old`` with blocks inserted) that ends in a segment of ``old``, mapped to
    that prefix of ``old``.

    >>> original_prefixes("enc.d", "enc.blk.d")
    {'enc': 'enc', 'enc.blk.d': 'enc.d'}
    """
    return {prefix: original for prefix, original in _aligned(old, new) if original is not None}


def _aligned(old: str, new: str) -> list[tuple[str, str | None]]:
    """Each prefix of ``new`` with the prefix of ``old`` it ends in, or ``None`` for an inserted segment (a
    layer keeps its name, and a block's name is shorter than each of its layers' names, so the original
    segments match in order)."""
    expected = old.split(".") if old else []
    out, prefix, j = [], "", 0
    for segment in new.split(".") if new else []:
        prefix = f"{prefix}.{segment}" if prefix else segment
        if j < len(expected) and segment == expected[j]:
            j += 1
            out.append((prefix, ".".join(expected[:j])))
        else:
            out.append((prefix, None))
    return out


def _without(path: str, created: set[str], dropped: set[str]) -> str:
    """``path`` without the created blocks that are, or lie in, a dropped block."""
    kept, prefix, gone = [], "", False
    for segment in path.split(".") if path else []:
        prefix = f"{prefix}.{segment}" if prefix else segment
        gone = gone or prefix in dropped
        if not (gone and prefix in created):
            kept.append(segment)
    return ".".join(kept)
