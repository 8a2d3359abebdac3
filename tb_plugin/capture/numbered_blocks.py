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

A long run of blocks with one stem is a list, as a PyTorch ``ModuleList`` is:
when at least eight blocks share a stem (MobileNetV2's ``block_1`` …
``block_16``), they sit in one more module named after the stem (``block``),
unless a sibling already has that name. Fewer stay side by side (ResNet50's
``conv1`` … ``conv5`` are its stages, drawn at the root).
"""

from __future__ import annotations

import collections
import re

__all__ = ["numbered_block_paths", "split_numbered_blocks"]

_NUMBERED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z_]*?_?)(?P<number>\d+)_(?P<rest>.+)", re.DOTALL)
_MIN_BLOCK_SIZE = 2
_MIN_LIST_SIZE = 8


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
    for i, text in enumerate(texts):
        match = _NUMBERED.fullmatch(text)
        if match:
            matches[i] = match
            blocks[match["stem"] + match["number"]].append(i)
    kept = {block: ids for block, ids in blocks.items() if len(ids) >= _MIN_BLOCK_SIZE}
    lists = _lists(kept, matches, taken=set(texts))
    for block, ids in kept.items():
        inner = _split([keys[i] for i in ids], [matches[i]["rest"] for i in ids])
        for i in ids:
            out[keys[i]] = (*lists.get(block, ()), block, *inner[keys[i]])
    return out


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
