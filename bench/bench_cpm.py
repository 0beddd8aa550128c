#!/usr/bin/env python3
"""CPM benchmark: pmo's schedule engine against networkx and TaskJuggler, in one run.

For each size the generator (``../shared/baselines/gen_tjp.py``) writes a network under
bench/out/; pmo and the networkx baseline (``cpm_networkx.py``) each schedule it in a
fresh process (so peak memory is theirs alone), and the table shows both side by side
with the ratio. "passes" is topological order + forward + backward pass + floats;
"end to end" adds reading the JSON and building the graph (and, for pmo, dates).
TaskJuggler (``tj3``, when installed) schedules the same network as a .tjp; pmo's dates
are then checked against TaskJuggler's for every task.

usage: bench/bench_cpm.py [--sizes 1000 10000 100000 1000000] [--tj3 1000 5000 20000]
                          [--baseline-max 1000000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import multiprocessing as mp
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BASELINES = ROOT.parent / "shared" / "baselines"


def generated(n: int, mode: str | None = None) -> Path:
    """bench/out/n<N>.json (and .tjp when `mode` is given), generated once."""
    OUT.mkdir(parents=True, exist_ok=True)
    stem = OUT / (f"n{n}" if mode is None else f"tj{n}_{mode}")
    wanted = stem.with_suffix(".json" if mode is None else ".tjp")
    if not wanted.exists():
        args = [sys.executable, str(BASELINES / "gen_tjp.py"), str(n), str(stem)]
        args += ["--json-only"] if mode is None else ["--mode", mode]
        subprocess.run(args, check=True, capture_output=True)
    return stem.with_suffix(".json")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ours(path: str, queue: Any) -> None:
    from pmo.benchmarks.generator import read_generated
    from pmo.engine.schedule.cpm import Bounds, floats, run_passes
    from pmo.engine.schedule.network import levelise
    from pmo.engine.schedule.scheduler import schedule_network

    t0 = time.perf_counter()
    data = read_generated(path)
    t1 = time.perf_counter()
    levels = levelise(data.network)
    passes = run_passes(data.network, levels, Bounds.free(data.network.size))
    total, _ = floats(passes)
    t2 = time.perf_counter()
    result = schedule_network(data.network, data.start)  # the whole thing again, with dates
    t3 = time.perf_counter()
    queue.put({"load": t1 - t0, "passes": t2 - t1, "schedule": t3 - t2, "end_to_end": (t1 - t0) + (t3 - t2),
               "end": passes.finish, "critical": int((total <= 1e-9).sum()), "finish": result.finish.isoformat(),
               "peak": peak_mib()})


def run_networkx(path: str, queue: Any) -> None:
    import json

    spec = importlib.util.spec_from_file_location("cpm_networkx", BASELINES / "cpm_networkx.py")
    assert spec and spec.loader
    baseline = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(baseline)
    t0 = time.perf_counter()
    with open(path) as handle:
        project = json.load(handle)
    t1 = time.perf_counter()
    graph = baseline.build_graph(project)
    t2 = time.perf_counter()
    end, *_rest, critical = baseline.cpm(graph)
    t3 = time.perf_counter()
    queue.put({"load": t1 - t0, "build": t2 - t1, "passes": t3 - t2, "end_to_end": t3 - t0, "end": end,
               "critical": len(critical), "peak": peak_mib()})


def in_child(target: Any, *args: Any) -> dict[str, Any]:
    context = mp.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result: dict[str, Any] = queue.get()
    process.join()
    return result


def compare_sizes(sizes: list[int], baseline_max: int) -> None:
    print("## pmo vs networkx (same generated network, each in its own process)\n")
    print(f"{'tasks':>9} | {'pmo passes':>10} {'nx passes':>10} {'ratio':>7} | {'pmo e2e':>8} {'nx e2e':>8} "
          f"{'ratio':>6} | {'pmo MiB':>8} {'nx MiB':>8} | same end, critical")
    for n in sizes:
        path = str(generated(n))
        ours = in_child(run_ours, path)
        theirs = in_child(run_networkx, path) if n <= baseline_max else None
        if theirs is None:
            print(f"{n:>9} | {ours['passes']:>10.3f} {'-':>10} {'-':>7} | {ours['end_to_end']:>8.2f} {'-':>8} "
                  f"{'-':>6} | {ours['peak']:>8.0f} {'-':>8} | end {ours['end']:g} ({ours['finish']})")
            continue
        same = ours["end"] == theirs["end"] and ours["critical"] == theirs["critical"]
        print(f"{n:>9} | {ours['passes']:>10.3f} {theirs['passes']:>10.3f} {theirs['passes'] / ours['passes']:>6.1f}x"
              f" | {ours['end_to_end']:>8.2f} {theirs['end_to_end']:>8.2f} "
              f"{theirs['end_to_end'] / ours['end_to_end']:>5.1f}x | {ours['peak']:>8.0f} {theirs['peak']:>8.0f} | "
              f"{'yes' if same else 'NO'} (end {ours['end']:g} d, {ours['critical']} critical)")
    print()


def tj3_dates(tjp: Path) -> tuple[float, float, dict[str, tuple[dt.date, dt.date]]]:
    """(wall seconds, peak MiB, task id -> (start, finish day)) of one tj3 run."""
    text = tjp.read_text()
    if "taskreport all" not in text:
        text += ('\ntaskreport all "all" {\n  formats csv\n  columns id, start, end\n'
                 '  timeformat "%Y-%m-%d %H:%M"\n}\n')
        tjp.write_text(text)
    out = tjp.parent / (tjp.stem + "_out")
    out.mkdir(exist_ok=True)
    timing = tjp.with_suffix(".time")
    t0 = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-v", "-o", str(timing), "tj3", "--silent", "-o", str(out), str(tjp)],
                   check=True, capture_output=True)
    wall = time.perf_counter() - t0
    kb = next(int(line.split(":")[1]) for line in timing.read_text().splitlines() if "Maximum resident" in line)
    dates: dict[str, tuple[dt.date, dt.date]] = {}
    with open(out / "all.csv") as handle:
        for row in csv.reader(handle, delimiter=";"):
            task = row[0].rsplit(".", 1)[-1] if row else ""
            if len(row) < 3 or not task.startswith("t") or row[0].count(".") != 2:
                continue
            start, end = (dt.datetime.strptime(v, "%Y-%m-%d %H:%M") for v in row[1:3])
            finish = (end - dt.timedelta(minutes=1)).date()  # tj3's end is exclusive (midnight)
            dates[task] = (start.date(), finish)
    return wall, kb / 1024, dates


def run_ours_calendar_days(path: str, queue: Any) -> None:
    from pmo.benchmarks.generator import read_generated
    from pmo.engine.schedule.calendars import Calendar
    from pmo.engine.schedule.scheduler import schedule_network

    t0 = time.perf_counter()
    data = read_generated(path)
    every_day = Calendar("all", working_weekdays=(0, 1, 2, 3, 4, 5, 6))  # tj3 `duration` counts calendar days
    result = schedule_network(data.network, data.start, every_day)
    wall = time.perf_counter() - t0
    table = result.tasks
    queue.put({"wall": wall, "peak": peak_mib(),
               "dates": {tid: (table[tid].start, table[tid].finish) for tid in table}})


def compare_tj3(sizes: list[int]) -> None:
    if shutil.which("tj3") is None or not Path("/usr/bin/time").exists():
        print("## TaskJuggler: tj3 (or /usr/bin/time) is not installed; apt-get install -y tj3 time\n")
        return
    print("## pmo vs TaskJuggler 3 (tj3 --mode cpm network: durations and gaps in calendar days)\n")
    print(f"{'tasks':>7} | {'pmo s':>7} {'tj3 s':>8} {'ratio':>8} | {'pmo MiB':>8} {'tj3 MiB':>8} | dates equal")
    for n in sizes:
        json_path = generated(n, "cpm")
        wall, mib, theirs = tj3_dates(json_path.with_suffix(".tjp"))
        ours = in_child(run_ours_calendar_days, str(json_path))
        equal = sum(1 for tid, pair in theirs.items() if ours["dates"].get(tid) == pair)
        print(f"{n:>7} | {ours['wall']:>7.3f} {wall:>8.2f} {wall / ours['wall']:>7.0f}x | {ours['peak']:>8.0f} "
              f"{mib:>8.0f} | {equal}/{len(theirs)} tasks (start and finish)")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--tj3", type=int, nargs="*", default=[1000, 5000, 20_000])
    parser.add_argument("--baseline-max", type=int, default=1_000_000, help="largest size networkx runs on")
    args = parser.parse_args()
    compare_sizes(args.sizes, args.baseline_max)
    if args.tj3:
        compare_tj3(args.tj3)


if __name__ == "__main__":
    main()
