"""Write plan.xlsx of this folder (run once; the file is kept in the repository)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook


def main() -> None:
    book = Workbook()
    plan = book.active
    assert plan is not None
    plan.title = "Plan"
    plan.append(["WMS — Warehouse rollout"])
    plan.append([])
    plan.append(["ID", "Task Name", "Start", "Finish", "Resource Names"])
    plan.append([1, "Site survey", dt.date(2026, 6, 1), dt.date(2026, 6, 12), "Ann Martin"])
    plan.append([2, "Scanner roll-out", dt.date(2026, 6, 15), dt.date(2026, 7, 3), "Thomas Garnier"])
    plan.append([3, "Go-live", dt.date(2026, 7, 6), dt.date(2026, 7, 6), "Lea"])
    people = book.create_sheet("Contacts")
    people.append(["First Name", "Last Name", "Email", "Role"])
    people.append(["Ann", "Martin", "ann.martin@wms.test", "Project manager"])
    people.append(["Thomas", "Garnier", "", "Vendor lead"])
    people.append(["Lea", "Roux", "lea.roux@wms.test", "Warehouse lead"])
    book.save(Path(__file__).with_name("plan.xlsx"))


if __name__ == "__main__":
    main()
