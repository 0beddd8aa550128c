"""`pmo demo`: the README's first command, then `pmo check --json` over the demo."""

from __future__ import annotations

import json
import re
from pathlib import Path

RIGOUR = {
    "blank-field", "pending-overdue", "action-no-owner", "action-no-due", "action-overdue",
    "risk-no-owner", "risk-no-mitigation", "task-stale", "progress-inconsistent",
    "milestone-past-open", "dependency-cycle",
}
# trend-slip: every slipping milestone of the demo is past its baseline, so milestone-slip tells its trend
FORESIGHT = {"milestone-slip", "forecast-risk", "near-critical", "resource-overload", "question"}
LIAISON = {"contact-overdue", "pulse-low", "checkin-missing", "actions-piling-up"}
ANTICIPATION = {"prep-due", "deliverable-due-soon", "absence-on-critical"}


def test_demo_runs_the_cycle_and_check_shows_every_code(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = pmo_cmd("demo", "ws")
    match = re.search(r"^Status report: (.+\.md)$", done.stdout, re.MULTILINE)
    assert match, done.stdout
    report = Path(match.group(1))
    assert report.is_file() and report.parent.parent == (tmp_path / "ws" / "out").resolve()
    text = report.read_text()
    assert "## What changed since the last report" in text and "Compared with the report of 2026-06-08" in text
    from pmo.engine.review.codec import review_from_json, review_to_json

    data = json.loads((report.parent / "review.json").read_text(encoding="utf-8"))
    assert data["project"]["key"] == "ERP" and data["findings"]
    assert review_to_json(review_from_json(data)) == data  # the pack's Review reads back whole

    checked = pmo_cmd("check", "--json", "--workspace", "ws", check=1)
    findings = json.loads(checked.stdout)
    codes = {f["code"] for f in findings}
    expected = RIGOUR | FORESIGHT | LIAISON | ANTICIPATION
    assert codes >= expected, sorted(expected - codes)
    [golive] = [f for f in findings if f["code"] == "milestone-slip" and f["subject"]["id"] == "CUT-09"]
    assert [(w["task"], w["kind"], w["days"]) for w in golive["detail"]["why"]] == [
        ("DM-08", "late-start", 6), ("DM-11", "owner-absent", 2)]
    assert {"how", "who", "impact"} <= set(golive["detail"]) and golive["detail"]["how"][-1]["task"] == "CUT-09"
    told = pmo_cmd("delays", "--workspace", "ws").stdout
    assert "CUT-09 Go-live moves 8 working days, to 2026-10-29 (baseline 2026-10-19): 6 working days because " \
           "DM-08" in told
    files = json.loads(pmo_cmd("delays", "--json", "--workspace", "ws").stdout)
    assert {f["id"] for f in files} >= {"CUT-09", "HC-07", "BLD-29"}
    for finding in findings:
        if finding["code"] in RIGOUR | LIAISON:
            source = finding["source"]
            assert source["file"] and Path(source["file"]).is_file(), finding
            assert isinstance(source["line"], int) and source["line"] > 0, finding
    [cycle] = [f for f in findings if f["code"] == "dependency-cycle"]
    assert (
        "DM-08 Mock migration 1: master data -> DM-09 Mock migration 1: reconciliation -> "
        "DM-10 Correct load programs after mock 1 -> DM-08" in cycle["message"]
    )

    lines = pmo_cmd("check", "--workspace", "ws", check=1).stdout.splitlines()
    assert all(re.match(r"^\S+:\d+: (error|warning|info) [a-z-]+: .+", line) for line in lines if ".yaml" in line)


def _stored(workspace: Path) -> tuple[dict[str, int], int, int]:
    """What the store holds: records by kind as loaded, rows in the records table, rows in the import log."""
    from sqlalchemy import text

    from pmo.config import load_settings
    from pmo.model import COLLECTIONS
    from pmo.store import Store

    store = Store.open(load_settings(workspace).database_url)
    try:
        project = store.load()
        with store.engine.connect() as connection:
            rows = connection.execute(text("SELECT COUNT(*) FROM records")).scalar_one()
        return {name: len(getattr(project, name)) for name, _ in COLLECTIONS}, rows, len(store.imports())
    finally:
        store.close()


def test_demo_twice_in_the_same_folder_is_idempotent(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("demo", "ws")
    first = json.loads(pmo_cmd("check", "--json", "--workspace", "ws", check=1).stdout)
    pmo_cmd("export", "--workspace", "ws", "first.yaml")
    counts = _stored(tmp_path / "ws")
    pmo_cmd("demo", "ws")
    second = json.loads(pmo_cmd("check", "--json", "--workspace", "ws", check=1).stdout)
    pmo_cmd("export", "--workspace", "ws", "second.yaml")
    assert [f["message"] for f in first] == [f["message"] for f in second]
    assert _stored(tmp_path / "ws") == counts  # nothing doubled: records, stored rows, the import log
    assert counts[0]["tasks"] > 100 and counts[2] > 0
    # The stored project, not only the findings: owners stay ids, nothing doubles. (The
    # snapshots differ by the time `pmo run` took them.)
    before, after = ((tmp_path / name).read_text(encoding="utf-8") for name in ("first.yaml", "second.yaml"))
    assert before.split("\nsnapshots:")[0] == after.split("\nsnapshots:")[0]
    assert "owner: tgarnier" in after and "owner: Thomas\n" not in after
