"""FalkorDB's ``GRAPH.BULK`` entity format, encoded a whole column at a time.

One entity is its packed properties in the group's key order (a relationship first has
its start and end node ids, two unsigned 64-bit numbers); one property is a type byte
and its value: 0 no value (not stored), 1 a bool (one byte), 2 a double, 3 text (UTF-8,
then a zero byte), 4 a 64-bit integer; numbers in the machine's byte order, as
``falkordb-bulk-loader`` writes them. Hand-written for speed: a column of one Python type
is packed by Arrow and numpy in one pass; any other column value by value (``pack_value``).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_BOOL, _LONG, _DOUBLE = struct.Struct("=B?").pack, struct.Struct("=Bq").pack, struct.Struct("=Bd").pack
_PACKERS: dict[type, Callable[[Any], bytes]] = {
    type(None): lambda v: b"\x00",
    bool: lambda v: _BOOL(1, v),
    int: lambda v: _LONG(4, v),
    float: lambda v: _DOUBLE(2, v),
    str: lambda v: b"\x03" + v.encode() + b"\x00",
}
@dataclass
class RelationshipColumns:
    """Relationships of one type by column: start node ids, end node ids, and the maps their
    properties come from (the columns take far less memory than a tuple per relationship)."""

    starts: Sequence[int]
    ends: Sequence[int]
    properties: Sequence[dict[str, Any]]

    @classmethod
    def of(cls, relationships: RelationshipColumns | Sequence[tuple[int, int, dict[str, Any]]]
           ) -> RelationshipColumns:
        """``relationships`` by column, given by column or as (start id, end id, properties)."""
        if isinstance(relationships, RelationshipColumns):
            return relationships
        return cls([r[0] for r in relationships], [r[1] for r in relationships],
                   [r[2] for r in relationships])


_FIXED = {bool: (1, pa.bool_(), "=?"), int: (4, pa.int64(), "=i8"), float: (2, pa.float64(), "=f8")}
"""Python type -> (type byte, Arrow type, numpy type of the value) of the fixed-width kinds."""
_NONE = pa.scalar(b"\x00", pa.binary())


def pack_value(value: Any) -> bytes:
    """One property in the bulk format (None: type 0, not stored; another type: its text)."""
    packer = _PACKERS.get(type(value))
    return packer(value) if packer else _PACKERS[str](str(value))


def pack_header(name: str, keys: list[str]) -> bytes:
    """A label's or type's token header: its name, the number of its properties, their names."""
    return b"".join([name.encode(), b"\x00", struct.pack("=I", len(keys)),
                     *(k.encode() + b"\x00" for k in keys)])


def _fixed(values: Sequence[Any], kind: type) -> pa.Array | None:
    code, arrow_type, numpy_type = _FIXED[kind]
    try:
        column = pa.array(values, arrow_type)
    except (OverflowError, pa.ArrowInvalid):  # an integer beyond 64 bits: value by value
        return None
    layout = np.dtype([("type", "u1"), ("value", numpy_type)])
    packed = np.empty(len(column), layout)
    packed["type"] = code
    packed["value"] = column.fill_null(False if kind is bool else 0).to_numpy(zero_copy_only=False)
    cells = pa.FixedSizeBinaryArray.from_buffers(pa.binary(layout.itemsize), len(column),
                                                 [None, pa.py_buffer(packed.tobytes())]).cast(pa.binary())
    return pc.if_else(column.is_valid(), cells, _NONE) if column.null_count else cells


def pack_column(values: Sequence[Any]) -> pa.Array:
    """The packed property of each value, as an Arrow binary array."""
    kinds = set(map(type, values)) - {type(None)}
    packed = None
    if len(kinds) == 1 and (kind := next(iter(kinds))) in _FIXED:
        packed = _fixed(values, kind)
    elif kinds == {str}:
        text = pa.array(values, pa.string()).cast(pa.binary())
        packed = pc.coalesce(pc.binary_join_element_wise(pa.scalar(b"\x03"), text, pa.scalar(b"\x00"), b""),
                             _NONE)
    if packed is None:
        return pa.array([pack_value(v) for v in values], pa.binary())
    return packed


def pack_ends(starts: Sequence[int], ends: Sequence[int]) -> pa.Array:
    """Each relationship's start and end node ids, as an Arrow binary array of 16-byte cells."""
    ids = np.empty((len(starts), 2), "=u8")
    ids[:, 0], ids[:, 1] = starts, ends
    return pa.FixedSizeBinaryArray.from_buffers(pa.binary(16), len(starts),
                                                [None, pa.py_buffer(ids.tobytes())]).cast(pa.binary())


def pack_entities(columns: list[pa.Array], count: int) -> tuple[np.ndarray, memoryview]:
    """The entities whose properties are ``columns`` (in order): (offset of each entity in the
    bytes and of their end, the bytes)."""
    if not columns:
        return np.zeros(count + 1, np.int64), memoryview(b"")
    joined = pc.binary_join_element_wise(*columns, b"") if len(columns) > 1 else columns[0]
    offsets = np.frombuffer(joined.buffers()[1], np.int32, count + 1, joined.offset * 4)
    data = joined.buffers()[2]
    return offsets.astype(np.int64), memoryview(data if data is not None else b"")
