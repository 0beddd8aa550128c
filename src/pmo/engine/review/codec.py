"""The JSON form of a Review: `review_to_json(review) -> dict`, `review_from_json(dict) -> Review`.

Driven by the Review's type hints, so a field added to the Review is carried without
code here. Dates are ISO text; a shown cell is ``{"known": value, "type": ...}``,
``{"pending": {...}}`` or ``{"na": why}``; the project, the snapshots, the findings and
the forecast use their own plain-data forms. `review_from_json(review_to_json(r)) == r`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Mapping
from typing import TypeAlias, cast

from pydantic import TypeAdapter

from pmo.engine.forecast import ForecastSummary
from pmo.engine.forecast import from_json as forecast_from_json
from pmo.engine.forecast import to_json as forecast_to_json
from pmo.engine.review.build import Review
from pmo.model import Finding, Project, Snapshot
from pmo.model.codec import decode, encode
from pmo.model.finding import finding_from_json
from pmo.model.values import Known, NotApplicable, Pending

Json: TypeAlias = bool | int | float | str | list["Json"] | dict[str, "Json"] | None
FORMAT = 1


@functools.cache
def _project_adapter() -> TypeAdapter[Project]:
    return TypeAdapter(Project)


@functools.cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def review_to_json(review: Review) -> dict[str, Json]:
    """The whole Review as JSON-ready data (the `--json` outputs and the web app read it)."""
    data = _encode(review, Review)
    assert isinstance(data, dict)
    return {"format": FORMAT, **data}


def review_from_json(data: Mapping[str, Json]) -> Review:
    """The Review back from `review_to_json`'s data."""
    body = {k: v for k, v in data.items() if k != "format"}
    return cast(Review, _decode(body, Review))


def _cell_to_json(value: object) -> Json:
    if isinstance(value, NotApplicable):
        return {"na": value.why}
    if isinstance(value, Pending):
        return {"pending": {"who": value.who, "by": value.by.isoformat(), "note": value.note}}
    assert isinstance(value, Known)
    inner = value.value
    if isinstance(inner, dt.date):
        return {"known": inner.isoformat(), "type": "date"}
    if isinstance(inner, bool):
        return {"known": inner, "type": "bool"}
    if isinstance(inner, (int, float, str)):
        return {"known": inner, "type": type(inner).__name__}
    return {"known": str(inner), "type": "str"}


def _cell_from_json(data: Json) -> Known[object] | Pending | NotApplicable:
    assert isinstance(data, dict)
    if "na" in data:
        return NotApplicable(str(data["na"]))
    if "pending" in data:
        pending = data["pending"]
        assert isinstance(pending, dict)
        return Pending(str(pending["who"]), dt.date.fromisoformat(str(pending["by"])), str(pending["note"]))
    kind, value = data["type"], data["known"]
    if kind == "date":
        return Known(dt.date.fromisoformat(str(value)))
    if kind == "int":
        assert isinstance(value, int)
        return Known(value)
    if kind == "float":
        assert isinstance(value, (int, float))
        return Known(float(value))
    return Known(value if kind == "bool" else str(value))


def _is_cell(hint: object) -> bool:
    args = typing.get_args(hint)
    return typing.get_origin(hint) in (typing.Union, types.UnionType) and Pending in args and NotApplicable in args


def _encode(value: object, hint: object) -> Json:
    if value is None:
        return None
    if _is_cell(hint):
        return _cell_to_json(value)
    if isinstance(value, Project):
        return cast(Json, _project_adapter().dump_python(value, mode="json"))
    if isinstance(value, Snapshot):
        return cast(Json, encode(value))
    if isinstance(value, Finding):
        return cast(Json, value.as_json())
    if isinstance(value, ForecastSummary):
        return cast(Json, forecast_to_json(value))
    if isinstance(value, enum.Enum):
        return cast(Json, value.value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        hints = _hints(type(value))
        return {f.name: _encode(getattr(value, f.name), hints[f.name]) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        inner = _args(hint)[1] if len(_args(hint)) == 2 else object
        return {str(k): _encode(v, inner) for k, v in value.items()}
    if isinstance(value, tuple):
        args = _args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return [_encode(v, args[0]) for v in value]
        return [_encode(v, args[i] if i < len(args) else object) for i, v in enumerate(value)]
    raise TypeError(f"the Review's JSON form has no rule for {type(value).__name__}")


def _args(hint: object) -> tuple[object, ...]:
    return typing.get_args(_strip_none(hint))


def _strip_none(hint: object) -> object:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return hint


def _decode(data: Json, hint: object) -> object:
    if data is None:
        return None
    if _is_cell(hint):
        return _cell_from_json(data)
    hint = _strip_none(hint)
    origin = typing.get_origin(hint)
    if hint is Project:
        return _project_adapter().validate_python(data)
    if hint is Snapshot:
        return decode(Snapshot, data)
    if hint is Finding:
        return finding_from_json(data)
    if hint is ForecastSummary:
        assert isinstance(data, dict)
        return forecast_from_json(data)
    if origin in (typing.Union, types.UnionType):  # e.g. Colour | NotApplicable
        return _decode_union(data, typing.get_args(hint))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(data)
    if hint is dt.datetime:
        return dt.datetime.fromisoformat(str(data))
    if hint is dt.date:
        return dt.date.fromisoformat(str(data))
    if hint in (bool, int, str):
        return data
    if hint is float:
        assert isinstance(data, (int, float))
        return float(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        assert isinstance(data, dict)
        hints = _hints(hint)
        values = {f.name: _decode(data[f.name], hints[f.name]) for f in dataclasses.fields(hint) if f.name in data}
        return hint(**values)
    if origin in (Mapping, dict, types.MappingProxyType) or (origin is not None and _is_mapping(origin)):
        assert isinstance(data, dict)
        inner = typing.get_args(hint)[1]
        return types.MappingProxyType({k: _decode(v, inner) for k, v in data.items()})
    if origin is tuple:
        assert isinstance(data, list)
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(v, args[0]) for v in data)
        return tuple(_decode(v, a) for v, a in zip(data, args, strict=True))
    if hint is object:
        return data
    raise TypeError(f"the Review's JSON form has no rule for {hint!r}")


def _is_mapping(origin: object) -> bool:
    return isinstance(origin, type) and issubclass(origin, Mapping)


def _decode_union(data: Json, options: tuple[object, ...]) -> object:
    for option in options:
        if isinstance(option, type) and issubclass(option, enum.Enum):
            try:
                return option(data)
            except ValueError:
                continue
        if option is NotApplicable and isinstance(data, dict) and set(data) == {"why"}:
            return NotApplicable(str(data["why"]))
    raise TypeError(f"no type of {options!r} reads {data!r}")
