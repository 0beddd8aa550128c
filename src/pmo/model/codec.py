"""Records to plain data (JSON-ready dicts) and back, for the native file and the store.

Plain data uses ISO dates, enum values, and omits fields left at their default. The
`source` of a record is not part of its data: readers and the store carry it beside.
Decoding validates types (pydantic) and rejects unknown fields, so a typo in a file is
an error naming the field, not a silent loss.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import enum
import types
import typing
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from pmo.model.project import Project
from pmo.model.source import Source

R = TypeVar("R")


class DecodeError(ValueError):
    """Data that does not fit the model: `path` locates the fault inside the data."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        where = ".".join(str(p) for p in self.path)
        return f"{where}: {self.message}" if where else self.message


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}
_HINTS: dict[Any, dict[str, Any]] = {}


def _adapter(cls: Any) -> TypeAdapter[Any]:
    if cls not in _ADAPTERS:
        _ADAPTERS[cls] = TypeAdapter(cls)
    return _ADAPTERS[cls]


def encode(record: object, *, json: bool = True) -> dict[str, Any]:
    """A record as plain data, without its source and without default-valued fields.

    With `json` False, dates and datetimes stay Python objects (for YAML, which has them).
    """
    adapter = _adapter(type(record))
    data = adapter.dump_python(record, mode="json" if json else "python", exclude_defaults=True)
    if not json:
        data = _simple(data)
    data.pop("source", None)
    return typing.cast(dict[str, Any], data)


def decode(cls: type[R], data: Any, source: Source | None = None) -> R:
    """A record of type `cls` from plain data; raises `DecodeError` at the first fault."""
    check_fields(cls, data, ())
    try:
        record = _adapter(cls).validate_python(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise DecodeError(_field_path(cls, error["loc"]), _message(error)) from None
    if source is not None:
        record = dataclasses.replace(record, source=source)
    return typing.cast(R, record)


def _field_path(cls: type[Any], loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """The part of a pydantic location that names fields and list positions (not union members)."""
    path: list[str | int] = []
    current: type[Any] | None = cls
    for part in loc:
        if isinstance(part, int):
            path.append(part)
            continue
        if current is None or not isinstance(part, str) or part not in _hints(current):
            break
        path.append(part)
        current = _dataclass_of(_hints(current)[part])
    return tuple(path)


def _simple(value: Any) -> Any:
    """Python-mode dump to YAML-safe data: enums to values, times to text, tuples to lists."""
    if isinstance(value, dict):
        return {k: _simple(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_simple(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.time, dt.datetime)):
        return value.isoformat()
    return value


def _message(error: Any) -> str:
    kind = error.get("type", "")
    given = error.get("input")
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"{given!r} is not a valid date (write YYYY-MM-DD): {error['msg'].lower()}"
    if kind == "missing":
        return "a required field is missing"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind.startswith("enum") or kind == "literal_error":
        return f"{given!r} is not allowed: {error['msg'].lower()}"
    return f"{given!r}: {error['msg'].lower()}"


def _dataclass_of(hint: Any) -> type[Any] | None:
    """The dataclass a field hint holds (directly or as the items of a tuple), if one."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        found = [_dataclass_of(arg) for arg in typing.get_args(hint)]
        classes = [c for c in found if c is not None]
        return classes[0] if len(classes) == 1 else None
    if origin is tuple:
        args = typing.get_args(hint)
        return _dataclass_of(args[0]) if args else None
    return hint if dataclasses.is_dataclass(hint) and isinstance(hint, type) else None


def _hints(cls: Any) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def check_fields(cls: type[Any], data: Any, path: tuple[str | int, ...]) -> None:
    """Reject unknown fields in `data` for `cls`, recursively, naming the closest field."""
    if not isinstance(data, dict):
        return
    hints = _hints(cls)
    known = {f.name for f in dataclasses.fields(cls) if f.name != "source"}
    for key, value in data.items():
        if key not in known:
            close = difflib.get_close_matches(str(key), sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise DecodeError((*path, key), f"unknown field {key!r}{hint}")
        inner = _dataclass_of(hints[key])
        if inner is None or _is_marker(inner):
            continue
        for sub_path, item in _items(value, (*path, key)):
            check_fields(inner, item, sub_path)


def _is_marker(cls: type[Any]) -> bool:
    return cls.__module__ == "pmo.model.values"


def _items(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield (*path, index), item
    else:
        yield path, value


def encode_header(project: Project, *, json: bool = True) -> dict[str, Any]:
    """The project's own fields (not its collections) as plain data."""
    empty: dict[str, Any] = {name: () for name in _collection_names()}
    return encode(dataclasses.replace(project, **empty), json=json)


def _collection_names() -> tuple[str, ...]:
    from pmo.model.project import COLLECTIONS

    return tuple(name for name, _ in COLLECTIONS)


def record_class(collection: str) -> type[Any]:
    """The record type a project collection holds (e.g. ``tasks`` -> `Task`)."""
    hint = _hints(Project)[collection]
    cls = _dataclass_of(hint)
    assert cls is not None, collection
    return cls
