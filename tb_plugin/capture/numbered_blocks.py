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

__all__ = ["acyclic_block_paths", "created_blocks", "numbered_block_paths", "split_numbered_blocks"]

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


def acyclic_block_paths(nodes: Sequence[ir.Node], scopes: Mapping[str, str], placed: Mapping[str, str]) -> dict[str, str]:
    """``placed`` (from :func:`numbered_block_paths` of the ``scopes`` of ``nodes``), made so that no path of
    the graph leaves a block and enters it again.

    Checked outermost blocks first: at each nesting level the blocks are
    contracted to one vertex each. A block on a cycle of that graph through
    layers of its own parent only (Xception's unnamed ``add_1`` between two
    blocks of the list ``block``; ResNet50V2's ``max_pooling2d``, the shortcut
    of ``conv2_block3``, beside stage ``conv2``) takes those layers in; one on
    a cycle through anything else (a layer elsewhere, another block: the names
    cannot say which is wrong) is dropped, with the blocks inside it.

    >>> def op(name, *inputs):
    ...     return ir.Node(name, "Op", inputs=tuple(ir.InputRef(i) for i in inputs))
    >>> nodes = [op("conv"), op("bn", "conv"), op("relu", "bn")]
    >>> scopes = {"conv": "c1_conv", "bn": "bn_c1", "relu": "c1_relu"}
    >>> placed = numbered_block_paths(list(scopes.values()))
    >>> placed["bn_c1"], acyclic_block_paths(nodes, scopes, placed)["bn_c1"]
    ('bn_c1', 'c1.bn_c1')
    """
    placed = dict(placed)
    created = created_blocks(placed)
    if not created:
        return placed
    index = {n.name: i for i, n in enumerate(nodes)}
    edges = [(index[ref.node], i) for i, n in enumerate(nodes) for ref in n.inputs if ref.node in index]
    dropped: set[str] = set()
    level = rounds = 0
    while True:
        inserted = {scope: _inserted(scope, placed.get(scope, scope)) for scope in set(scopes.values())}
        blocks_of = [[b for b in inserted[scopes[n.name]] if b not in dropped] for n in nodes]
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
        moves: dict[str, str] = {}
        for block, v in ids.items():
            cycle = [u for u in members[component[v]] if u != v]
            if not cycle:
                continue
            pulled = _loose_siblings(block, [scopes[nodes[u].name] for u in cycle if u < len(nodes)], placed, created)
            if (pulled is None or any(u >= len(nodes) for u in cycle) or pulled.keys() & moves.keys()
                    or rounds >= _MAX_PULL_ROUNDS):
                dropped.add(block)
            else:
                moves.update(pulled)
        if moves:  # the layers taken in may close other cycles at this level: check it again
            placed = {scope: _moved(path, moves) for scope, path in placed.items()}
            rounds += 1
            continue
        level, rounds = level + 1, 0
    if not dropped:
        return placed
    return {scope: _without(path, created, dropped) for scope, path in placed.items()}


def _loose_siblings(block: str, cycle_scopes: list[str], placed: Mapping[str, str],
                    created: set[str]) -> dict[str, str] | None:
    """``{path: path inside block}`` for the layers on a cycle through ``block`` when each lies in a layer
    (not a block) of the block's own parent; ``None`` when one does not."""
    parent = ir.parent_path(block) or ""
    prefix = parent + "." if parent else ""
    moves = {}
    for scope in cycle_scopes:
        path = placed.get(scope, scope)
        if path == parent or not path.startswith(prefix):
            return None
        layer = prefix + path[len(prefix):].split(".", 1)[0]  # the parent's child that holds the op
        if layer in created:
            return None
        moves[layer] = ir.join_path(block, layer[len(prefix):])
    return moves


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
    """The paths of the segments ``new`` has and ``old`` has not, outermost first (a layer keeps its name,
    and a block's name is shorter than each of its layers' names, so the original segments match in order)."""
    expected = old.split(".") if old else []
    out, prefix, j = [], "", 0
    for segment in new.split(".") if new else []:
        prefix = f"{prefix}.{segment}" if prefix else segment
        if j < len(expected) and segment == expected[j]:
            j += 1
        else:
            out.append(prefix)
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
