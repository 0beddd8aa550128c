"""The pack and the exports: the status report in every format, `pmo run`, the demo, `pmo export`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pmo.api.imports import import_paths
from pmo.api.workspace import open_store, review
from pmo.config import create_workspace, load_settings
from pmo.engine.review.build import Review, review_snapshot
from pmo.errors import InputError

# The readers (icalendar, lxml, ruamel...) and the store (SQLAlchemy) are imported by the
# functions that use them, so `pmo check` loads no reader and `import pmo.api` stays light.
if TYPE_CHECKING:  # for annotations only

    from pmo.store import Store


REPORT_FORMATS = ("md", "html", "pdf", "docx")


def write_report(review: Review, out: Path, formats: Sequence[str] = REPORT_FORMATS) -> list[Path]:
    """Write the status report in each format into `out`; returns the files written."""
    unknown = [fmt for fmt in formats if fmt not in REPORT_FORMATS]
    if unknown:
        raise InputError(f"unknown report format {unknown[0]!r} (known: {', '.join(REPORT_FORMATS)})")
    from pmo.render.report import render_report

    out.mkdir(parents=True, exist_ok=True)
    written = []
    stem = f"status-report-{review.project.key}-{review.as_of.isoformat()}"
    for fmt, document in render_report(review, formats, stem).items():
        path = out / f"{stem}.{fmt}"
        if isinstance(document, str):
            path.write_text(document, encoding="utf-8")
        else:
            path.write_bytes(document)
        written.append(path)
    return written


def write_preparation(review: Review, folder: Path) -> list[Path]:
    """From T-5 working days before a steering committee to its day: `prep/checklist.md` (its
    preparation steps and their states) and `prep/requests/<person id>.md` (one short text per
    owner: what is needed from them, by the data freeze). Nothing otherwise."""
    from pmo.engine.anticipate.prep import checklist_markdown, input_requests, pack_due

    project, as_of = review.project, review.as_of
    prep = pack_due(project, as_of)
    if prep is None:
        return []
    out = folder / "prep"
    (out / "requests").mkdir(parents=True, exist_ok=True)
    checklist = out / "checklist.md"
    checklist.write_text(checklist_markdown(project, [prep], as_of), encoding="utf-8")
    written = [checklist]
    for person_id, text in input_requests(project, prep, as_of, review.forecasts).items():
        path = out / "requests" / f"{person_id}.md"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


@dataclass(frozen=True)
class Pack:
    """What `pmo run` produced: the folder, the files, the review."""

    folder: Path
    files: tuple[Path, ...]
    review: Review
    skipped: tuple[str, ...] = ()


def run_cycle(
    store: Store, project_key: str | None, as_of: dt.date | None, out: Path, root: Path | None = None
) -> Pack:
    """The whole cycle: review, snapshot, then every output into one dated folder.

    Every format is written; the PDF is left out (and `Pack.skipped` says why) when this
    machine cannot make PDFs. Within five working days before a steering committee the
    draft deck is written too (`deck.pptx`, see api/deck.py).
    """
    from pmo.render.pdf import pdf_available

    project = store.load(project_key)
    result = review(project, as_of, store, root)
    folder = out / f"{project.key}-{result.as_of.isoformat()}"
    problem = pdf_available()
    formats = [fmt for fmt in REPORT_FORMATS if fmt != "pdf" or problem is None]
    files = write_report(result, folder, formats)
    findings_path = folder / "findings.json"
    findings_path.write_text(
        json.dumps([f.as_json() for f in result.findings], indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    files.append(findings_path)
    from pmo.engine.review.codec import review_to_json

    review_path = folder / "review.json"  # the whole Review, for other tools (docs/review.md)
    review_path.write_text(json.dumps(review_to_json(result), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    files.append(review_path)
    files += write_preparation(result, folder)
    from pmo.api.deck import draft_deck

    deck, no_deck = draft_deck(result, folder, root)  # from T-5 before a steering committee
    files.extend([deck] if deck is not None else [])
    store.put_snapshot(review_snapshot(result, dt.datetime.now(dt.UTC)))
    skipped = ((f"pdf: {problem}",) if problem else ()) + ((no_deck,) if no_deck else ())
    return Pack(folder, tuple(files), result, skipped)


def demo_source() -> Path:
    """The demo workspace shipped inside the package (pmo/examples/demo), in a checkout and in a wheel."""
    return Path(str(resources.files("pmo") / "examples" / "demo"))


def make_demo(folder: Path) -> Pack:
    """Create a workspace from the demo, import it, run the cycle at its status date."""
    source = demo_source()
    if not source.is_dir():
        raise InputError(f"the demo files are missing ({source}): reinstall pmo")
    create_workspace(folder)
    data = folder / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(source, data)
    settings = load_settings(folder)
    store = open_store(settings)
    try:
        import_paths(store, [data])
        return run_cycle(store, None, None, settings.out, settings.workspace)
    finally:
        store.close()


EXPORT_FORMATS = {
    ".yaml": "native YAML",
    ".yml": "native YAML",
    ".xml": "MS Project XML",
    ".xlsx": "action plan and RAID",
}


def export_project(store: Store, project_key: str | None, path: Path) -> None:
    """Write the project to `path` in the format its extension names (see `EXPORT_FORMATS`)."""
    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        known = ", ".join(f"{ext} ({what})" for ext, what in EXPORT_FORMATS.items())
        raise InputError(f"{path}: pmo exports to {known}")
    project = store.load(project_key)
    if suffix == ".xml":
        from pmo.exports.mspdi import write_mspdi

        write_mspdi(project, path)
    elif suffix == ".xlsx":
        from pmo.exports.xlsx import write_registers

        write_registers(project, path)
    else:
        from pmo.sources.native import write_native

        write_native(project, path, tuple(store.snapshots(project.key)))
