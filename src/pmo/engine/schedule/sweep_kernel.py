"""The Monte Carlo sweeps as numba kernels over flat link lists (optional, same results).

`simulation` runs a chunk of iterations level by level with numpy: per level, the j-th
link of every node at once (a gather, an offset, a scatter). These kernels do the very
same float32 operations in the very same order, link by link over contiguous rows of
iterations, without the temporaries: ``value = date[row] + offset [- duration[fix]]``,
``date[target] = max(date[target], value)`` forward (``-``, ``+`` and ``min`` backward),
then each node's other end. Results are bit-identical to the numpy path.

numba is an optional extra (``pip install 'pmo-copilot[fast]'``). Without it, with
``NUMBA_DISABLE_JIT=1`` or after ``use_compiled(False)`` (what ``PMO_NO_NUMBA=1`` does for
the command line), `enabled()` is false and the numpy path runs. The kernels release the
GIL so the simulation's worker threads run in parallel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import numpy as np
import numpy.typing as npt

from pmo.engine.jit import compiler
from pmo.engine.schedule.sampling import BITS

F = TypeVar("F", bound=Callable[..., Any])
Float32Array = npt.NDArray[np.float32]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_compile = compiler()  # numba, cached on disk (see pmo.engine.jit); None without it
HAVE_NUMBA = _compile is not None


_WANTED = [True]


def use_compiled(wanted: bool) -> None:
    """Ask for the compiled sweeps (the default) or the numpy ones (`PMO_NO_NUMBA=1` on the command line)."""
    _WANTED[0] = wanted


def enabled() -> bool:
    """Whether the compiled sweeps are used: numba compiles and nobody asked for numpy."""
    return HAVE_NUMBA and _WANTED[0]


def jit(fn: F) -> F:
    """Compile `fn` with numba when it is installed; leave it as Python otherwise."""
    return fn if _compile is None else cast(F, _compile(fn))


@dataclass(frozen=True)
class FlatPlan:
    """The links of one pass, level after level in pass order (CSR by level).

    Level step ``s`` holds links ``[ptr[s], ptr[s+1])``: each reads stacked row ``row``,
    applies ``offset`` and, when ``fix >= 0``, that node's duration, and bounds ``target``.
    """

    ptr: IntArray
    row: IntArray
    offset: Float32Array
    target: IntArray
    fix: IntArray


def flatten(plan: list[list[Any]], n: int, forward: bool) -> FlatPlan:
    """A `FlatPlan` from the per-level `Slot`s of `simulation._link_plan`, in the same order."""
    ptr = np.zeros(len(plan) + 1, np.int64)
    rows: list[IntArray] = []
    offsets: list[Float32Array] = []
    targets: list[IntArray] = []
    fixes: list[IntArray] = []
    for step, slots in enumerate(plan):
        for slot in slots:
            fix = np.full(slot.row.size, -1, np.int64)
            fix[slot.fix_at] = slot.fix_node
            rows.append(slot.row)
            offsets.append(slot.offset.ravel())
            targets.append(slot.target if forward else slot.target + n)
            fixes.append(fix)
        ptr[step + 1] = ptr[step] + sum(slot.row.size for slot in slots)

    def join(parts: list[npt.NDArray[Any]], dtype: type) -> npt.NDArray[Any]:
        return np.ascontiguousarray(np.concatenate(parts) if parts else np.zeros(0), dtype=dtype)

    return FlatPlan(ptr, join(rows, np.int64), join(offsets, np.float32), join(targets, np.int64),
                    join(fixes, np.int64))


@jit
def forward_sweep(dates: Float32Array, duration: Float32Array, ptr: IntArray, row: IntArray,
                  offset: Float32Array, target: IntArray, fix: IntArray, order: IntArray,
                  node_ptr: IntArray) -> None:
    """Forward pass on the stacked (starts; finishes) matrix: starts are set on entry."""
    n, k = duration.shape[0], dates.shape[1]
    for step in range(node_ptr.shape[0] - 1):
        for link in range(ptr[step], ptr[step + 1]):
            source, into, off, f = dates[row[link]], dates[target[link]], offset[link], fix[link]
            if f >= 0:
                less = duration[f]
                for i in range(k):
                    value = (source[i] + off) - less[i]
                    if value > into[i] or value != value:  # np.maximum: the larger, NaN wins
                        into[i] = value
            else:
                for i in range(k):
                    value = source[i] + off
                    if value > into[i] or value != value:
                        into[i] = value
        for at in range(node_ptr[step], node_ptr[step + 1]):
            node = order[at]
            start, end, span = dates[node], dates[n + node], duration[node]
            for i in range(k):
                end[i] = start[i] + span[i]


@jit
def backward_sweep(dates: Float32Array, duration: Float32Array, ptr: IntArray, row: IntArray,
                   offset: Float32Array, target: IntArray, fix: IntArray, order: IntArray,
                   node_ptr: IntArray, tolerance: float, critical: FloatArray) -> None:
    """Backward pass in place of the forward one, counting each node's critical iterations.

    On entry the starts are the early starts and the finishes their caps. A node's late
    start replaces its early start once its total float (late - early) is counted in
    `critical`: nothing reads an early start after that.
    """
    n, k = duration.shape[0], dates.shape[1]
    limit = np.float32(tolerance)
    count = node_ptr.shape[0] - 1
    for step in range(count):
        for link in range(ptr[step], ptr[step + 1]):
            source, into, off, f = dates[row[link]], dates[target[link]], offset[link], fix[link]
            if f >= 0:
                more = duration[f]
                for i in range(k):
                    value = (source[i] - off) + more[i]
                    if value < into[i] or value != value:  # np.minimum: the smaller, NaN wins
                        into[i] = value
            else:
                for i in range(k):
                    value = source[i] - off
                    if value < into[i] or value != value:
                        into[i] = value
        level = count - 1 - step
        for at in range(node_ptr[level], node_ptr[level + 1]):
            node = order[at]
            start, end, span = dates[node], dates[n + node], duration[node]
            total = 0
            for i in range(k):
                late = end[i] - span[i]
                if late - start[i] <= limit:
                    total += 1
                start[i] = late
            critical[node] = total


@jit
def durations(bits: npt.NDArray[np.uint16], shift: int, table: Float32Array, base: npt.NDArray[np.int32],
              span: Float32Array, low: Float32Array, scale: Float32Array, fixed: Float32Array,
              out: Float32Array) -> None:
    """``((table[bits >> shift + base] * span + low) * scale + fixed`` per row, as `Sampler.draw` does."""
    for r in range(out.shape[0]):
        b, sp, lo, sc, fx, into, word = base[r, 0], span[r, 0], low[r, 0], scale[r, 0], fixed[r, 0], out[r], bits[r]
        for i in range(out.shape[1]):
            into[i] = ((table[(word[i] >> shift) + b] * sp + lo) * sc) + fx


class Sweeps:
    """The two passes of one network on flat link lists, ready for `simulation._Chunks`."""

    def __init__(self, forward: list[list[Any]], backward: list[list[Any]], order: IntArray, node_ptr: IntArray,
                 n: int) -> None:
        self.plans = flatten(forward, n, True), flatten(backward, n, False)
        self.layout = np.ascontiguousarray(order, np.int64), np.ascontiguousarray(node_ptr, np.int64)

    def forward(self, dates: Float32Array, duration: Float32Array) -> None:
        """The forward pass: `dates` holds the start bounds on entry, the early dates on exit."""
        p = self.plans[0]
        forward_sweep(dates, duration, p.ptr, p.row, p.offset, p.target, p.fix, *self.layout)

    def backward(self, dates: Float32Array, duration: Float32Array, tolerance: float) -> FloatArray:
        """The backward pass over the early dates (finishes set to their caps): critical counts."""
        p, critical = self.plans[1], np.zeros(duration.shape[0])
        backward_sweep(dates, duration, p.ptr, p.row, p.offset, p.target, p.fix, *self.layout, tolerance, critical)
        return critical


def draw(sampler: Any, rng: np.random.Generator, scale: Float32Array, fixed: Float32Array,
         out: Float32Array) -> Float32Array:
    """``sampler.draw(rng, out) * scale + fixed`` in one pass (same random bits, same floats)."""
    bits = rng.integers(0, 1 << 16, size=out.shape, dtype=np.uint16)
    durations(bits, 16 - BITS, sampler.table, sampler.offset, sampler.span, sampler.low, scale, fixed, out)
    return out
