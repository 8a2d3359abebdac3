"""Mutators that turn a valid protobuf message or its bytes into a hostile one, driven by a ``random.Random``.

A mutator is a plain function of a seeded ``random.Random``, so the same code
serves the hypothesis suite (which draws the generator's seed under a fixed
hypothesis seed) and the long run in ``bench/fuzz_readers.py`` (which numbers
its generators). Three kinds:

- :func:`mutate_message` works on any message through its descriptor: it picks
  a field anywhere in the tree and sets it to a value from a pool of hostile
  ones (boundary integers, NaN, long and dotted names, the issue's
  ``x:1000000000000``), empties or floods a repeated field, copies a message over
  a sibling of the same type, or nests a message in itself where the schema is
  recursive;
- :func:`mutate_bytes` flips, truncates, splices and repeats bytes, and breaks
  the UTF-8 of a string the message holds (which no setter can do);
- the readers' own modules (:mod:`tests.fuzz.cases`) add the hand-made worst cases.
"""

from __future__ import annotations

import random
import struct
import zlib

from google.protobuf import message as pb_message
from google.protobuf.descriptor import FieldDescriptor

__all__ = ["hostile_string", "mutate_bytes", "mutate_message", "strings_in", "zlib_bomb"]

_INTS = (0, 1, -1, 2, 3, 7, 63, 64, 255, 4095, 4096, 2**31 - 1, -(2**31), 2**32, 2**53 + 1, 2**63 - 1, -(2**63),
         2**64 - 1, 10**12)
_FLOATS = (float("nan"), float("inf"), float("-inf"), 0.0, -0.0, 1e308, 5e-324, -1.0)
_STRINGS = ("", "a", ".", "..", "a.b", "a..b", ".a", "/", "a/b/c", "//", "^x", "x:1", "x:1000000000000",
            "x:" + "9" * 40, "x:²", "Net/M[a]/op", "Net/ModuleList[l]/B[0]", "[", "]", "[]", "\x00", "é/ü.ß",
            "<img src=x onerror=alert(1)>", "nan", "::", "a::b", "['', 'a', 'a.b', 'op']", "[" * 300 + "]" * 300,
            "['a'] " * 50, "[1, 2, 3]", "{'a': 1}", "b'x'", "p: PARAMETER target='w'\n" * 3, " \n" * 200)
_MAX_APPEND = 2_000
_MAX_GROWTH = 1 << 20  # bytes one mutation may add: a case stays small however many steps it takes


def hostile_string(rng: random.Random, known: list[str]) -> str:
    """A string from the hostile pool, a long one, or one built from ``known`` (names the message holds)."""
    roll = rng.random()
    if roll < 0.35 and known:
        base = rng.choice(known)
        return rng.choice([base, base + rng.choice(_STRINGS), rng.choice(_STRINGS) + base, base + ":1",
                           base * rng.choice([2, 50]), ".".join([base] * rng.choice([2, 130, 1000]))])
    if roll < 0.5:
        unit = rng.choice(["a", "a.", "a/", "é", "[x]", "x:1,"])
        return unit * rng.choice([100, 1_025, 4_097, 20_000])
    return rng.choice(_STRINGS)


def strings_in(message: pb_message.Message, limit: int = 200) -> list[str]:
    """Up to ``limit`` string values found in ``message``, for mutations that reuse real names."""
    found: list[str] = []
    for _, field, value in _walk(message):
        if field.type == FieldDescriptor.TYPE_STRING and len(found) < limit:
            values = value if field.is_repeated else [value]
            found += [v for v in values if isinstance(v, str) and v][: limit - len(found)]
    return found


def mutate_message(message: pb_message.Message, rng: random.Random, steps: int = 3) -> None:
    """Apply ``steps`` random mutations to ``message`` in place; a mutation the setter refuses is skipped."""
    known = strings_in(message)
    for _ in range(steps):
        sites = list(_walk(message))
        if not sites:
            return
        parent, field, _ = rng.choice(sites)
        try:
            _mutate_field(parent, field, rng, known, sites)
        except (ValueError, TypeError, OverflowError, AttributeError, KeyError, IndexError):
            pass  # e.g. an out-of-range int for an int32 field, an unknown value for a closed enum


def mutate_bytes(data: bytes, rng: random.Random, strings: list[str] = ()) -> bytes:
    """``data`` with one byte-level mutation: flips, truncation, splices, repeats, or a string's UTF-8 broken."""
    data = bytearray(data)
    kind = rng.randrange(6)
    if kind == 0 and data:
        for _ in range(rng.choice([1, 2, 8])):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == 1:
        data = data[: rng.randrange(len(data) + 1)]
    elif kind == 2 and data:
        start = rng.randrange(len(data))
        chunk = data[start:start + rng.randrange(1, 64)]
        at = rng.randrange(len(data))
        data[at:at] = chunk * rng.choice([1, 2, 100])
    elif kind == 3:
        data[rng.randrange(len(data) + 1):rng.randrange(len(data) + 1)] = rng.randbytes(rng.randrange(1, 32))
    elif kind == 4 and strings:
        encoded = rng.choice(strings).encode()
        at = data.find(encoded)
        if at >= 0:  # same length, so the framing stays valid and only the UTF-8 breaks
            data[at + rng.randrange(len(encoded))] = rng.choice([0xFF, 0xC3, 0x80, 0xED])
    else:
        for _ in range(rng.choice([1, 4])):
            data.insert(rng.randrange(len(data) + 1), rng.randrange(256))
    return bytes(data)


def zlib_bomb(megabytes: int) -> bytes:
    """A valid zlib stream of ``megabytes`` MiB of zeros, made without compressing them all (1.2 GB in 1.2 MB).

    After a full flush a deflate block depends on no history, so one block of
    1 MiB of zeros is repeated; the Adler-32 of n zeros is ``(n mod 65521) << 16 | 1``.
    """
    deflate = zlib.compressobj(9)
    zeros = b"\0" * (1 << 20)
    head = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    block = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    size = megabytes << 20
    return head + block * (megabytes - 1) + b"\x03\x00" + struct.pack(">I", ((size % 65521) << 16) | 1)


def _walk(message: pb_message.Message, budget: int = 5_000):
    """``(message, field, value)`` for the fields of ``message`` and its sub-messages, set or not.

    Breadth first and bounded: a message nested in itself many times over has
    more fields than any mutation needs to choose from.
    """
    queue = [message]
    for current in queue:
        for field in current.DESCRIPTOR.fields:
            if budget <= 0:
                return
            budget -= 1
            value = getattr(current, field.name)
            yield current, field, value
            if field.type != FieldDescriptor.TYPE_MESSAGE or len(queue) > budget:
                continue
            if _is_map(field):
                queue += list(value.values())[:20] if _map_value_is_message(field) else []
            elif field.is_repeated:
                queue += list(value)[:20]
            elif current.HasField(field.name):
                queue.append(value)


def _is_map(field: FieldDescriptor) -> bool:
    return field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type.GetOptions().map_entry


def _map_value_is_message(field: FieldDescriptor) -> bool:
    return field.message_type.fields_by_name["value"].type == FieldDescriptor.TYPE_MESSAGE


def _mutate_field(parent, field: FieldDescriptor, rng: random.Random, known: list[str], sites) -> None:
    if _is_map(field):
        target = getattr(parent, field.name)
        key = hostile_string(rng, known)
        if _map_value_is_message(field):
            entry = target[key]
            if rng.random() < 0.7:
                _set_some_field(entry, rng, known, sites)
        else:
            target[key] = _scalar(field.message_type.fields_by_name["value"], rng, known)
        return
    if field.is_repeated:
        target = getattr(parent, field.name)
        roll = rng.random()
        if roll < 0.2:
            del target[:]
        elif roll < 0.35 and len(target):
            del target[rng.randrange(len(target))]
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            count = rng.choice([1, 1, 2, 50, _MAX_APPEND]) if len(target) else 1
            source = rng.choice(list(target)) if len(target) and rng.random() < 0.6 else _same_type(field, sites, rng)
            data = source.SerializeToString() if source is not None else b""
            count = min(count, max(1, _MAX_GROWTH // max(len(data), 1)))  # floods stay flat, never compound
            for _ in range(count):
                item = target.add()
                item.MergeFromString(data)
                if count <= 2:
                    _set_some_field(item, rng, known, sites)
        else:
            value = _scalar(field, rng, known)
            size = len(value) if isinstance(value, (str, bytes)) else 8
            count = min(rng.choice([1, 1, 3, 100, _MAX_APPEND]), max(1, _MAX_GROWTH // max(size, 1)))
            target.extend([value] * count if rng.random() < 0.5 else [_scalar(field, rng, known) for _ in range(min(count, 100))])
        return
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        target = getattr(parent, field.name)
        roll = rng.random()
        if roll < 0.25:
            parent.ClearField(field.name)
        elif roll < 0.55:
            source = _same_type(field, sites, rng)
            if source is not None and source is not target:
                # Through bytes: CopyFrom of an ancestor into its own descendant crashes upb.
                data = source.SerializeToString()
                target.Clear()
                target.MergeFromString(data)  # nests a message inside itself where the schema is recursive
        else:
            _set_some_field(target, rng, known, sites)
        return
    setattr(parent, field.name, _scalar(field, rng, known))


def _set_some_field(message, rng: random.Random, known: list[str], sites) -> None:
    fields = message.DESCRIPTOR.fields
    if fields:
        _mutate_field(message, rng.choice(fields), rng, known, sites)


def _same_type(field: FieldDescriptor, sites, rng: random.Random):
    """A message of ``field``'s type found elsewhere in the tree (its own ancestors included), or ``None``."""
    candidates = [
        v for _, f, v in sites
        if f.type == FieldDescriptor.TYPE_MESSAGE and not f.is_repeated and f.message_type is field.message_type
    ]
    candidates += [
        item for _, f, v in sites
        if f.type == FieldDescriptor.TYPE_MESSAGE and f.is_repeated and not _is_map(f)
        and f.message_type is field.message_type for item in list(v)[:5]
    ]
    return rng.choice(candidates) if candidates else None


def _scalar(field: FieldDescriptor, rng: random.Random, known: list[str]):
    kind = field.type
    if kind == FieldDescriptor.TYPE_STRING:
        return hostile_string(rng, known)
    if kind == FieldDescriptor.TYPE_BYTES:
        return rng.choice([b"", b"\xff\xfe", rng.randbytes(rng.randrange(64)), hostile_string(rng, known).encode()])
    if kind == FieldDescriptor.TYPE_BOOL:
        return rng.random() < 0.5
    if kind in (FieldDescriptor.TYPE_FLOAT, FieldDescriptor.TYPE_DOUBLE):
        return rng.choice(_FLOATS + (rng.uniform(-10, 10),))
    if kind == FieldDescriptor.TYPE_ENUM:
        values = [v.number for v in field.enum_type.values]
        return rng.choice(values + [max(values) + 1, 99, -1])
    return rng.choice(_INTS + (rng.randrange(-5, 100),))
