"""Writes msforms-checkins.xlsx: a Microsoft Forms download as Forms builds it.

Columns ``ID``, ``Start time``, ``Completion time``, ``Email``, ``Name``, then one column per
question; times are Excel date cells. Run from this folder: ``python make_msforms.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HEADER = (
    "ID", "Start time", "Completion time", "Email", "Name",
    "Niveau de stress cette semaine", "Confiance dans vos dates", "Charge de travail",
    "Blocages", "Contraintes", "Commentaires",
)
ROWS = (
    (1, dt.datetime(2026, 6, 15, 8, 58, 2), dt.datetime(2026, 6, 15, 9, 1, 40), "ann@example.com", "Ann Lee",
     2, 4, 3, "", "", ""),
    (2, dt.datetime(2026, 6, 16, 14, 2, 11), dt.datetime(2026, 6, 16, 14, 6, 59), "bob@example.com", "Bob Martin",
     5, 1, 5, "Environnement de test indisponible; Spécification fournisseur non signée", "Congés le 22/06",
     "Je suis seul sur l'interface"),
)


def build(path: Path, rows: tuple[tuple[object, ...], ...] = ROWS) -> Path:
    """Write the workbook (sheet ``Sheet1``, date cells formatted as Forms does) to `path`."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for column in ("B", "C"):
        for cell in sheet[column][1:]:
            cell.number_format = "m/d/yy h:mm:ss"
    book.save(path)
    return path


if __name__ == "__main__":
    build(Path(__file__).with_name("msforms-checkins.xlsx"))
