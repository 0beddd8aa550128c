#!/usr/bin/env python3
"""MS Project XML import at scale: a 20,000-task MSPDI file read, then imported into SQLite.

Generates the network with `shared/baselines/gen_tjp.py` (work packages, ~1.6 links per
task, FS/SS/FF/SF with lags, three-point estimates, resources; its own small generator
when the baseline script is absent), writes it as MSPDI with pmo's writer, then times:
parsing and reading it (`read_mspdi`), and importing it into a fresh SQLite store in one
transaction (`Store.save`, as `pmo import` does). Target: the whole import under 15 s.
Prints one line per figure; writes bench/out/mspdi_import.json.

usage: bench_mspdi_import.py [--tasks N] [--seed K] [--keep]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT.parent / "shared" / "baselines" / "gen_tjp.py"
OUT = ROOT / "bench" / "out"
TARGET_SECONDS = 15.0


def network(count: int, seed: int) -> dict[str, Any]:
    """The gen_tjp.py network as its JSON would hold it (or a simple chain-and-branch one)."""
    if GENERATOR.is_file():
        spec = importlib.util.spec_from_file_location("gen_tjp", GENERATOR)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        generated = module.generate(count, seed=seed)
        if isinstance(generated, dict):
            return generated
        tasks, resources = generated[0], generated[1]
        return {"name": f"synthetic-{count}", "start": "2025-01-06", "tasks": tasks, "resources": resources}
    rnd = random.Random(seed)
    tasks = []
    for i in range(count):
        preds = [{"id": f"t{rnd.randrange(i)}", "type": "FS", "lag": 0} for _ in range(2) if i and rnd.random() < 0.8]
        tasks.append(
            {
                "id": f"t{i}",
                "name": f"Task {i}",
                "wbs": f"wp{i // 15}",
                "duration": rnd.randint(1, 10),
                "min": 1,
                "ml": 2,
                "max": 3,
                "resource": f"r{i % 50}",
                "preds": preds,
            }
        )
    resources = [{"id": f"r{i}", "name": f"Person {i}", "team": "team", "capacity": 1} for i in range(50)]
    return {"name": f"synthetic-{count}", "start": "2025-01-06", "tasks": tasks, "resources": resources}


def project_of(data: dict[str, Any]) -> Any:
    """The network as a pmo Project: one summary task per work package, tasks under it."""
    import datetime as dt

    from pmo.model import Assignment, Calendar, Dependency, Estimate, LinkType, Person, Project, Task

    tasks: list[Task] = []
    packages: dict[str, list[Task]] = {}
    for item in data["tasks"]:
        packages.setdefault(str(item.get("wbs", "wp")), []).append(
            Task(
                id=item["id"],
                name=item["name"],
                parent=str(item.get("wbs", "wp")),
                duration=float(item["duration"]),
                effort=float(item["duration"]) * 8,
                estimate=Estimate(item["min"], item["ml"], item["max"]),
                assignments=(Assignment(item["resource"]),) if item.get("resource") else (),
            )
        )
    for index, (package, children) in enumerate(packages.items(), start=1):
        tasks.append(Task(id=package, name=f"Work package {package}", wbs=str(index)))
        tasks.extend(children)
    links = [
        Dependency(pred["id"], item["id"], LinkType(pred.get("type", "FS")), float(pred.get("lag", 0)))
        for item in data["tasks"]
        for pred in item.get("preds", [])
    ]
    people = [
        Person(r["id"], r["name"], team=r.get("team", ""), capacity=float(r.get("capacity", 1)))
        for r in data["resources"]
    ]
    return Project(
        key="BENCH",
        name=str(data.get("name", "bench")),
        start=dt.date.fromisoformat(data.get("start", "2025-01-06")),
        status_date=dt.date.fromisoformat(data.get("start", "2025-01-06")),
        calendar="1",
        calendars=(Calendar("1", "Standard"),),
        people=tuple(people),
        tasks=tuple(tasks),
        dependencies=tuple(links),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated XML in bench/out")
    args = parser.parse_args(argv)

    from pmo.exports.mspdi import write_mspdi
    from pmo.sources.mspdi.reader import read_mspdi
    from pmo.store import Store

    started = time.perf_counter()
    project = project_of(network(args.tasks, args.seed))
    generated = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="pmo-bench-") as folder:
        xml = (OUT if args.keep else Path(folder)) / f"mspdi-{args.tasks}.xml"
        xml.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        write_mspdi(project, xml)
        written = time.perf_counter() - started
        size = xml.stat().st_size

        started = time.perf_counter()
        result = read_mspdi(xml)
        read = time.perf_counter() - started
        store = Store.open(f"sqlite:///{Path(folder) / 'pmo.db'}")
        try:
            started = time.perf_counter()
            counts = store.save(result, origin=str(xml), reader="mspdi")
            stored = time.perf_counter() - started
        finally:
            store.close()
    tasks, links = len(result.project.tasks), len(result.project.dependencies)
    total = read + stored
    figures = {
        "tasks": tasks,
        "links": links,
        "people": len(result.project.people),
        "findings": len(result.findings),
        "xml_mib": round(size / 2**20, 1),
        "generate_s": round(generated, 2),
        "write_s": round(written, 2),
        "read_s": round(read, 2),
        "store_s": round(stored, 2),
        "import_s": round(total, 2),
        "target_s": TARGET_SECONDS,
        "stored_counts": counts,
    }
    print(
        f"MSPDI file: {tasks} tasks, {links} links, {figures['people']} people, {figures['xml_mib']} MiB "
        f"(written by pmo in {written:.2f} s)"
    )
    print(f"read (parse + map to records): {read:.2f} s  ({tasks / read:,.0f} tasks/s)")
    print(f"store into SQLite (one transaction): {stored:.2f} s")
    print(
        f"import total: {total:.2f} s  target {TARGET_SECONDS:.0f} s  "
        f"ours/target {total / TARGET_SECONDS:.2f}  {'OK' if total < TARGET_SECONDS else 'TOO SLOW'}"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "mspdi_import.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
