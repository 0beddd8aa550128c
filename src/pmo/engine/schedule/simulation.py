"""The Monte Carlo passes: many schedules at once, tasks x iterations, level by level.

A chunk of iterations is a float32 matrix per quantity (tasks x iterations). Every link
adds a constant-per-iteration offset ``C`` to its predecessor's start:
``ES_s >= ES_p + C`` with ``C = K0 + [from finish] dD_p - [to finish] dD_s``, where ``K0``
is the offset the deterministic schedule measured (so own calendars and elapsed lags
keep their effect) and ``dD`` the sampled change of duration. With every estimate
degenerate the passes reproduce the deterministic schedule exactly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from pmo.engine.schedule import sweep_kernel
from pmo.engine.schedule.cpm import Passes
from pmo.engine.schedule.network import Levels
from pmo.engine.schedule.sampling import Sampler

Float32Array = npt.NDArray[np.float32]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
TOLERANCE = np.float32(1e-3)


@dataclass(frozen=True)
class Draws:
    """Outcome of a simulation in axis units: finish and watched finishes per iteration."""

    finish: Float32Array  # (iterations,)
    watched: Float32Array  # (watched nodes, iterations): finish point of each
    criticality: FloatArray  # per node: share of iterations with zero total float
    sensitivity: FloatArray  # per node: correlation of its duration with the finish


def chunk_size(nodes: int, budget_bytes: float = 80e6) -> int:
    """Iterations per chunk so the working matrices stay within `budget_bytes`."""
    per_iteration = 4 * 6 * nodes + 1
    return int(max(16, min(4096, budget_bytes // per_iteration)))


@dataclass(frozen=True)
class Slot:
    """The j-th link of every node of one level: a gather, an offset, a scatter.

    ``row`` indexes a stacked (starts; finishes) matrix at the end the link reads;
    ``offset`` is its constant ``K0'``; links whose other end is a finish (listed in
    ``fix_at``) need that node's duration (``fix_node``) removed (forward) or added back.
    """

    row: IntArray
    offset: Float32Array
    target: IntArray
    fix_at: IntArray
    fix_node: IntArray


def _link_plan(passes: Passes, forward: bool) -> list[list[Slot]]:
    """Per level (in pass order), the slots of its links."""
    net, lv = passes.network, passes.levels
    lay = lv.incoming if forward else lv.outgoing
    n = net.size
    es, ef = passes.early_start, passes.early_finish
    base = ef - es
    ff, tf = net.from_finish, net.to_finish
    x_det = np.where(ff, ef[net.pred], es[net.pred])
    k0 = passes.link_bound + np.where(tf, base[net.succ], 0.0) - x_det
    pinned = ~np.isnan(passes.bounds.es_pin)
    if forward:  # a pinned start ignores its incoming links; backward, they still bind the predecessor
        k0[pinned[net.succ]] = -np.inf
    link = lay.link
    if forward:
        row, fix, other, target = net.pred[link] + n * ff[link], tf[link], net.succ[link], net.succ[link]
    else:
        row, fix, other, target = net.succ[link] + n * tf[link], ~ff[link], net.pred[link], net.pred[link]
    offset = k0[link].astype(np.float32)
    group_id = np.zeros(len(link), dtype=np.int64)
    plan: list[list[Slot]] = []
    for step in range(lv.count):
        a, b = lay.level_ptr[step], lay.level_ptr[step + 1]
        starts = lay.group_start[lay.group_ptr[step]:lay.group_ptr[step + 1]]
        group_id[a:b] = 0
        if b > a:
            group_id[a + starts[1:]] = 1
            np.cumsum(group_id[a:b], out=group_id[a:b])
        slot = np.arange(b - a) - starts[group_id[a:b]] if b > a else np.zeros(0, dtype=np.int64)
        slots = []
        for j in range(int(slot.max()) + 1 if slot.size else 0):
            at = a + np.flatnonzero(slot == j)
            fixes = np.flatnonzero(fix[at])
            slots.append(Slot(row[at], offset[at, None], target[at], fixes, other[at][fixes]))
        plan.append(slots)
    return plan


class _Chunks:
    """Everything a chunk of iterations needs, prepared once; `run` computes one chunk."""

    def __init__(self, passes: Passes, sampler: Sampler, variable: FloatArray, sampled: npt.NDArray[np.bool_],
                 mode: FloatArray, watched: IntArray) -> None:
        net = passes.network
        self.levels, self.n, self.watched = passes.levels, net.size, watched
        self.base = (passes.early_finish - passes.early_start).astype(np.float32)
        pinned = ~np.isnan(passes.bounds.es_pin)
        reach = passes.bounds.es_min.copy()
        np.maximum.at(reach, net.succ, passes.link_bound)
        held = pinned | (passes.early_start > reach + 1e-9)  # pinned, or moved by its calendar
        self.es_min = np.where(held, passes.early_start, passes.bounds.es_min).astype(np.float32)
        self.lf_max = np.minimum(passes.bounds.lf_max, 1e12).astype(np.float32)
        self.forward, self.backward = _link_plan(passes, True), _link_plan(passes, False)
        self.sweeps = (sweep_kernel.Sweeps(self.forward, self.backward, self.levels.order, self.levels.node_ptr,
                                           self.n) if sweep_kernel.enabled() else None)  # bit-identical to numpy
        self.rows = np.flatnonzero(sampled)
        scale = np.where(mode > 0, variable / np.where(mode > 0, mode, 1), 0)
        self.scale = scale[self.rows, None].astype(np.float32)
        self.variable = variable[self.rows, None].astype(np.float32)
        self.sampler = Sampler.__new__(Sampler)
        self.sampler.low, self.sampler.span = sampler.low[self.rows], sampler.span[self.rows]
        self.sampler.table, self.sampler.offset = sampler.table, sampler.offset[self.rows]
        self.every = self.rows.size == self.n  # every node sampled: no gather/scatter needed
        self.fixed = self.base[self.rows, None] - self.variable
        self._local = threading.local()

    def _buffer(self, name: str, shape: tuple[int, int], dtype: type) -> npt.NDArray[Any]:
        """A scratch array reused by this thread from chunk to chunk (no fresh pages each time)."""
        store: dict[str, npt.NDArray[Any]] = self._local.__dict__
        array = store.get(name)
        if array is None or array.shape[1] < shape[1] or array.shape[0] != shape[0]:
            array = np.empty(shape, dtype)
            store[name] = array
        return array[:, : shape[1]]

    def run(self, seed: np.random.SeedSequence, k: int) -> tuple[Float32Array, Float32Array, FloatArray,
                                                                   FloatArray, FloatArray]:
        """(finish, watched finishes, critical counts, duration sums, finish sums) of k iterations."""
        n, rows, sweeps = self.n, self.rows, self.sweeps
        rng = np.random.default_rng(seed)
        if self.every and sweeps is not None:  # the same draw and floats, fused: no index matrix
            duration = sweep_kernel.draw(self.sampler, rng, self.scale, self.fixed, np.empty((n, k), np.float32))
        elif self.every:  # duration = base + draw * scale - variable, in place
            index = self._buffer("index", (rows.size, k), np.int32)
            duration = self.sampler.draw(rng, np.empty((n, k), np.float32), index)
            duration *= self.scale
            duration += self.fixed
        else:
            duration = np.repeat(self.base[:, None], k, axis=1)
            if rows.size:
                index = self._buffer("index", (rows.size, k), np.int32)
                draw = self.sampler.draw(rng, np.empty((rows.size, k), np.float32), index)
                draw *= self.scale
                draw -= self.variable
                duration[rows] += draw
                del draw
        early = self._buffer("early", (2 * n, k), np.float32)  # starts, then finishes
        early[:n] = self.es_min[:, None]
        if sweeps is not None:
            sweeps.forward(early, duration)
        else:
            _sweep(early, duration, self.forward, self.levels, n, True)
        finish = early[n:].max(axis=0, initial=0.0)
        watched = early[n + self.watched]
        late = early if sweeps is not None else self._buffer("late", (2 * n, k), np.float32)
        np.minimum(self.lf_max[:, None], finish[None, :], out=late[n:])
        if sweeps is not None:  # late dates overwrite the early ones as they are counted
            critical = sweeps.backward(early, duration, float(TOLERANCE))
        else:
            _sweep(late, duration, self.backward, self.levels, n, False)
            late[:n] -= early[:n]
            critical = (late[:n] <= TOLERANCE).sum(axis=1).astype(np.float64)
        del late
        finish64 = finish.astype(np.float64)  # float32 sums within a chunk, float64 across chunks
        sums = np.stack([duration.sum(axis=1), np.einsum("ij,ij->i", duration, duration),
                         duration @ finish]).astype(np.float64)
        return finish, watched, critical, sums, np.array([finish64.sum(), (finish64**2).sum()])


def simulate_passes(passes: Passes, sampler: Sampler, variable: FloatArray, sampled: npt.NDArray[np.bool_],
                    mode: FloatArray, done: npt.NDArray[np.bool_], watched: IntArray, iterations: int,
                    seed: int, on_progress: Callable[[int, int], None] | None = None,
                    workers: int = 2) -> Draws:
    """Run `iterations` schedules on the network of `passes`, `workers` chunks at a time.

    A sampled node's duration is its deterministic duration plus ``variable * (draw/mode - 1)``
    (the part still to do, scaled by the draw); other nodes keep theirs. Each chunk has its
    own seed, spawned from `seed`, so results do not depend on `workers`.
    """
    n = passes.network.size
    chunks = _Chunks(passes, sampler, variable, sampled, mode, watched)
    size = chunk_size(n)
    sizes = [min(size, iterations - low) for low in range(0, iterations, size)]
    seeds = np.random.SeedSequence(seed).spawn(len(sizes))
    results = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        done_count = 0
        for result in pool.map(chunks.run, seeds, sizes):
            results.append(result)
            done_count += len(result[0])
            if on_progress is not None:
                on_progress(done_count, iterations)
    if not results:
        return Draws(np.zeros(0, np.float32), np.zeros((len(watched), 0), np.float32), np.zeros(n), np.zeros(n))
    finish = np.concatenate([r[0] for r in results])
    critical = sum((r[2] for r in results), np.zeros(n))
    sums = sum((r[3] for r in results), np.zeros((3, n)))
    finish_sums = sum((r[4] for r in results), np.zeros(2))
    criticality = np.where(done, 0.0, critical / iterations)
    return Draws(finish, np.concatenate([r[1] for r in results], axis=1), criticality,
                 _correlation(sums, finish_sums, iterations))


def _sweep(dates: Float32Array, duration: Float32Array, plan: list[list[Slot]], lv: Levels, n: int,
           forward: bool) -> None:
    """One pass over the stacked (starts; finishes) matrix, level by level.

    Forward: starts are set, finishes follow (start + duration). Backward: finishes are set
    (holding their caps on entry), starts follow (finish - duration).
    """
    count = lv.count
    for step in range(count):
        level = step if forward else count - 1 - step
        nodes = lv.order[lv.node_ptr[level]:lv.node_ptr[level + 1]]
        for slot in plan[step]:
            values = dates[slot.row]
            if forward:
                values += slot.offset
                if slot.fix_at.size:
                    values[slot.fix_at] -= duration[slot.fix_node]
                target = slot.target
                np.maximum(dates[target], values, out=values)
            else:
                values -= slot.offset
                if slot.fix_at.size:
                    values[slot.fix_at] += duration[slot.fix_node]
                target = slot.target + n
                np.minimum(dates[target], values, out=values)
            dates[target] = values
        if forward:
            dates[n + nodes] = dates[nodes] + duration[nodes]
        else:
            dates[nodes] = dates[n + nodes] - duration[nodes]


def _correlation(sums: FloatArray, finish_sums: FloatArray, count: int) -> FloatArray:
    """Pearson correlation of each node's duration with the finish, from running sums."""
    if count < 2:
        return np.zeros(sums.shape[1])
    mean_d, mean_f = sums[0] / count, finish_sums[0] / count
    var_d = sums[1] / count - mean_d**2
    var_f = finish_sums[1] / count - mean_f**2
    cov = sums[2] / count - mean_d * mean_f
    with np.errstate(divide="ignore", invalid="ignore"):
        result = cov / np.sqrt(np.maximum(var_d, 0) * max(var_f, 0))
    return np.where((var_d > 1e-9) & (var_f > 1e-9), np.clip(result, -1, 1), 0.0)
