"""HTML, PDF and DOCX reports: same sections in order, real tables, no blank cell, charts or "NA (why)"."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import SimpleNamespace

import docx
import pytest
from pypdf import PdfReader

from pmo.engine.review.build import Review
from pmo.render.docx import render_docx, render_layout_docx
from pmo.render.html import render_html, render_layout_html
from pmo.render.layout import Report, layout
from pmo.render.pdf import render_layout_pdf, render_pdf
from pmo.render.report import render_report
from render.report_fixture import chart_review, sparse_review

SECTIONS = [
    "Executive summary",
    "Status by dimension",
    "This period",
    "Next period",
    "Ground feel",
    "Milestones",
    "Delays",
    "Recovery options",
    "Figures",
    "Top risks",
    "Top issues",
    "Decisions",
    "Assumptions",
    "Action plan",
    "Change requests",
    "Investigation ongoing",
    "Quality of the data",
    "Gantt chart",
    "Milestone trend",
    "Progress S-curve",
]
COLUMNS = {
    "Recovery options": ["Milestone", "Option", "Days recovered", "New forecast", "Cost", "Risk", "Assumptions",
                         "Recommended"],
    "Status by dimension": ["Dimension", "Status", "Rule that produced it"],
    "Next period": ["Date", "Kind", "Item", "Owner", "Status"],
    "Ground feel": ["Scope", "Level", "Trend", "Signals"],
    "Milestones": ["Milestone", "Owner", "Baseline", "Previous forecast", "Forecast", "P80", "Actual", "Variance",
                   "Status"],
    "Figures": ["Figure", "Value", "How it is computed"],
    "Top risks": ["Risk", "Owner", "P", "I", "Score", "Mitigation", "Status"],
    "Top issues": ["Issue", "Owner", "Priority", "Status", "Due", "Resolution"],
    "Decisions": ["Decision", "Status", "Date", "Decided by"],
    "Action plan": ["Action", "Owner", "Due", "Status", "Age", "Carried over"],
    "Change requests": ["Change", "Status", "Raised", "Impact"],
    "Investigation ongoing": ["Subject", "Field", "Who", "By", "Note"],
    "Quality of the data": ["Severity", "Code", "Finding", "Suggestion", "Source"],
}
PENDING = re.compile(r"Investigation ongoing \([^,()]+, by \d{4}-\d{2}-\d{2}\)")
NA = re.compile(r"NA \([^()]+\)")
BLANKS = {"", "-", "None", "nan", "null", "NaN"}


def assert_cell(text: str, where: str) -> None:
    """A cell says a value, "Investigation ongoing (who, by when)" or "NA (why)"."""
    assert text.strip() not in BLANKS, f"{where}: blank cell"
    if text.startswith("Investigation ongoing"):
        assert PENDING.fullmatch(text), f"{where}: {text!r} does not say who and by when"
    if text.startswith("NA"):
        assert NA.fullmatch(text), f"{where}: {text!r} does not say why"


@dataclass
class Page(HTMLParser):
    """What a reader sees in the HTML report: headings, tables, images and NA lines."""

    headings: list[str] = field(default_factory=list)
    tables: list[tuple[str, list[str], list[list[str]]]] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    na: list[str] = field(default_factory=list)
    _text: list[str] | None = None
    _tag: str = ""

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "th", "td", "p"):
            self._text, self._tag = [], tag
        if tag == "table":
            self.tables.append((self.headings[-1] if self.headings else "header", [], []))
        if tag == "tr":
            self.tables[-1][2].append([])
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")
        if tag == "p" and ("class", "na") not in attrs:
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._text is None or tag != self._tag:
            return
        text = re.sub(r"\s+", " ", "".join(self._text)).strip()
        if tag == "h2":
            self.headings.append(re.sub(r"^\d+ ?", "", text))
        elif tag == "th":
            self.tables[-1][1].append(text)
        elif tag == "td":
            self.tables[-1][2][-1].append(text)
        else:
            self.na.append(text)
        self._text = None


def parse_html(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module", params=["charts", "sparse"])
def review(request: pytest.FixtureRequest) -> Review:
    return chart_review() if request.param == "charts" else sparse_review()  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def report(review: Review) -> Report:
    return layout(review)


@pytest.fixture(scope="module")
def html(report: Report) -> str:
    return render_layout_html(report)


@pytest.fixture(scope="module")
def pdf_text(report: Report) -> tuple[str, PdfReader, bytes]:
    data = render_layout_pdf(report)
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader, data


def test_html_sections_are_in_order_with_their_columns(html: str) -> None:
    page = parse_html(html)
    assert page.headings == SECTIONS
    columns = {title: header for title, header, _ in page.tables if header}
    for title, expected in COLUMNS.items():
        if title in columns:
            assert columns[title] == expected, title
    assert "Status by dimension" in columns and "Figures" in columns


def test_html_has_no_blank_cell(html: str) -> None:
    page = parse_html(html)
    for title, header, rows in page.tables:
        for number, row in enumerate(rows):
            if not row:  # the header row
                continue
            assert len(row) == max(len(header), 2), f"{title} row {number}: {row}"
            for column, text in enumerate(row):
                assert_cell(text, f"{title} row {number} column {column}")
    for line in page.na:
        assert NA.fullmatch(line), line


def test_html_is_self_contained(html: str) -> None:
    assert "<style>" in html and "<link" not in html and "<script" not in html
    assert re.findall(r'src="([^"]+)"', html) == [
        s for s in re.findall(r'src="([^"]+)"', html) if s.startswith("data:")
    ]
    assert "@page" in html and "size: A4" in html and "table-header-group" in html


def test_charts_are_images_or_na(html: str, report: Report) -> None:
    page = parse_html(html)
    drawn = [s for s in report.sections if s.chart]
    assert len(page.images) == len(drawn)
    assert all(src.startswith("data:image/png;base64,") for src in page.images)
    missing = [s.na for s in report.sections if s.key in ("gantt", "trend", "curve") and not s.chart]
    assert set(missing) <= set(page.na)


def test_the_chart_review_draws_every_chart_and_the_sparse_one_says_why(review: Review, report: Report) -> None:
    drawn = [s.key for s in report.sections if s.chart]
    sections = {s.key: s for s in report.sections}
    if review.curve:
        assert drawn == ["gantt", "trend", "curve"]
    else:
        assert sections["this"].na.startswith("NA (") and sections["curve"].na.startswith("NA (")


def test_html_escapes_the_source_text(report: Report) -> None:
    html = render_layout_html(dataclasses.replace(report, project="<b>R&D</b>"))
    assert "&lt;b&gt;R&amp;D&lt;/b&gt;" in html and "<b>R&D</b>" not in html


def test_pdf_is_a4_with_every_section_in_order(pdf_text: tuple[str, PdfReader, bytes]) -> None:
    text, reader, _ = pdf_text
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)
    flat = re.sub(r"\s+", " ", text)
    at = 0
    for number, title in enumerate(SECTIONS, start=1):
        found = flat.find(f"{number} {title}", at)
        assert found >= 0, f"section {number} {title} missing or out of order"
        at = found
    assert re.search(r"Page 1 of \d+", flat)
    assert not re.search(r"\b(None|nan|null)\b", flat)


def test_pdf_shows_every_cell_of_the_html(html: str, pdf_text: tuple[str, PdfReader, bytes]) -> None:
    pdf_words = set(re.sub(r"-\n", "-", pdf_text[0]).split())
    page = parse_html(html)
    for title, _, rows in page.tables:
        for row in rows:
            for text in row:
                missing = [w for w in text.split() if w not in pdf_words and len(w) < 20]
                assert not missing, f"{title}: {text!r} lost {missing} in the PDF"


def test_docx_has_headings_real_tables_and_no_blank_cell(review: Review, report: Report) -> None:
    document = docx.Document(io.BytesIO(render_layout_docx(report, review.as_of)))
    headings = [
        re.sub(r"^\d+\s+", "", p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings == SECTIONS
    band, fields, *tables = document.tables
    assert report.project in band.rows[0].cells[0].text
    for row in fields.rows:
        assert_cell(row.cells[1].text, f"header {row.cells[0].text}")
    expected = [s.table.columns for s in report.sections if s.table]
    assert [tuple(c.text.capitalize() for c in t.rows[0].cells) for t in tables] == [
        tuple(c.upper().capitalize() for c in cols) for cols in expected
    ]
    for table in tables:
        assert table.rows[0]._tr.xml.count("w:tblHeader") == 1, "the header row repeats on every page"
        for number, row in enumerate(table.rows[1:], start=1):
            for cell in row.cells:
                assert_cell(cell.text, f"{table.rows[0].cells[0].text} row {number}")
    pictures = [s for s in document.inline_shapes]
    assert len(pictures) == len([s for s in report.sections if s.chart])


def test_every_format_is_deterministic_and_the_public_functions_agree(review: Review, report: Report) -> None:
    assert render_html(review) == render_layout_html(report)
    assert render_docx(review) == render_layout_docx(report, review.as_of)


def test_render_pdf_is_deterministic(
    review: Review, pdf_text: tuple[str, PdfReader, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = pdf_text[2]
    assert data.startswith(b"%PDF-") and b"/CreationDate" not in data and b"/ModDate" not in data
    if review.curve:  # render once more for one review only: WeasyPrint is slow
        # an hour later: without HarfBuzz-Subset, fontTools stamps each subset font with its clock
        from fontTools.misc import timeTools

        later = time.time() + 3600
        monkeypatch.setattr(timeTools, "time", SimpleNamespace(time=lambda: later))
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        assert render_pdf(review) == data
        assert "SOURCE_DATE_EPOCH" not in os.environ  # set while printing only


def test_render_report_gives_each_format_asked_in_order(review: Review, html: str) -> None:
    documents = render_report(review, ["docx", "html", "md"], stem="r")
    charts = [key for key in documents if key.endswith(".png")]
    assert list(documents) == ["docx", "html", "md", *charts]
    for key in charts:  # the Markdown links each chart it drew, by the file name write_report gives it
        assert f"](r.{key})" in str(documents["md"]) and bytes(documents[key]).startswith(b"\x89PNG")
    assert documents["html"] == html and isinstance(documents["docx"], bytes)
    assert isinstance(documents["md"], str) and documents["md"].startswith("# Status report")
    with pytest.raises(ValueError, match="'odt'"):
        render_report(review, ["odt"])
