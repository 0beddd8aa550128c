"""Mutation fuzzing: start from a valid file, drop, duplicate or corrupt some of its parts.

Random bytes never get past a reader's first parse; a valid file with one element, field,
row or line dropped, duplicated or corrupted reaches the code that maps records. Each helper
takes the parts of one file (lines, rows, a parsed tree) and a list of `Edit`s drawn by
hypothesis, and gives the mutated file.
"""

from __future__ import annotations

import copy
import csv
import io
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from lxml import etree

KINDS = ("drop", "duplicate", "corrupt")
TEXTS = [
    "", " ", "x", "-1", "0", "1e400", "NaN", "inf", "2026-02-31", "2026-13-01", "0000-00-00",
    "9999-12-31T23:59:59", "31/02/2026", "PT-8H", "P", "PT8H0M0S", "99999999999999999999",
    "<", "&", ">", "é", "\t", "None", "null", "[", "{", ":", "#", "@", ";", ",", '"', "'",
    "a" * 300, "\u202e", "1.5", "100%", "150%", "3FS+2d", "ERP-999", "#REF!",
]
VALUES: list[Any] = [*TEXTS, None, True, False, 0, -1, 10**30, 1.5, -0.0, [], {}, [None], {"": None}]


@dataclass(frozen=True)
class Edit:
    """Drop, duplicate or corrupt the part at `at` (taken modulo the number of parts)."""

    kind: str
    at: int
    value: Any
    inner: int = 0  # which cell of a row, which character of a line


def edits(values: list[Any] = TEXTS, most: int = 3) -> st.SearchStrategy[list[Edit]]:
    """One to `most` edits, each with a corrupting value from `values`."""
    edit = st.builds(Edit, st.sampled_from(KINDS), st.integers(0, 10_000), st.sampled_from(values),
                     st.integers(0, 10_000))
    return st.lists(edit, min_size=1, max_size=most)


def mutate_lines(text: str, changes: list[Edit]) -> str:
    """Lines dropped, duplicated, or with a value spliced in (or put after the first ':' or '=')."""
    lines = text.splitlines()
    for edit in changes:
        if not lines:
            break
        i = edit.at % len(lines)
        if edit.kind == "drop":
            del lines[i]
        elif edit.kind == "duplicate":
            lines.insert(i, lines[i])
        else:
            line, value = lines[i], str(edit.value)
            sep = next((line.index(c) for c in ":=" if c in line), -1)
            if sep >= 0 and edit.inner % 2:
                lines[i] = line[: sep + 1] + value
            else:
                cut = edit.inner % (len(line) + 1)
                lines[i] = line[:cut] + value + line[cut:]
    return "\n".join(lines) + "\n"


def mutate_blocks(text: str, changes: list[Edit], begin: str = "BEGIN:", end: str = "END:") -> str:
    """iCalendar components (BEGIN:X ... END:X) dropped or duplicated; corrupt edits go to a line."""
    lines = text.splitlines()
    for edit in changes:
        starts = [i for i, line in enumerate(lines) if line.startswith(begin)]
        if edit.kind == "corrupt" or not starts:
            return mutate_lines("\n".join(lines), [edit])
        first = starts[edit.at % len(starts)]
        name = lines[first][len(begin):]
        last = next((i for i in range(first + 1, len(lines)) if lines[i] == end + name), len(lines) - 1)
        block = lines[first : last + 1]
        lines[first : last + 1] = [] if edit.kind == "drop" else block + block
    return "\n".join(lines) + "\n"


def read_rows(text: str) -> tuple[list[list[str]], str]:
    """The rows of a CSV text and its delimiter (',' or ';')."""
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)], delimiter


def mutate_rows(rows: list[list[Any]], changes: list[Edit]) -> list[list[Any]]:
    """Rows dropped or duplicated; a cell corrupted, dropped (the row shifts) or added."""
    rows = [list(row) for row in rows]
    for edit in changes:
        if not rows:
            break
        i = edit.at % len(rows)
        if edit.kind == "drop":
            del rows[i]
        elif edit.kind == "duplicate":
            rows.insert(i, list(rows[i]))
        else:
            row = rows[i]
            j = edit.inner % (len(row) + 1)
            how = edit.inner // 7 % 3
            if how == 0 and j < len(row):
                row[j] = edit.value
            elif how == 1 and j < len(row):
                del row[j]
            else:
                row.insert(j, edit.value)
    return rows


def write_rows(rows: list[list[Any]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(
        [["" if v is None else str(v) for v in row] for row in rows]
    )
    return out.getvalue()


def _places(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of a JSON- or YAML-like tree, depth first."""
    found: list[tuple[Any, Any]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        items = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        for key, child in items:
            found.append((node, key))
            stack.append(child)
    return found


def mutate_tree(tree: Any, changes: list[Edit]) -> Any:
    """Keys or items dropped, duplicated (a list item, or a key under a new name), or given another value."""
    tree = copy.deepcopy(tree)
    for edit in changes:
        places = _places(tree)
        if not places:
            break
        node, key = places[edit.at % len(places)]
        if edit.kind == "drop":
            del node[key]
        elif edit.kind == "duplicate":
            if isinstance(node, list):
                node.insert(key, copy.deepcopy(node[key]))
            else:
                node[f"{key}_{edit.inner % 3}" if edit.inner % 2 else str(edit.value)] = copy.deepcopy(node[key])
        else:
            node[key] = copy.deepcopy(edit.value)
    return tree


def mutate_xml(data: bytes, changes: list[Edit]) -> bytes:
    """Elements dropped or duplicated in place; a field's text corrupted (or a text put in a parent)."""
    root = etree.fromstring(data)
    for edit in changes:
        elements = [e for e in root.iter() if e is not root and isinstance(e.tag, str)]
        if not elements:
            break
        element = elements[edit.at % len(elements)]
        parent = element.getparent()
        if edit.kind == "drop":
            parent.remove(element)
        elif edit.kind == "duplicate":
            parent.insert(parent.index(element) + 1, copy.deepcopy(element))
        else:
            element.text = str(edit.value)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
