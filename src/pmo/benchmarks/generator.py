"""Fast reader of the benchmark generator's JSON (``gen_tjp.py``) straight into arrays.

A million-task file is ~190 MB; `json.load` would build ten million Python objects
(~2.5 GiB). This reader instead scans the bytes with numpy: it finds every ``:``, tells
the keys apart by their last two letters, and parses the values beside them in bulk.
It relies on the generator's compact layout (``"key":value`` with no spaces, ids
``"t<number>"``) and falls back to `json` for anything else.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import numpy as np
import numpy.typing as npt

from pmo.engine.schedule.network import LINK_CODES, Network, build_network

CHUNK = 1 << 25
NUMBER_WIDTH = 12
KEYS = {b"id": 0, b"pe": 1, b"ag": 2, b"on": 3, b"in": 4, b"ml": 5, b"ax": 6}  # last two letters


@dataclass(frozen=True)
class GeneratedProject:
    """A generated network with its start date and three-point estimates."""

    name: str
    start: dt.date
    network: Network
    optimistic: npt.NDArray[np.float64]
    most_likely: npt.NDArray[np.float64]
    pessimistic: npt.NDArray[np.float64]


class PrefixedIds(Sequence[str]):
    """Ids ``<prefix><number>`` held as one integer array."""

    def __init__(self, prefix: str, numbers: npt.NDArray[np.int64]) -> None:
        self.prefix = prefix
        self.numbers = numbers

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [f"{self.prefix}{n}" for n in self.numbers[index]]
        return f"{self.prefix}{self.numbers[index]}"

    def __len__(self) -> int:
        return len(self.numbers)

    def __iter__(self) -> Iterator[str]:
        return (f"{self.prefix}{n}" for n in self.numbers)


NUMERIC = np.zeros(256, dtype=bool)
NUMERIC[np.frombuffer(b"0123456789.-+eE", np.uint8)] = True
BLOCK = 1 << 20


def _numbers(data: npt.NDArray[np.uint8], at: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """The JSON numbers starting at byte positions `at` (integers parsed in bulk)."""
    result = np.empty(len(at), dtype=np.float64)
    if len(at) and at.max() > len(data) - NUMBER_WIDTH:
        data = np.concatenate([data, np.zeros(NUMBER_WIDTH, dtype=np.uint8)])
    for low in range(0, len(at), BLOCK):
        result[low:low + BLOCK] = _number_block(data, at[low:low + BLOCK])
    return result


def _number_block(data: npt.NDArray[np.uint8], at: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    padded = np.lib.stride_tricks.sliding_window_view(data, NUMBER_WIDTH)
    window = padded[at]
    ends = np.argmin(NUMERIC[window], axis=1)
    negative = window[:, 0] == ord("-")
    columns = np.ascontiguousarray(window[:, : int(ends.max(initial=0)) + 1].T).astype(np.int16) - 48
    value = np.zeros(len(at), dtype=np.float64)
    alive = np.ones(len(at), dtype=bool)
    length = negative.astype(np.int64)
    for column, digit in enumerate(columns):
        if column == 0:
            digit = np.where(negative, 0, digit)
        valid = (digit >= 0) & (digit <= 9)
        alive &= valid | (negative & (column == 0))
        value = np.where(alive, value * 10 + digit, value)
        length += alive & valid
    value = np.where(negative, -value, value)
    odd = ends != length
    if odd.any():  # decimals or exponents: let numpy parse those few as text
        text = window[odd].copy()
        text[np.arange(NUMBER_WIDTH)[None, :] >= ends[odd][:, None]] = 0
        value[odd] = np.ascontiguousarray(text).view(f"S{NUMBER_WIDTH}").ravel().astype(np.float64)
    return value


def _id_numbers(data: npt.NDArray[np.uint8], at: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The numbers of ids ``"t123"`` whose opening quote is at `at`."""
    return _numbers(data, at + 2).astype(np.int64)


def read_generated(path: str | Path) -> GeneratedProject:
    """Read a generator JSON file into a `Network` without building per-task objects."""
    raw = Path(path).read_bytes()
    begin, end = raw.find(b'"tasks":['), raw.find(b'],"resources"')
    head = json.loads(raw[: begin - 1] + b"}") if begin > 0 else {}
    if begin < 0 or end < 0 or b" " in raw[begin:begin + 4096].split(b'"name"')[0]:
        return _read_with_json(path)
    data = np.frombuffer(raw, dtype=np.uint8)[begin:end]
    colons = np.concatenate([np.flatnonzero(data[i:i + CHUNK] == 58).astype(np.int64) + i
                             for i in range(0, len(data), CHUNK)])
    table = np.full(1 << 16, -1, dtype=np.int8)
    for letters, code in KEYS.items():
        table[(letters[0] << 8) | letters[1]] = code
    kind = table[(data[colons - 3].astype(np.uint16) << 8) | data[colons - 2]]
    keep = kind >= 0
    colons, kind = colons[keep], kind[keep]
    is_id = kind == 0
    link_id = is_id & (np.roll(kind, -1) == 1)
    task_at, link_at = colons[is_id & ~link_id], colons[link_id]
    task_number = _id_numbers(data, task_at + 1)
    node = np.full(int(task_number.max()) + 1, -1, dtype=np.int64)
    node[task_number] = np.arange(len(task_number))
    pred = node[_id_numbers(data, link_at + 1)]
    succ = np.searchsorted(task_at, link_at) - 1
    type_at = colons[kind == 1]
    first, second = data[type_at + 2], data[type_at + 3]
    codes = np.where(first == ord("F"), np.where(second == ord("S"), LINK_CODES["FS"], LINK_CODES["FF"]),
                     np.where(second == ord("S"), LINK_CODES["SS"], LINK_CODES["SF"])).astype(np.int8)
    values = {code: _numbers(data, colons[kind == code] + 1) for code in (2, 3, 4, 5, 6)}
    network = Network(PrefixedIds("t", task_number), values[3], pred.astype(np.int64), succ.astype(np.int64),
                      codes, values[2], np.zeros(len(pred), dtype=bool))
    start = dt.date.fromisoformat(head.get("start", "2025-01-06"))
    return GeneratedProject(str(head.get("name", "")), start, network, values[4], values[5], values[6])


def _read_with_json(path: str | Path) -> GeneratedProject:
    project = json.loads(Path(path).read_text())
    tasks = project["tasks"]
    index = {task["id"]: i for i, task in enumerate(tasks)}
    links = [(index[link["id"]], i, link["type"], float(link["lag"]), False)
             for i, task in enumerate(tasks) for link in task["preds"]]
    network = build_network([t["id"] for t in tasks], [float(t["duration"]) for t in tasks], links)

    def column(name: str) -> npt.NDArray[np.float64]:
        return np.array([float(t.get(name, t["duration"])) for t in tasks])

    start = dt.date.fromisoformat(project.get("start", "2025-01-06"))
    return GeneratedProject(project.get("name", ""), start, network, column("min"), column("ml"), column("max"))


def network_from_generator_json(path: str | Path) -> Network:
    """The network of a generator JSON file (see `read_generated` for the estimates too)."""
    return read_generated(path).network
