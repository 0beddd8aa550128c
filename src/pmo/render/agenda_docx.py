"""A draft agenda as a Word document (python-docx): a heading per section, the preparation checklist
as a table. Deterministic: fixed document properties and fixed dates inside the ZIP."""

from __future__ import annotations

import datetime as dt
import io

from pmo.engine.agenda import Agenda, agenda_heading, agenda_sections
from pmo.engine.anticipate.prep import checklist_rows, freeze_text
from pmo.model import Project
from pmo.render.docx import _fixed_zip, _repeat_header, _rules, _shade

HEAD = "F0F4F8"


def render_agenda_docx(project: Project, agenda: Agenda) -> bytes:
    """The agenda's DOCX bytes: the same sections as `agenda_markdown`, every table cell written."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.add_heading(agenda_heading(agenda), level=0)
    if agenda.meeting_id:
        document.add_paragraph(f"Meeting {agenda.meeting_id}.")
    for heading, items in agenda_sections(project, agenda):
        document.add_heading(heading, level=1)
        for item in items:
            document.add_paragraph(item, style="List Bullet")
    if agenda.preparation is not None:
        prep = agenda.preparation
        document.add_heading("Preparation", level=1)
        document.add_paragraph(f"Inputs needed by {freeze_text(prep)}.")
        rows = checklist_rows(project, prep)
        table = document.add_table(rows=len(rows) + 1, cols=4)
        _rules(table)
        _repeat_header(table.rows[0])
        for cell, name in zip(table.rows[0].cells, ("Step", "Owner", "Due", "State"), strict=True):
            _shade(cell, HEAD)
            run = cell.paragraphs[0].add_run(name)
            run.bold = True
            run.font.size = Pt(9)
        for row, cells in zip(table.rows[1:], rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.paragraphs[0].add_run(text).font.size = Pt(9)
    moment = dt.datetime.combine(agenda.date, dt.time(), tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = f"Agenda: {agenda_heading(agenda)}"
    properties.author = properties.last_modified_by = "pmo"
    properties.created = properties.modified = properties.last_printed = moment
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), agenda.date)
