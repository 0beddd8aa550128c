"""PSPLIB single-mode RCPSP files (``.sm``) and their solution tables (``j30hrs.sm`` ...).

PSPLIB (Kolisch & Sprecher 1996) is the standard benchmark library of the
resource-constrained project scheduling problem. An instance file has a header (number of
jobs incl. the dummy source and sink, renewable resources), precedence relations (job,
modes, successors), requests and durations, and resource availabilities; see
`docs/leveling.md`. `read_sm` turns one into an `RcpspInstance` (jobs count from 0 there,
from 1 in the file); `read_solutions` reads a table of makespans by (parameter, instance).

Malformed input raises `pmo.errors.FormatError` naming the file and the line.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from pmo.engine.leveling.instance import RcpspInstance
from pmo.errors import FormatError

_SECTIONS = ("PRECEDENCE RELATIONS", "REQUESTS/DURATIONS", "RESOURCEAVAILABILITIES")


class _Lines:
    """The lines of a file with their 1-based numbers, and errors that cite them."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = str(path)
        self.lines = text.splitlines()

    def error(self, index: int | None, message: str) -> FormatError:
        return FormatError(self.path, None if index is None else index + 1, message)

    def find(self, prefix: str, after: int = 0) -> int:
        for i in range(after, len(self.lines)):
            if self.lines[i].strip().startswith(prefix):
                return i
        raise self.error(None, f"no '{prefix}' section (is this a PSPLIB single-mode .sm file?)")

    def ints(self, index: int, least: int, what: str) -> list[int]:
        if index >= len(self.lines):
            raise self.error(len(self.lines) - 1, f"the file ends where {what} was expected")
        fields = self.lines[index].split()
        try:
            values = [int(x) for x in fields]
        except ValueError:
            found = self.lines[index].strip()
            raise self.error(index, f"expected whole numbers for {what}, found {found!r}") from None
        if len(values) < least:
            raise self.error(index, f"expected at least {least} numbers for {what}, found {len(values)}")
        return values

    def data_rows(self, header: int) -> int:
        """The index of the first numeric row after a section header."""
        for i in range(header + 1, len(self.lines)):
            text = self.lines[i].strip()
            if text and (text[0].isdigit() or (text.startswith("-") and text[1:2].isdigit())):
                return i
            if text.startswith("*"):
                break
        raise self.error(header, "the section has no rows")


def _header_value(src: _Lines, label: str) -> int:
    i = src.find(label)
    match = re.search(r":\s*(-?\d+)", src.lines[i])
    if not match:
        raise src.error(i, f"expected a number after '{label}'")
    return int(match[1])


def read_sm(path: str | Path) -> RcpspInstance:
    """Read a PSPLIB single-mode instance; `FormatError` (file, line) when malformed."""
    path = Path(path)
    src = _Lines(path, path.read_text(encoding="latin-1"))
    n = _header_value(src, "jobs (incl. supersource/sink )")
    if n < 1:
        raise src.error(src.find("jobs (incl."), f"the number of jobs must be positive, not {n}")
    k = _header_value(src, "- renewable")
    first = src.data_rows(src.find(_SECTIONS[0]))
    successors: list[tuple[int, ...]] = []
    for i in range(first, first + n):
        row = src.ints(i, 3, f"job {i - first + 1} of the precedence relations")
        if row[0] != i - first + 1:
            raise src.error(i, f"expected job {i - first + 1}, found job {row[0]}")
        if len(row) != 3 + row[2]:
            raise src.error(i, f"job {row[0]} announces {row[2]} successors but lists {len(row) - 3}")
        bad = [s for s in row[3:] if not 1 <= s <= n]
        if bad:
            raise src.error(i, f"job {row[0]} has successors {bad} outside 1..{n}")
        successors.append(tuple(s - 1 for s in row[3:]))
    first = src.data_rows(src.find(_SECTIONS[1], first))
    durations = np.zeros(n, dtype=np.int64)
    demands = np.zeros((n, k), dtype=np.int64)
    for i in range(first, first + n):
        row = src.ints(i, 3 + k, f"job {i - first + 1} of the requests/durations")
        if row[0] != i - first + 1:
            raise src.error(i, f"expected job {i - first + 1}, found job {row[0]}")
        if row[1] != 1:
            raise src.error(i, f"job {row[0]} has mode {row[1]}: only single-mode files are supported")
        if min(row[2:3 + k]) < 0:
            raise src.error(i, f"job {row[0]} has a negative duration or request")
        durations[row[0] - 1] = row[2]
        demands[row[0] - 1] = row[3:3 + k]
    at = src.find(_SECTIONS[2], first)
    capacities = np.array(src.ints(src.data_rows(at), k, "the resource availabilities")[:k], dtype=np.int64)
    try:
        instance = RcpspInstance(durations, tuple(successors), demands, capacities, name=path.stem)
        instance.network  # noqa: B018 - builds the network once, and finds a cycle in the links
        return instance
    except ValueError as exc:
        raise src.error(None, str(exc)) from None


def read_solutions(path: str | Path) -> dict[tuple[int, int], int]:
    """A PSPLIB solution table (``j30hrs.sm``, ``j30opt.sm``): {(parameter, instance): makespan}."""
    path = Path(path)
    src = _Lines(path, path.read_text(encoding="latin-1"))
    table: dict[tuple[int, int], int] = {}
    for i, line in enumerate(src.lines):
        if not line.strip() or not line.strip()[0].isdigit():
            continue
        match = re.match(r"\s*(\d+)\s+(\d+)\s+(\d+)(\s|$)", line)
        if not match:
            raise src.error(i, f"expected 'parameter instance makespan ...', found {line.strip()!r}")
        key = (int(match[1]), int(match[2]))
        if key in table:
            raise src.error(i, f"instance {key[0]}_{key[1]} appears twice")
        table[key] = int(match[3])
    if not table:
        raise src.error(None, "no solution rows")
    return table


def instance_key(path: str | Path) -> tuple[int, int]:
    """(parameter, instance) from a PSPLIB file name such as ``j3012_7.sm``."""
    match = re.fullmatch(r"j(?:30|60|90|120)(\d+)_(\d+)", Path(path).stem)
    if not match:
        raise ValueError(f"{path} is not named like a PSPLIB instance (jXXP_I.sm)")
    return int(match[1]), int(match[2])


def format_sm(instance: RcpspInstance) -> str:
    """An instance (finish-to-start links only) as the text of a PSPLIB single-mode file."""
    if instance.delays is not None:
        raise ValueError("PSPLIB files hold finish-to-start links only; this instance has delays")
    n, k = instance.size, len(instance.capacities)
    stars = "*" * 72
    resources = "  ".join(f"R{r + 1}" for r in range(k))
    out = [
        stars,
        f"file with basedata            : {instance.name or 'pmo'}.bas",
        "initial value random generator: 0",
        stars,
        "projects                      :  1",
        f"jobs (incl. supersource/sink ):  {n}",
        f"horizon                       :  {int(instance.durations.sum())}",
        "RESOURCES",
        f"  - renewable                 :  {k}   R",
        "  - nonrenewable              :  0   N",
        "  - doubly constrained        :  0   D",
        stars,
        "PRECEDENCE RELATIONS:",
        "jobnr.    #modes  #successors   successors",
    ]
    for j, succ in enumerate(instance.successors):
        listed = "  ".join(f"{s + 1:>2}" for s in succ)
        out.append(f"  {j + 1:>2}        1       {len(succ):>3}      {listed}")
    out += [stars, "REQUESTS/DURATIONS:", f"jobnr. mode duration  {resources}", "-" * 72]
    for j in range(n):
        demand = "  ".join(f"{int(x):>3}" for x in instance.demands[j])
        out.append(f"  {j + 1:>2}      1   {int(instance.durations[j]):>3}     {demand}")
    out += [stars, "RESOURCEAVAILABILITIES:", f"  {resources}"]
    out += ["  " + "  ".join(f"{int(c):>3}" for c in instance.capacities), stars]
    return "\n".join(out) + "\n"
