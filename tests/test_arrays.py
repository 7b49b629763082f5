"""Rows built into Arrow arrays from their buffers (``pipeline.arrays``) equal pyarrow's own conversion."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplans.pipeline import arrays
from actionplans.pipeline.schema import TABLES


def values_of(type_: pa.DataType) -> st.SearchStrategy[Any]:
    """Python values ``pa.array`` takes for ``type_``, ``None`` among them."""
    if pa.types.is_string(type_):
        inner: st.SearchStrategy[Any] = st.text(max_size=12)
    elif pa.types.is_boolean(type_):
        inner = st.booleans()
    elif pa.types.is_int32(type_):
        inner = st.integers(-(2**31), 2**31 - 1)
    elif pa.types.is_int64(type_):
        inner = st.integers(-(2**63), 2**63 - 1)
    elif pa.types.is_float64(type_):
        inner = st.floats(allow_nan=False) | st.integers(-(2**40), 2**40)
    elif pa.types.is_date32(type_):
        inner = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))
    elif pa.types.is_map(type_):
        inner = st.dictionaries(st.text(max_size=6), values_of(type_.item_type), max_size=3)
    elif pa.types.is_list(type_):
        inner = st.lists(values_of(type_.value_type), max_size=3)
    elif pa.types.is_struct(type_):
        fields = [type_.field(i) for i in range(type_.num_fields)]
        inner = st.fixed_dictionaries({}, optional={f.name: values_of(f.type) for f in fields})
    else:
        raise AssertionError(f"no strategy for {type_}")
    return st.none() | inner


def rows_of(schema: pa.Schema) -> st.SearchStrategy[list[dict[str, Any]]]:
    row = st.fixed_dictionaries({}, optional={f.name: values_of(f.type) for f in schema})
    return st.lists(row, max_size=6)


@pytest.mark.parametrize("name", list(TABLES))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_table_is_built_as_from_pylist_builds_it(name: str, data: st.DataObject) -> None:
    schema = TABLES[name]
    rows = data.draw(rows_of(schema))
    built = arrays.table(rows, schema)
    built.validate(full=True)
    assert built.equals(pa.Table.from_pylist(rows, schema=schema), check_metadata=True)
    assert built.to_pylist() == pa.Table.from_pylist(rows, schema=schema).to_pylist()


@pytest.mark.parametrize(
    ("values", "type_"),
    [
        ([], pa.string()),
        ([None, None], pa.int32()),
        (["", "é", None, "a\x00b"], pa.string()),
        ([True, None, False] * 5, pa.bool_()),
        ([[], None, [None, "x"]], pa.list_(pa.string())),
        ([{}, None, {"a": None}], pa.map_(pa.string(), pa.string())),
        ([[("k", "v")], {"k": "w"}], pa.map_(pa.string(), pa.string())),
        ([dt.date(1969, 12, 31), None, dt.date(1970, 1, 1)], pa.date32()),
        ([dt.datetime(2025, 1, 1, 23, 59), dt.datetime(1960, 6, 1, 0, 1)], pa.date32()),
        ([1, 2.5, None], pa.float64()),
    ],
)
def test_edge_values(values: list[Any], type_: pa.DataType) -> None:
    built = arrays.column(values, type_)
    built.validate(full=True)
    assert built.equals(pa.array(values, type_))


@pytest.mark.parametrize(
    ("value", "type_"),
    [
        ("3", pa.int32()),
        ("abc", pa.list_(pa.string())),  # pyarrow would take it as the list ["a", "b", "c"]
        (True, pa.int64()),
        (3, pa.string()),
        ("yes", pa.bool_()),
        ("2025-01-01", pa.date32()),
        (["a"], pa.struct([pa.field("x", pa.string())])),
        ("1.5", pa.float64()),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_with_its_field_named(value: Any, type_: pa.DataType) -> None:
    with pytest.raises(TypeError, match=r"^owners"):
        arrays.column([None, value], type_, "owners")
    if not isinstance(value, str) or not pa.types.is_list(type_):
        with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError, TypeError)):
            pa.array([None, value], type_)  # pyarrow refuses it too


def test_a_mapping_is_no_list() -> None:
    """A dict given for a list would be read as the list of its keys, its values lost."""
    with pytest.raises(TypeError, match=r"^owners"):
        arrays.column([{"a": 1}], pa.list_(pa.string()), "owners")
