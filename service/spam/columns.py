"""How the learned models are saved: a `struct` header, then three columns of 32-bit numbers
written little-endian one after the other and zlib-compressed together. Never pickle."""

from __future__ import annotations

import struct
import zlib
from array import array

__all__ = ["ModelFormatError", "pack_columns", "unpack_columns", "unpack_header"]


class ModelFormatError(ValueError):
    """Saved model bytes that cannot be read."""


class StaleModelState(ModelFormatError):
    """A model's saved state, read again for its first lesson, is no longer the state it was
    loaded from: load the model again from the current state."""


def pack_columns(header: bytes, columns: tuple[array, ...]) -> bytes:
    """The packed header followed by the columns, compressed."""
    for column in columns:
        if column.itemsize != 4:  # pragma: no cover - every supported platform has 4
            raise RuntimeError(f"array({column.typecode!r}) is not 32 bits wide here.")
    body = b"".join(_little_endian(column) for column in columns)
    return header + zlib.compress(body, 6)


def unpack_header(data: bytes, header: struct.Struct) -> tuple:
    """The header's fields. Raises ModelFormatError if `data` is too short to hold them."""
    if len(data) < header.size:
        raise ModelFormatError("The saved spam model is truncated.")
    return header.unpack_from(data)


def unpack_columns(data: bytes, header: struct.Struct, typecode: str, length: int) -> list[array]:
    """The three columns of `length` numbers each saved after the header by `pack_columns`.
    Raises ModelFormatError if they are corrupt or of another length."""
    try:
        body = zlib.decompress(data[header.size :])
    except zlib.error:
        raise ModelFormatError("The saved spam model is corrupt.") from None
    width = 4 * length
    if len(body) != 3 * width:
        raise ModelFormatError("The saved spam model is truncated.")
    columns = []
    for index in range(3):
        column = array(typecode)
        column.frombytes(body[width * index : width * (index + 1)])
        if _big_endian_host():  # pragma: no cover - every host we run on is little-endian
            column.byteswap()
        columns.append(column)
    return columns


def _big_endian_host() -> bool:
    return array("I", [1]).tobytes()[0] == 0


def _little_endian(column: array) -> bytes:
    if _big_endian_host():  # pragma: no cover
        column = array(column.typecode, column)
        column.byteswap()
    return column.tobytes()
