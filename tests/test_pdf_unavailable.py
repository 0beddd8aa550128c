"""Without WeasyPrint's system libraries the pack is still written, minus the PDF, and says why."""

from __future__ import annotations

from pathlib import Path

import pytest

import pmo.render.pdf as pdf
from pmo.api import import_paths, run_cycle, write_report
from pmo.store import Store

PLAN = "project: {key: P, name: Pack, status_date: 2026-06-15, manager: pat}\npeople:\n  - {id: pat, name: Pat}\n"


def test_the_pack_leaves_the_pdf_out_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "pdf_available", lambda: "the PDF report needs WeasyPrint and the Pango libraries")
    store = Store.open(f"sqlite:///{tmp_path / 'pmo.db'}")
    (tmp_path / "p.yaml").write_text(PLAN)
    import_paths(store, [tmp_path / "p.yaml"])
    pack = run_cycle(store, None, None, tmp_path / "out")
    store.close()
    suffixes = {path.suffix for path in pack.files}
    assert ".pdf" not in suffixes and {".md", ".html", ".docx", ".json"} <= suffixes
    assert pack.skipped == ("pdf: the PDF report needs WeasyPrint and the Pango libraries",)
    with pytest.raises(pdf.PdfUnavailable, match="Pango"):
        write_report(pack.review, tmp_path / "again", ["pdf"])
