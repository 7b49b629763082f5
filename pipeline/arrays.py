"""Rows of Python values as Arrow arrays, built from their buffers.

``pa.Table.from_pylist`` and ``pa.array`` first ask whether their input is a
pandas object, and to ask they import pandas: about 0.3 s of CPU, in every
ingest, for a library the writer never uses.  Arrays assembled from buffers
(``Array.from_buffers`` and the nested types' ``from_arrays``) are never asked,
so the store writes its rows this way and an ingest never loads pandas.

Covers the types of :mod:`pipeline.schema`: strings, booleans, 32- and 64-bit
integers, doubles, dates, lists, structs and maps of strings.  Values are
taken as ``from_pylist`` takes them (a missing key or ``None`` is null, a
struct is a dict, a map a dict or a list of pairs); a value of the wrong kind
raises ``TypeError`` naming the field, where ``from_pylist`` raises
``ArrowInvalid`` or ``ArrowTypeError``.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pyarrow as pa

_EPOCH = dt.date(1970, 1, 1)
_INTS = {array(code).itemsize: code for code in "qi"}
"""``array`` type codes by item size in bytes (``i`` is 4 and ``q`` 8 on every platform Arrow runs on)."""


def table(rows: Sequence[Mapping[str, Any]], schema: pa.Schema) -> pa.Table:
    """``rows`` (dicts keyed by field name) as a table of ``schema``: ``pa.Table.from_pylist(rows, schema=schema)``."""
    return pa.Table.from_arrays([column([r.get(f.name) for r in rows], f.type, f.name) for f in schema], schema=schema)


def column(values: Sequence[Any], type_: pa.DataType, name: str = "value") -> pa.Array:
    """``values`` as an array of ``type_``: ``pa.array(values, type_)``; ``name`` is for the error message."""
    n = len(values)
    valid, nulls = _validity(values)
    build = _BUILDERS.get(type_.id)
    if build is None:
        raise TypeError(f"{name}: no builder for Arrow type {type_}")
    return build(values, type_, name, n, valid, nulls)


def _validity(values: Sequence[Any]) -> tuple[pa.Buffer | None, int]:
    """The validity bitmap of ``values`` (``None`` when none is null) and how many are null."""
    nulls = sum(v is None for v in values)
    if not nulls:
        return None, 0
    bits = bytearray((len(values) + 7) // 8)
    for i, v in enumerate(values):
        if v is not None:
            bits[i >> 3] |= 1 << (i & 7)
    return pa.py_buffer(bytes(bits)), nulls


def _wrong(name: str, value: Any, kind: str) -> TypeError:
    return TypeError(f"{name}: {value!r} ({type(value).__name__}) is not {kind}")


def _fixed(
    values: Sequence[Any], type_: pa.DataType, name: str, n: int, valid: Any, nulls: int, code: str, kind: str
) -> pa.Array:
    """Numbers of ``array`` type ``code``, each checked to be ``kind`` ("an integer" or "a number")."""
    check = _is_int if kind == "an integer" else _is_number
    data = array(code)
    for v in values:
        if v is None:
            data.append(0)
        elif check(v):
            data.append(v)
        else:
            raise _wrong(name, v, kind)
    return pa.Array.from_buffers(type_, n, [valid, pa.py_buffer(data)], null_count=nulls)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _integers(values: Sequence[Any], type_: pa.DataType, name: str, n: int, valid: Any, nulls: int) -> pa.Array:
    return _fixed(values, type_, name, n, valid, nulls, _INTS[type_.bit_width // 8], "an integer")


def _doubles(values: Sequence[Any], type_: pa.DataType, name: str, n: int, valid: Any, nulls: int) -> pa.Array:
    return _fixed(values, type_, name, n, valid, nulls, "d", "a number")


def _dates(values: Sequence[Any], type_: pa.DataType, name: str, n: int, valid: Any, nulls: int) -> pa.Array:
    days = []
    for v in values:
        if v is None:
            days.append(0)
        elif isinstance(v, dt.datetime):  # its day, as pyarrow takes it
            days.append((v.date() - _EPOCH).days)
        elif isinstance(v, dt.date):
            days.append((v - _EPOCH).days)
        else:
            raise _wrong(name, v, "a date")
    return pa.Array.from_buffers(type_, n, [valid, pa.py_buffer(array(_INTS[4], days))], null_count=nulls)


def _booleans(values: Sequence[Any], type_: pa.DataType, name: str, n: int, valid: Any, nulls: int) -> pa.Array:
    bits = bytearray((n + 7) // 8)
    for i, v in enumerate(values):
        if v is None:
            continue
        if not isinstance(v, bool):
            raise _wrong(name, v, "True or False")
        if v:
            bits[i >> 3] |= 1 << (i & 7)
    return pa.Array.from_buffers(type_, n, [valid, pa.py_buffer(bytes(bits))], null_count=nulls)


def _strings(values: Sequence[Any], type_: pa.DataType, name: str, n: int, valid: Any, nulls: int) -> pa.Array:
    offsets = array(_INTS[4], [0])
    data = bytearray()
    for v in values:
        if v is not None:
            if not isinstance(v, str):
                raise _wrong(name, v, "a string")
            data += v.encode("utf-8")
            if len(data) >= 2**31:
                raise TypeError(f"{name}: more than 2 GiB of text in one column")
        offsets.append(len(data))
    return pa.Array.from_buffers(type_, n, [valid, pa.py_buffer(offsets), pa.py_buffer(bytes(data))], null_count=nulls)


def _offsets(values: Sequence[Any], name: str, kind: str, items: Callable[[Any], Sequence[Any]]) -> tuple[array, list]:
    """The int32 offsets of ``values``' items, and the items flattened (``items`` gives a value's)."""
    offsets = array(_INTS[4], [0])
    flat: list[Any] = []
    for v in values:
        if v is not None:
            if isinstance(v, str | bytes) or not hasattr(v, "__len__"):
                raise _wrong(name, v, kind)
            flat.extend(items(v))
        offsets.append(len(flat))
    return offsets, flat


def _lists(values: Sequence[Any], type_: pa.DataType, name: str, n: int, valid: Any, nulls: int) -> pa.Array:
    for v in values:
        if isinstance(v, Mapping):  # a list of its keys would lose its values
            raise _wrong(name, v, "a list")
    offsets, flat = _offsets(values, name, "a list", list)
    child = column(flat, type_.value_type, f"{name}[]")
    return pa.ListArray.from_buffers(type_, n, [valid, pa.py_buffer(offsets)], null_count=nulls, children=[child])


def _pairs(v: Any) -> list[tuple[Any, Any]]:
    return list(v.items()) if isinstance(v, Mapping) else [tuple(p) for p in v]


def _maps(values: Sequence[Any], type_: pa.DataType, name: str, n: int, valid: Any, nulls: int) -> pa.Array:
    offsets, flat = _offsets(values, name, "a mapping", _pairs)
    keys = column([k for k, _ in flat], type_.key_type, f"{name} key")
    if keys.null_count:
        raise TypeError(f"{name}: a map key is None")
    items = column([v for _, v in flat], type_.item_type, f"{name} value")
    entries = pa.StructArray.from_arrays([keys, items], fields=[type_.key_field, type_.item_field])
    return pa.Array.from_buffers(type_, n, [valid, pa.py_buffer(offsets)], null_count=nulls, children=[entries])


def _structs(values: Sequence[Any], type_: pa.DataType, name: str, n: int, valid: Any, nulls: int) -> pa.Array:
    for v in values:
        if v is not None and not isinstance(v, Mapping):
            raise _wrong(name, v, "a mapping")
    fields = [type_.field(i) for i in range(type_.num_fields)]
    children = [
        column([None if v is None else v.get(f.name) for v in values], f.type, f"{name}.{f.name}") for f in fields
    ]
    return pa.Array.from_buffers(type_, n, [valid], null_count=nulls, children=children)


_BUILDERS: dict[int, Callable[..., pa.Array]] = {
    pa.string().id: _strings,
    pa.bool_().id: _booleans,
    pa.int32().id: _integers,
    pa.int64().id: _integers,
    pa.float64().id: _doubles,
    pa.date32().id: _dates,
    pa.list_(pa.string()).id: _lists,
    pa.struct([]).id: _structs,
    pa.map_(pa.string(), pa.string()).id: _maps,
}
