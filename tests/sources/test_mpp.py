"""The .mpp reader (MPXJ in a Java subprocess): the same model as the MSPDI twin, clear errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pmo.errors import FormatError
from pmo.exports.mspdi import write_mspdi
from pmo.model import COLLECTIONS, Project
from pmo.model.codec import encode
from pmo.sources import detect
from pmo.sources.mspdi import mpp as mpp_module
from pmo.sources.mspdi.mpp import OLE2_MAGIC, MppReader, convert_mpp, find_java, mpxj_jars, read_mpp
from pmo.sources.mspdi.reader import read_mspdi

ROOT = Path(__file__).resolve().parent.parent.parent
HANDMADE = ROOT / "tests" / "data" / "mspdi" / "handmade.xml"

needs_mpxj = pytest.mark.skipif(
    not (find_java() and mpxj_jars()), reason="needs Java and MPXJ (pip install 'pmo-copilot[mpp]')"
)

# .mpp and the MSPDI file MS Project (or MPXJ) saved from it
PAIRS = [
    ("mpp14baseline.mpp", "mpp14baseline.mpxj-mspdi.xml"),
    ("task-links-project2019-mpp14.mpp", "task-links-project2019-mspdi.xml"),
]


def records(project: Project) -> dict[str, list[dict[str, object]]]:
    return {name: [encode(r) for r in getattr(project, name)] for name, _ in COLLECTIONS}


def test_identify(tmp_path: Path) -> None:
    reader = MppReader()
    assert reader.identify(tmp_path / "plan.mpp", OLE2_MAGIC + b"\0" * 100)
    assert not reader.identify(tmp_path / "plan.mpp", b"PK\x03\x04")
    assert not reader.identify(tmp_path / "plan.xls", OLE2_MAGIC)


def test_without_java_the_error_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.mpp"
    path.write_bytes(OLE2_MAGIC)
    monkeypatch.setattr(mpp_module, "find_java", lambda: None)
    with pytest.raises(FormatError) as caught:
        read_mpp(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: reading .mpp files needs Java")
    assert "pip install 'pmo-copilot[mpp]'" in message and "apt-get install default-jre-headless" in message


def test_without_mpxj_the_error_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.mpp"
    path.write_bytes(OLE2_MAGIC)
    monkeypatch.setattr(mpp_module, "find_java", lambda: "/usr/bin/java")
    monkeypatch.setattr(mpp_module, "mpxj_jars", lambda: [])
    with pytest.raises(FormatError, match=r"needs MPXJ, which is not installed: install MPXJ with `pip install"):
        read_mpp(path)


def test_a_java_that_cannot_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.mpp"
    path.write_bytes(OLE2_MAGIC)
    monkeypatch.setenv("PMO_JAVA", str(tmp_path / "no-such-java"))
    monkeypatch.setenv("PMO_MPXJ_CLASSPATH", str(tmp_path / "mpxj.jar"))
    with pytest.raises(FormatError, match="cannot run Java"):
        read_mpp(path)


@needs_mpxj
def test_garbage_mpp_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.mpp"
    path.write_bytes(OLE2_MAGIC + b"\x00garbage" * 64)
    with pytest.raises(FormatError, match="MPXJ cannot read it") as caught:
        read_mpp(path)
    assert caught.value.file == str(path)


@needs_mpxj
@pytest.mark.slow
@pytest.mark.parametrize(("binary", "xml"), PAIRS)
def test_mpp_and_its_mspdi_twin_give_the_same_model(shared_data: Path, binary: str, xml: str) -> None:
    from_mpp = read_mpp(shared_data / "mpp" / binary)
    from_xml = read_mspdi(shared_data / "mpp" / xml)
    assert detect(shared_data / "mpp" / binary).name == "mpp"
    assert from_mpp.findings == from_xml.findings == ()
    mine, theirs = records(from_mpp.project), records(from_xml.project)
    if binary.startswith("task-links"):
        # The .mpp also holds the calendar of MS Project's hidden placeholder resource
        # ("Unnamed Resource"), which Project 2019 leaves out of the XML it saves.
        assert [c["name"] for c in mine["calendars"]] == ["Standard", "Unnamed Resource"]
        mine["calendars"] = mine["calendars"][:1]
    assert mine == theirs
    p, q = from_mpp.project, from_xml.project
    # The key comes from the file name (MPXJ names its XML "project.xml"); Project 2019
    # saved the XML without the .mpp's title and author (file properties).
    assert p.key == binary.removesuffix(".mpp")
    header = ("status_date", "start", "currency", "calendar", "manager")
    assert [getattr(p, f) for f in header] == [getattr(q, f) for f in header]
    if binary.startswith("mpp14"):
        assert (p.name, p.author) == (q.name, q.author) == ("MPP12BaselineTest-9", q.author)
    # records point at the .mpp, without lines (the XML in between was temporary)
    assert {t.source.file for t in p.tasks} == {str(shared_data / "mpp" / binary)}
    assert {t.source.line for t in p.tasks} == {None}


@needs_mpxj
def test_mpxj_reads_what_pmo_writes(tmp_path: Path) -> None:
    """MPXJ, an independent MSPDI reader, takes pmo's XML and gives back the same plan."""
    original = read_mspdi(HANDMADE).project
    ours, theirs = tmp_path / "ours.xml", tmp_path / "theirs.xml"
    write_mspdi(original, ours)
    convert_mpp(ours, theirs)  # MpxjConvert reads any format MPXJ knows, MSPDI included
    again = read_mspdi(theirs).project

    # MPXJ fills a remaining duration where none was given (and drops a zero one), and
    # gives resources their own calendars derived from the ones they named.
    def comparable(project: Project) -> Project:
        return dataclasses.replace(
            project,
            tasks=tuple(dataclasses.replace(t, remaining=None) for t in project.tasks),
            people=tuple(dataclasses.replace(p, calendar=None) for p in project.people),
            calendars=project.calendars[:3],
        )

    assert comparable(again) == comparable(original)
