#!/usr/bin/env python3
"""Resource leveling on PSPLIB: pmo's GA against the one-pass serial SGS baseline and TaskJuggler.

Runs `pmo.engine.leveling.solve.solve` (at most --schedules schedules per instance,
over --workers processes) on every j30 instance (deviation from the optimum in j30hrs.sm)
and every j120 instance (deviation from the critical-path bound, and from the best known
makespans in j120hrs.sm); in the same run, the baseline script
`shared/baselines/rcpsp_baseline.py` (one serial SGS pass, LFT) on the same sets, and
TaskJuggler's leveling (`shared/baselines/psplib_tj3.py`) on a j30 sample when tj3 is
installed. Prints one line per figure and ours / baseline ratios; writes bench/out/
leveling.json and leveling_<set>.csv.

usage: bench_leveling.py [--data DIR] [--sets j30 j120] [--every S] [--schedules N]
                         [--workers W] [--seed K] [--tj3-sample N] [--no-baseline]
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"


def run_one(job: tuple[str, int, int, int, float]) -> dict[str, Any]:
    """Solve one instance file (in a worker process)."""
    from pmo.benchmarks.psplib import instance_key, read_sm
    from pmo.engine.leveling.solve import solve, violations

    path, schedules, seed, population, mutation = job
    inst = read_sm(path)
    t0 = time.perf_counter()
    best = solve(inst, schedules, seed=seed, population=population, mutation=mutation)
    wall = time.perf_counter() - t0
    bad = violations(inst, best.starts)
    if bad:
        raise AssertionError(f"{path}: infeasible schedule: {bad[:3]}")
    par, number = instance_key(path)
    return {
        "instance": Path(path).stem, "par": par, "inst": number, "makespan": best.makespan,
        "cp_bound": inst.network.cp_bound, "lower_bound": best.lower_bound,
        "schedules": best.schedules, "seconds": wall,
    }


def files_of(data: Path, name: str, every: int) -> list[Path]:
    key = lambda f: tuple(int(x) for x in re.findall(r"\d+", f.stem[len(name):]))  # noqa: E731
    return sorted((data / name).glob("*.sm"), key=key)[::every]


def run_ours(data: Path, name: str, args: argparse.Namespace) -> dict[str, Any]:
    from pmo.benchmarks.psplib import read_solutions

    files = files_of(data, name, args.every)
    table = read_solutions(data / f"{name}hrs.sm")
    jobs = [(str(f), args.schedules, args.seed, args.population, args.mutation) for f in files]
    run_one(jobs[0])  # compile (or load the numba cache) once before timing
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(args.workers) as pool:
        rows = pool.map(run_one, jobs, chunksize=4)
    wall = time.perf_counter() - t0
    for row in rows:
        ref = table[(int(row["par"]), int(row["inst"]))]
        row["reference"] = ref
        row["dev_ref"] = 100.0 * (int(row["makespan"]) - ref) / ref
        row["dev_cp"] = 100.0 * (int(row["makespan"]) - int(row["cp_bound"])) / int(row["cp_bound"])
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / f"leveling_{name}.csv", "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    k = len(rows)
    dev_ref = [float(r["dev_ref"]) for r in rows]
    return {
        "set": name, "instances": k, "wall_s": wall, "workers": args.workers,
        "avg_dev_ref": sum(dev_ref) / k, "max_dev_ref": max(dev_ref),
        "matched_ref": sum(1 for d in dev_ref if d == 0),
        "avg_dev_cp": sum(float(r["dev_cp"]) for r in rows) / k,
        "avg_schedules": sum(int(r["schedules"]) for r in rows) / k,
        "max_schedules": max(int(r["schedules"]) for r in rows),
    }


def run_script(argv: list[str]) -> dict[str, str]:
    """Run a baseline script and parse its last `key=value` line."""
    done = subprocess.run([sys.executable, *argv], capture_output=True, text=True, check=True)
    last = done.stdout.strip().splitlines()[-1]
    return dict(re.findall(r"(\w+)=(\S+)", last)) | {"line": last, "stdout": done.stdout}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "psplib")
    ap.add_argument("--sets", nargs="+", default=["j30", "j120"])
    ap.add_argument("--every", type=int, default=1, help="take every S-th instance")
    ap.add_argument("--schedules", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=mp.cpu_count())
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--population", type=int, default=40)
    ap.add_argument("--mutation", type=float, default=0.05)
    ap.add_argument("--tj3-sample", type=int, default=10, help="j30 instances for TaskJuggler (0: none)")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no PSPLIB data at {args.data}")
    from pmo.engine.leveling.kernels import HAVE_NUMBA

    report: dict[str, Any] = {"numba": HAVE_NUMBA, "schedules_limit": args.schedules, "seed": args.seed}
    baselines = SHARED / "baselines"
    for name in args.sets:
        ours = run_ours(args.data, name, args)
        report[name] = ours
        print(f"{name} ours: instances={ours['instances']} avg_dev_vs_table={ours['avg_dev_ref']:.3f}% "
              f"max={ours['max_dev_ref']:.2f}% matched_table={ours['matched_ref']} "
              f"avg_dev_vs_CP_LB={ours['avg_dev_cp']:.2f}% "
              f"schedules/instance avg={ours['avg_schedules']:.0f} max={ours['max_schedules']} "
              f"wall={ours['wall_s']:.1f}s on {args.workers} workers (numba={HAVE_NUMBA})", flush=True)
        if args.no_baseline or not (baselines / "rcpsp_baseline.py").exists():
            continue
        script = str(baselines / "rcpsp_baseline.py")
        base = run_script([script, str(args.data), name, "--every", str(args.every)])
        report[f"{name}_baseline"] = base
        print(f"{name} baseline (one serial SGS pass, LFT): {base['line']}")
        b_ref, b_cp = float(base["avg_dev_vs_table"].rstrip("%")), float(base["avg_dev_vs_CP_LB"].rstrip("%"))
        print(f"{name} ours/baseline: deviation vs table {ours['avg_dev_ref']:.3f}/{b_ref:.2f} = "
              f"{float(ours['avg_dev_ref']) / b_ref:.3f}; vs CP bound {ours['avg_dev_cp']:.2f}/{b_cp:.2f} = "
              f"{float(ours['avg_dev_cp']) / b_cp:.3f}", flush=True)
    has_tj3 = shutil.which("tj3") and (baselines / "psplib_tj3.py").exists()
    if args.tj3_sample and "j30" in args.sets and has_tj3:
        every = max(1, 480 // args.tj3_sample)
        tj3 = run_script([str(baselines / "psplib_tj3.py"), str(args.data), "j30", "--every", str(every),
                          "--limit", str(args.tj3_sample)])
        report["j30_tj3"] = tj3
        print(f"j30 TaskJuggler on {args.tj3_sample} instances (every {every}th): {tj3['line']}")
        sample = files_of(args.data, "j30", every)[: args.tj3_sample]
        with open(OUT / "leveling_j30.csv") as fh:
            ours_rows = {r["instance"]: r for r in csv.DictReader(fh)}
        mine = [float(ours_rows[f.stem]["dev_ref"]) for f in sample if f.stem in ours_rows]
        if mine:
            t_dev = float(tj3["avg_dev_vs_table"].rstrip("%"))
            ours_avg = sum(mine) / len(mine)
            report["j30_tj3_ours_same_sample"] = ours_avg
            print(f"j30 ours/TaskJuggler on the same sample: {ours_avg:.3f}/{t_dev:.2f} = "
                  f"{ours_avg / t_dev if t_dev else float('nan'):.3f}")
            theirs = {name: int(ms) for name, ms in re.findall(r"^(\S+): tj3=(\d+)", tj3["stdout"], re.MULTILINE)}
            pairs = [(int(ours_rows[n]["makespan"]), ms) for n, ms in theirs.items() if n in ours_rows]
            better = sum(1 for mine_ms, their_ms in pairs if mine_ms <= their_ms)
            print(f"j30 instance by instance: pmo's makespan <= TaskJuggler's on {better}/{len(pairs)} instances "
                  f"(strictly shorter on {sum(1 for a, b in pairs if a < b)})")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "leveling.json").write_text(json.dumps(report, indent=2, default=str))


if __name__ == "__main__":
    main()
