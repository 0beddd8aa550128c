"""Our dates equal TaskJuggler's on a generated network (FS/SS/FF/SF links with gaps).

The network comes from ../shared/baselines/gen_tjp.py (`--mode cpm`), which writes the same
network as JSON (read by pmo's fast path) and as a TaskJuggler project. tj3 counts
`duration` in calendar days, so pmo schedules it on a seven-day calendar. Skipped when tj3
or the baselines are absent (scripts/test installs tj3).
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmo.benchmarks.generator import read_generated
from pmo.engine.schedule.calendars import Calendar
from pmo.engine.schedule.scheduler import schedule_network

BASELINES = Path(__file__).resolve().parents[3].parent / "shared" / "baselines"
REPORT = '\ntaskreport all "all" {\n  formats csv\n  columns id, start, end\n  timeformat "%Y-%m-%d %H:%M"\n}\n'


def taskjuggler_dates(tjp: Path) -> dict[str, tuple[dt.date, dt.date]]:
    tjp.write_text(tjp.read_text() + REPORT)
    out = tjp.parent / "tj3-out"
    out.mkdir()
    subprocess.run(["tj3", "--silent", "-o", str(out), str(tjp)], check=True, capture_output=True, timeout=300)
    dates = {}
    with (out / "all.csv").open() as handle:
        for row in csv.reader(handle, delimiter=";"):
            task = row[0].rsplit(".", 1)[-1] if row else ""
            if len(row) < 3 or not task.startswith("t") or row[0].count(".") != 2:
                continue
            start, end = (dt.datetime.strptime(v, "%Y-%m-%d %H:%M") for v in row[1:3])
            dates[task] = (start.date(), (end - dt.timedelta(minutes=1)).date())  # tj3's end is exclusive
    return dates


@pytest.mark.slow
def test_dates_equal_taskjuggler_on_a_generated_network(tmp_path: Path) -> None:
    if shutil.which("tj3") is None:
        pytest.skip("TaskJuggler (tj3) is not installed (apt-get install tj3)")
    if not (BASELINES / "gen_tjp.py").exists():
        pytest.skip(f"{BASELINES} is absent (the network generator lives beside the repository)")
    stem = tmp_path / "net"
    subprocess.run([sys.executable, str(BASELINES / "gen_tjp.py"), "300", str(stem), "--mode", "cpm", "--seed", "3"],
                   check=True, capture_output=True, timeout=120)
    theirs = taskjuggler_dates(stem.with_suffix(".tjp"))
    data = read_generated(stem.with_suffix(".json"))
    every_day = Calendar("all", working_weekdays=(0, 1, 2, 3, 4, 5, 6))
    ours = schedule_network(data.network, data.start, every_day).tasks
    assert len(theirs) >= 300
    different = {t: (pair, (ours[t].start, ours[t].finish)) for t, pair in theirs.items()
                 if (ours[t].start, ours[t].finish) != pair}
    assert not different, dict(list(different.items())[:5])
