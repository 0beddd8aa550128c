"""`pmo checkin`: one check-in stored per person and day, replaced the same day, bad answers refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pmo.api import load_workspace
from pmo.config import load_settings
from pmo.model import CheckIn

PROJECT = """\
project: {key: ERP, name: ERP roll-out, status_date: 2026-06-15}
people:
  - {id: alex, name: Alex Lead, email: alex.lead@example.com, contact_every: 14, contact_for: the data migration}
  - {id: pat, name: Pat Manager}
"""


def _workspace(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("init", ".")
    (tmp_path / "project.yaml").write_text(PROJECT)
    pmo_cmd("import", "project.yaml")


def _checkins(tmp_path: Path) -> tuple[CheckIn, ...]:
    return load_workspace(load_settings(tmp_path)).checkins


def test_a_checkin_is_stored_and_replaced_the_same_day(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _workspace(pmo_cmd, tmp_path)
    done = pmo_cmd("checkin", "--person", "Alex Lead", "--date", "2026-06-12", "--stress", "4", "--confidence", "2",
                   "--workload", "5", "--blocker", "no test data", "--blocker", "VPN down",
                   "--constraint", "off on Fridays", "--comment", "tired")
    assert "Check-in of Alex Lead (alex) on 2026-06-12: stress 4, confidence 2, workload 5" in done.stdout
    assert "replaces" not in done.stdout
    [first] = _checkins(tmp_path)
    assert (first.person, first.date, first.stress, first.confidence, first.workload) == (
        "alex", dt.date(2026, 6, 12), 4, 2, 5)
    assert first.blockers == ("no test data", "VPN down") and first.constraints == ("off on Fridays",)
    assert first.comment == "tired"

    again = pmo_cmd("checkin", "--person", "alex.lead@example.com", "--date", "2026-06-12",
                    "--stress", "2", "--confidence", "4")
    assert "replaces the check-in of that day" in again.stdout
    [second] = _checkins(tmp_path)
    assert (second.stress, second.confidence, second.workload, second.blockers) == (2, 4, None, ())

    pmo_cmd("checkin", "--person", "pat", "--date", "2026-06-12", "--stress", "1", "--confidence", "5")
    pmo_cmd("checkin", "--person", "alex", "--date", "2026-06-13", "--stress", "3", "--confidence", "3")
    assert sorted((c.person, c.date.day) for c in _checkins(tmp_path)) == [("alex", 12), ("alex", 13), ("pat", 12)]
    # a re-import of the project file keeps the check-ins: they are units of their own
    pmo_cmd("import", "project.yaml")
    assert len(_checkins(tmp_path)) == 3


def test_bad_checkins_are_refused_and_store_nothing(pmo_cmd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _workspace(pmo_cmd, tmp_path)
    unknown = pmo_cmd("checkin", "--person", "Zoe", "--stress", "3", "--confidence", "3", check=2)
    assert "--person 'Zoe': no person of project ERP" in unknown.stderr and "alex" in unknown.stderr
    high = pmo_cmd("checkin", "--person", "alex", "--stress", "6", "--confidence", "3", check=2)
    assert "--stress 6: answer on a scale from 1 to 5" in high.stderr
    low = pmo_cmd("checkin", "--person", "alex", "--stress", "3", "--confidence", "0", check=2)
    assert "--confidence 0" in low.stderr
    workload = pmo_cmd("checkin", "--person", "alex", "--stress", "3", "--confidence", "3", "--workload", "9",
                       check=2)
    assert "--workload 9" in workload.stderr
    missing = pmo_cmd("checkin", "--person", "alex", "--stress", "3", check=2)
    assert "--confidence is required" in missing.stderr
    no_person = pmo_cmd("checkin", "--stress", "3", "--confidence", "3", check=2)
    assert "--person is required" in no_person.stderr
    bad_date = pmo_cmd("checkin", "--person", "alex", "--date", "12/06", "--stress", "3", "--confidence", "3",
                       check=2)
    assert "--date '12/06': not a date" in bad_date.stderr
    assert _checkins(tmp_path) == ()
