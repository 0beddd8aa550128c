#!/usr/bin/env python3
"""Monte Carlo benchmark: pmo's simulation against the numpy baseline, in one run.

Both read the same generated network (bench/out/n<N>.json, from
``../shared/baselines/gen_tjp.py``) and run the same number of iterations with the same
distribution, each in a fresh process (peak memory is theirs alone). The table shows
wall time and peak memory side by side with the ratio, and the P50/P80 finish (working
days) of both, which should agree within sampling noise.

usage: bench/bench_montecarlo.py [--sizes 1000 10000] [--iterations 10000] [--dist pert|triangular]
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_cpm import BASELINES, generated, in_child  # noqa: E402


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ours(path: str, iterations: int, dist: str, queue: Any) -> None:
    import numpy as np

    from pmo.benchmarks.generator import read_generated
    from pmo.engine.schedule import schedule_network, simulate_network

    data = read_generated(path)
    before = peak_mib()
    t0 = time.perf_counter()
    result = schedule_network(data.network, data.start)
    forecast = simulate_network(result, data.optimistic, data.most_likely, data.pessimistic,
                                iterations=iterations, seed=1, distribution=dist)
    wall = time.perf_counter() - t0
    p50, p80 = np.percentile(forecast.finish_days, [50, 80])
    queue.put({"wall": wall, "peak": peak_mib(), "before": before, "p50": p50, "p80": p80,
               "top": forecast.sensitivity[0][0] if forecast.sensitivity else "-"})


def run_baseline(path: str, iterations: int, dist: str, queue: Any) -> None:
    import json

    import numpy as np

    spec = importlib.util.spec_from_file_location("mc_numpy", BASELINES / "mc_numpy.py")
    assert spec and spec.loader
    baseline = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(baseline)
    with open(path) as handle:
        project = json.load(handle)
    before = peak_mib()
    t0 = time.perf_counter()
    ends, _ = baseline.run(project, iterations, 1000, "tri" if dist == "triangular" else "pert")
    wall = time.perf_counter() - t0
    p50, p80 = np.percentile(ends, [50, 80])
    queue.put({"wall": wall, "peak": peak_mib(), "before": before, "p50": p50, "p80": p80})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000])
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--dist", choices=["pert", "triangular"], default="pert")
    args = parser.parse_args()
    print(f"## pmo vs mc_numpy: {args.iterations} iterations, {args.dist}\n")
    print(f"{'tasks':>7} | {'pmo s':>7} {'base s':>7} {'ratio':>6} | {'pmo MiB':>8} {'base MiB':>8} | "
          f"{'pmo P50/P80':>13} {'base P50/P80':>13}")
    for n in args.sizes:
        path = str(generated(n))
        ours = in_child(run_ours, path, args.iterations, args.dist)
        theirs = in_child(run_baseline, path, args.iterations, args.dist)
        print(f"{n:>7} | {ours['wall']:>7.2f} {theirs['wall']:>7.2f} {theirs['wall'] / ours['wall']:>5.1f}x | "
              f"{ours['peak']:>8.0f} {theirs['peak']:>8.0f} | {ours['p50']:>6.1f}/{ours['p80']:<6.1f} "
              f"{theirs['p50']:>6.1f}/{theirs['p80']:<6.1f}")
    print("\n(MiB: peak resident memory of the whole process, Python and numpy included; the process "
          "held ~60 MiB after reading the network, before simulating.)")


if __name__ == "__main__":
    mp.set_start_method("spawn", force=True)
    main()
