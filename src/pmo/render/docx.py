"""The status report as a Word document (python-docx): headings, real tables, charts as pictures.

It lays out the same `Report` as the HTML and PDF, section for section. Tables have a
header row that repeats on every page; RAG cells are shaded in their colour. The file
is deterministic: fixed document properties and fixed dates inside the ZIP.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from pmo.engine.review.build import Review
from pmo.render.layout import Report, Section, Table, Td, layout

WIDTH_CM = 17.8
FONT = "Calibri"
NAVY, RULE, HEAD = "1D3557", "D9E2EC", "F0F4F8"
FILLS = {"green": "2E7D32", "amber": "E9A100", "red": "C62828", "na": "9AA5B1"}
INKS = {"red": "B71C1C", "amber": "A05A00", "green": "2E7D32", "na": "7B8794", "pending": "8A5A00"}


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _rules(table: Any, colour: str = RULE) -> None:
    """Light horizontal rules only, as in the HTML report."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        visible = edge in ("bottom", "insideH")
        element.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), colour)
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _write(cell: Any, td: Td, *, size: float = 8.5, bold: bool = False, badge: bool = False) -> None:
    from docx.shared import Pt, RGBColor

    run = cell.paragraphs[0].add_run(td.text)
    run.font.size = Pt(size)
    run.bold = bold or td.tone in ("red", "amber") or badge
    if badge and td.tone in FILLS and td.tone != "na":
        _shade(cell, FILLS[td.tone])
        run.font.color.rgb = RGBColor.from_string("1F2933" if td.tone == "amber" else "FFFFFF")
    elif td.tone in INKS:
        run.font.color.rgb = RGBColor.from_string(INKS[td.tone])
        run.italic = td.tone == "na"
    elif td.tone == "code":
        run.font.name = "Consolas"
        run.font.size = Pt(7.5)
    elif td.tone == "source":
        run.font.size = Pt(7)
        run.font.color.rgb = RGBColor.from_string("52606D")


def _table(document: Any, table: Table, badge_column: int = -1, header: bool = True) -> None:
    from docx.shared import Cm, Pt, RGBColor

    rows = len(table.rows) + (1 if header else 0)
    grid = document.add_table(rows=rows, cols=len(table.columns))
    grid.autofit = False
    _rules(grid)
    widths = table.widths or tuple(100 / len(table.columns) for _ in table.columns)
    total = sum(widths)
    cms = [Cm(WIDTH_CM * w / total) for w in widths]
    for column, width in zip(grid.columns, cms, strict=True):
        column.width = width  # the table grid: LibreOffice (and Word on reflow) size columns from it
    if header:
        first = grid.rows[0]
        _repeat_header(first)
        for cell, name, width in zip(first.cells, table.columns, cms, strict=True):
            cell.width = width
            _shade(cell, HEAD)
            run = cell.paragraphs[0].add_run(name.upper())
            run.bold = True
            run.font.size = Pt(7.5)
            run.font.color.rgb = RGBColor.from_string("52606D")
    for row, values in zip(grid.rows[1 if header else 0 :], table.rows, strict=True):
        for index, (cell, value, width) in enumerate(zip(row.cells, values, cms, strict=True)):
            cell.width = width
            _write(cell, value, badge=index == badge_column, bold=not header and index == 0)


def _small(document: Any, text: str, italic: bool = True) -> None:
    from docx.shared import Pt, RGBColor

    run = document.add_paragraph().add_run(text)
    run.italic = italic
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor.from_string("52606D")


def _band(document: Any, report: Report) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    band = document.add_table(rows=1, cols=2)
    band.autofit = False
    left, right = band.rows[0].cells
    for cell, width in ((left, 12.8), (right, 5.0)):
        cell.width = Cm(width)
        _shade(cell, NAVY)
    kicker = left.paragraphs[0].add_run(f"{report.title.upper()} · {report.key}")
    kicker.font.size = Pt(8)
    kicker.font.color.rgb = RGBColor.from_string("A8C5DD")
    name = left.add_paragraph().add_run(report.project)
    name.bold = True
    name.font.size = Pt(15)
    name.font.color.rgb = RGBColor.from_string("FFFFFF")
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    label = right.paragraphs[0].add_run("STATUS DATE")
    label.font.size = Pt(8)
    label.font.color.rgb = RGBColor.from_string("A8C5DD")
    date = right.add_paragraph()
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = date.add_run(report.as_of)
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor.from_string("FFFFFF")
    overall = right.add_paragraph()
    overall.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = overall.add_run(f"Overall: {report.rating.text}")
    run.bold = True
    run.font.size = Pt(10)
    run.font.color.rgb = RGBColor.from_string(
        {"green": "7BD389", "amber": "FFC233", "red": "FF8A80"}.get(report.rating.tone, "FFFFFF")
    )


def _section(document: Any, number: int, section: Section) -> None:
    from docx.shared import Cm

    if section.new_page:
        document.add_page_break()
    document.add_heading(f"{number}  {section.title}", level=1)
    for line in section.lines:
        document.add_paragraph(line, style="List Bullet")
    if section.table:  # after the lines when a section has both (the delays, then their options)
        _table(document, section.table, badge_column=1 if section.key == "rag" else -1)
    elif section.chart and section.chart.png:
        document.add_picture(io.BytesIO(section.chart.png), width=Cm(WIDTH_CM - 0.8))
    elif not section.lines:
        _small(document, section.na)
    if section.note:
        _small(document, section.note)


def _setup(document: Any, report: Report, as_of: dt.date) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    page = document.sections[0]
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    page.left_margin = page.right_margin = Cm(1.6)
    page.top_margin, page.bottom_margin = Cm(1.5), Cm(1.6)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9.5)
    for level, size in ((1, 13), (2, 11)):
        heading = document.styles[f"Heading {level}"]
        heading.font.name = FONT
        heading.font.size = Pt(size)
        heading.font.color.rgb = RGBColor.from_string(NAVY)
        fonts = heading.element.rPr.rFonts
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font would win over FONT
    footer = page.footer.paragraphs[0]
    footer.text = f"{report.project} · status report {report.as_of}"
    footer.runs[0].font.size = Pt(7.5)
    moment = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = f"Status report: {report.project} ({report.key}), {report.as_of}"
    properties.author = properties.last_modified_by = report.author or "pmo"
    properties.created = properties.modified = properties.last_printed = moment
    properties.revision = 1
    properties.comments = "Prepared by pmo"


def _fixed_zip(data: bytes, when: dt.date) -> bytes:
    """The same ZIP with every entry dated `when`, so equal documents give equal bytes."""
    out = io.BytesIO()
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def render_layout_docx(report: Report, as_of: dt.date) -> bytes:
    """The DOCX of a report already laid out."""
    from docx import Document

    document = Document()
    _setup(document, report, as_of)
    _band(document, report)
    _table(document, report.header, header=False)
    for number, section in enumerate(report.sections, start=1):
        _section(document, number, section)
    _small(
        document,
        "Prepared by pmo from the project's own records. Every value is known, \"Investigation ongoing "
        '(who, by when)" or "NA (why)". RAG colours follow the rules shown in section 2.',
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), as_of)


def render_docx(review: Review) -> bytes:
    """The status report of a Review as DOCX bytes (A4)."""
    return render_layout_docx(layout(review), review.as_of)
