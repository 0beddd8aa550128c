"""The native project file: YAML a person writes by hand and reads in a diff.

One file holds a whole project: a `project:` header, then one list per collection
(`people:`, `tasks:`, `actions:`, ...). Tasks name their predecessors inline in
`depends_on:` as ``ID``, ``ID SS``, ``ID FS+2d`` or ``ID FF-1ed`` (``d``/``wd`` working
days, ``ed`` elapsed days). A shown field may say ``{pending: who, by: date, note: ...}``
or ``{na: why}``. The format is documented in docs/formats/native.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from pmo.errors import FormatError
from pmo.model import COLLECTIONS, Dependency, LagUnit, LinkType, Project, Snapshot, Source
from pmo.model.codec import DecodeError, decode, encode, encode_header, record_class
from pmo.sources.base import ReadContext, ReadResult

FORMAT_VERSION = 1
_LINK = re.compile(
    r"^(?P<id>[^\s]+)(?:\s+(?P<type>FS|SS|FF|SF))?\s*(?:(?P<lag>[+-]\s*\d+(?:\.\d+)?)\s*(?P<unit>wd|ed|d)?)?$",
    re.IGNORECASE,
)
_TOP_KEYS = {"pmo", "project", "snapshots", *(name for name, _ in COLLECTIONS)}


class NativeReader:
    """Reads and writes the native YAML project file."""

    name = "native"
    extensions: tuple[str, ...] = (".yaml", ".yml")

    def identify(self, path: Path, head: bytes) -> bool:
        """Every .yaml/.yml file: pmo reads no other YAML, so one without `project:` gets a clear error."""
        return path.suffix.lower() in self.extensions

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        project, snapshots = load_native(path)
        return ReadResult(project=project, header=True, snapshots=snapshots)


def _timestamp(constructor: Any, node: Any) -> Any:
    """A YAML date that is not a real date (2026-02-30) stays text, for a clear error later."""
    try:
        return constructor.construct_yaml_timestamp(node)
    except ValueError:
        return str(constructor.construct_scalar(node))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    return yaml


def _line(node: Any, path: tuple[str | int, ...], fallback: int) -> int:
    """The 1-based line of `path` inside a ruamel node, as deep as the path resolves."""
    line = fallback
    for part in path:
        try:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0] + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line = node.lc.item(part)[0] + 1
                node = node[part]
            else:
                break
        except (KeyError, TypeError, AttributeError):
            break
    return line


def read_native(path: Path, text: str | None = None) -> Project:
    """Read a native project file; raise `FormatError` naming the line of the first fault."""
    return load_native(path, text)[0]


def load_native(path: Path, text: str | None = None) -> tuple[Project, tuple[Snapshot, ...]]:
    """Read a native file: the project, and the snapshots of earlier reports it carries."""
    file = str(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is not part of the text
        except UnicodeDecodeError as exc:
            raise FormatError(file, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        root = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise FormatError(file, line, f"YAML syntax: {exc.problem or exc.context}") from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise FormatError(file, None, f"cannot read the YAML: {exc}") from None
    if root is None:
        raise FormatError(file, 1, "the file is empty: a native file starts with a 'project:' section")
    if not isinstance(root, CommentedMap) or "project" not in root:
        raise FormatError(file, 1, "a native file is a YAML mapping with a 'project:' section (none found)")
    for key in root:
        if key not in _TOP_KEYS:
            raise FormatError(file, _line(root, (key,), 1), f"unknown section {key!r}")
    version = root.get("pmo", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise FormatError(file, _line(root, ("pmo",), 1), f"format version {version!r}: this pmo reads 1")
    header = root["project"]
    if not isinstance(header, CommentedMap):
        raise FormatError(file, _line(root, ("project",), 1), "'project:' must be a mapping")
    collections: dict[str, Any] = {}
    dependencies: list[Dependency] = []
    for name, _kind in COLLECTIONS:
        if name == "dependencies":
            continue
        items = root.get(name)
        if items is None:
            items = CommentedSeq()
        if not isinstance(items, CommentedSeq):
            raise FormatError(file, _line(root, (name,), 1), f"'{name}:' must be a list")
        collections[name] = tuple(
            _read_item(file, root, name, index, item, dependencies) for index, item in enumerate(items)
        )
    line = _line(root, ("project",), 1)
    try:
        project = decode(Project, _plain(header), Source(file=file, line=line))
    except DecodeError as exc:
        raise FormatError(file, _line(header, exc.path, line), f"project: {exc}") from None
    project = dataclasses.replace(project, **collections, dependencies=tuple(dependencies))
    _check_references(file, project)
    return project, _read_snapshots(file, root, project.key)


def _read_snapshots(file: str, root: Any, key: str) -> tuple[Snapshot, ...]:
    items = root.get("snapshots")
    if items is None:
        return ()
    if not isinstance(items, CommentedSeq):
        raise FormatError(file, _line(root, ("snapshots",), 1), "'snapshots:' must be a list")
    snapshots = []
    seen: set[dt.date] = set()
    for index, item in enumerate(items):
        line = _line(root, ("snapshots", index), 1)
        if not isinstance(item, CommentedMap):
            raise FormatError(file, line, f"snapshots[{index}]: each entry must be a mapping")
        data = {"project": key, **_plain(item)}
        data.setdefault("taken_at", f"{data.get('status_date')}T18:00:00+00:00")
        try:
            snapshot = decode(Snapshot, data)
        except DecodeError as exc:
            raise FormatError(file, _line(item, exc.path, line), f"snapshots[{index}]: {exc}") from None
        if snapshot.status_date in seen:
            raise FormatError(file, line, f"two snapshots at {snapshot.status_date}")
        seen.add(snapshot.status_date)
        snapshots.append(snapshot)
    return tuple(snapshots)


def _read_item(
    file: str, root: Any, name: str, index: int, item: Any, dependencies: list[Dependency]
) -> Any:
    line = _line(root, (name, index), 1)
    if not isinstance(item, CommentedMap):
        raise FormatError(file, line, f"{name}[{index}]: each entry must be a mapping")
    data = _plain(item)
    if name == "tasks":
        links = data.pop("depends_on", None) or []
        links = links if isinstance(links, list) else [links]
        for position, link in enumerate(links):
            link_line = _line(item, ("depends_on", position), line)
            dependencies.append(_parse_link(file, link_line, link, str(data.get("id", ""))))
    try:
        return decode(record_class(name), data, Source(file=file, line=line))
    except DecodeError as exc:
        label = f"{name}[{index}]" + (f" ({data['id']})" if isinstance(data, dict) and "id" in data else "")
        raise FormatError(file, _line(item, exc.path, line), f"{label}: {exc}") from None


def _parse_link(file: str, line: int, link: Any, successor: str) -> Dependency:
    source = Source(file=file, line=line)
    if isinstance(link, dict):
        data = {"predecessor": link.get("task"), "successor": successor}
        data.update({k: v for k, v in link.items() if k != "task"})
        try:
            return decode(Dependency, data, source)
        except DecodeError as exc:
            raise FormatError(file, line, f"task {successor} depends_on: {exc}") from None
    match = _LINK.match(str(link).strip())
    if not match:
        raise FormatError(
            file, line, f"task {successor} depends_on {link!r}: write 'ID', 'ID SS', 'ID FS+2d' or 'ID FF-1ed'"
        )
    lag = float(match["lag"].replace(" ", "")) if match["lag"] else 0.0
    unit = LagUnit.ELAPSED if (match["unit"] or "").lower() == "ed" else LagUnit.WORKING
    kind = LinkType((match["type"] or "FS").upper())
    try:
        return Dependency(match["id"], successor, kind, lag, unit, source)
    except ValueError as exc:
        raise FormatError(file, line, f"task {successor} depends_on {link!r}: {exc}") from None


def _plain(node: Any) -> Any:
    """Ruamel nodes to plain Python, turning ``{na: ..}``/``{pending: ..}`` into markers."""
    if isinstance(node, dict):
        data = {str(k): _plain(v) for k, v in node.items()}
        if set(data) == {"na"}:
            return {"why": data["na"]}
        if "pending" in data and set(data) <= {"pending", "by", "note"}:
            return {"who": data["pending"], **{k: v for k, v in data.items() if k != "pending"}}
        return data
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, dt.datetime):
        return node.isoformat()
    return node


def _check_references(file: str, project: Project) -> None:
    """Duplicate ids and links to unknown tasks are faults of the file."""
    for name, kind in COLLECTIONS:
        seen: dict[str, Source] = {}
        for record in getattr(project, name):
            key = getattr(record, "id", None)
            if key is None:
                continue
            if key in seen:
                raise FormatError(
                    file, record.source.line, f"duplicate {kind} id {key!r} (first at line {seen[key].line})"
                )
            seen[key] = record.source
    ids = {task.id for task in project.tasks}
    for link in project.dependencies:
        if link.predecessor not in ids:
            raise FormatError(
                file, link.source.line, f"task {link.successor} depends on unknown task {link.predecessor!r}"
            )


def dump_native(project: Project, snapshots: tuple[Snapshot, ...] = ()) -> str:
    """The project as native YAML (what `read_native` reads back to an equal model)."""
    links: dict[str, list[Any]] = {}
    for link in project.dependencies:
        links.setdefault(link.successor, []).append(_format_link(link))
    document: dict[str, Any] = {"pmo": FORMAT_VERSION, "project": _user_markers(encode_header(project, json=False))}
    for name, _kind in COLLECTIONS:
        records = getattr(project, name)
        if name == "dependencies" or not records:
            continue
        items = []
        for record in records:
            data = _user_markers(encode(record, json=False))
            if name == "tasks" and record.id in links:
                data["depends_on"] = links[record.id]
            items.append(data)
        document[name] = items
    if snapshots:
        document["snapshots"] = [
            {k: v for k, v in encode(snapshot, json=False).items() if k != "project"} for snapshot in snapshots
        ]
    stream = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.width = 100
    yaml.dump(document, stream)
    return stream.getvalue()


def _format_link(link: Dependency) -> str:
    text = link.predecessor
    elapsed = link.lag_unit is LagUnit.ELAPSED
    if link.type is not LinkType.FS or link.lag or elapsed:
        text += f" {link.type.value}"
    if link.lag or elapsed:
        text += f"{link.lag:+g}{'ed' if elapsed else 'd'}"
    if not _LINK.match(text) or " " in link.predecessor:
        raise ValueError(f"task id {link.predecessor!r} cannot be written in a link")
    return text


def _user_markers(data: Any) -> Any:
    if isinstance(data, dict):
        if set(data) == {"why"}:
            return {"na": data["why"]}
        if "who" in data and "by" in data and set(data) <= {"who", "by", "note"}:
            return {"pending": data["who"], **{k: v for k, v in data.items() if k != "who"}}
        return {k: _user_markers(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_user_markers(v) for v in data]
    return data


def write_native(project: Project, path: Path, snapshots: tuple[Snapshot, ...] = ()) -> None:
    """Write the project (and the snapshots of its earlier reports) to `path` as native YAML."""
    path.write_text(dump_native(project, snapshots), encoding="utf-8")
