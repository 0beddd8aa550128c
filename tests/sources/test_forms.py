"""Google Forms and Microsoft Forms exports imported as check-ins (docs/formats/forms.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
from pathlib import Path

import pytest

from pmo import api
from pmo.config import load_settings
from pmo.errors import FormatError
from pmo.sources import detect
from pmo.sources.base import ReadContext
from pmo.sources.forms.questions import question_field, recognise
from pmo.sources.forms.reader import read_forms, score, timestamp_date

DATA = Path(__file__).resolve().parents[1] / "data" / "forms"
GOOGLE = DATA / "google-checkins.csv"
MSFORMS = DATA / "msforms-checkins.xlsx"
PLAN = (
    "project: {key: ERP, name: ERP rollout, status_date: 2026-06-15}\n"
    "people:\n"
    "  - {id: ann, name: Ann Lee, email: ann@example.com}\n"
    "  - {id: bob, name: Bob Martin, email: bob@example.com}\n"
)
GOOGLE_HEADER = (
    '"Timestamp","Email Address","How stressed do you feel? (1-5)","Confidence in your dates (1-5)",'
    '"Workload (1-5)","Blockers"\n'
)


def _builder():  # the fixture script, imported from its file
    spec = importlib.util.spec_from_file_location("make_msforms", DATA / "make_msforms.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fixture_script_rebuilds_the_workbook_it_keeps(tmp_path: Path) -> None:
    rebuilt = _builder().build(tmp_path / "rebuilt.xlsx")
    ours = read_forms(rebuilt).project.checkins
    kept = read_forms(MSFORMS).project.checkins
    assert [(c.person, c.date, c.stress, c.blockers) for c in ours] == [
        (c.person, c.date, c.stress, c.blockers) for c in kept
    ]


@pytest.mark.parametrize("path", [GOOGLE, MSFORMS], ids=["google-csv", "msforms-xlsx"])
def test_form_exports_are_recognised_before_the_spreadsheet_reader(path: Path) -> None:
    assert detect(path).name == "forms"


def test_a_plain_register_csv_is_not_a_form(tmp_path: Path) -> None:
    sheet = tmp_path / "actions.csv"
    sheet.write_text("ID,Action,Owner,Due\nA1,Send minutes,Ann,2026-06-10\n")
    assert detect(sheet).name == "tabular"
    other_form = tmp_path / "lunch.csv"
    other_form.write_text("Timestamp,Email Address,Favourite dish\n2026/06/15 9:12:45 AM GMT+2,a@b.c,Soup\n")
    assert detect(other_form).name == "tabular"


def test_google_answers_become_check_ins() -> None:
    result = read_forms(GOOGLE)
    ann, bob, ann_later = result.project.checkins
    assert (ann.person, ann.date, ann.stress, ann.confidence, ann.workload) == (
        "Ann Lee <ann@example.com>", dt.date(2026, 6, 15), 2, 4, 3)
    assert ann.blockers == ()  # "None" is no blocker
    assert bob.blockers == ("Waiting for the test environment", "Supplier spec not signed")
    assert bob.constraints == ("Off on 2026-06-22",)
    assert bob.workload == 5 and bob.comment == "Could we move the demo?"
    assert ann_later.date == dt.date(2026, 6, 22) and ann_later.source.line == 5  # after a two-line answer
    assert ann.source.key == "Email Address"


def test_msforms_answers_become_check_ins_with_excel_dates() -> None:
    ann, bob = read_forms(MSFORMS).project.checkins
    assert ann.date == dt.date(2026, 6, 15) and bob.date == dt.date(2026, 6, 16)  # completion time
    assert (bob.stress, bob.confidence, bob.workload) == (5, 1, 5)
    assert bob.blockers == ("Environnement de test indisponible", "Spécification fournisseur non signée")
    assert bob.source.line == 3


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("How stressed do you feel this week?", "stress"),
        ("Niveau de stress", "stress"),
        ("Wie zuversichtlich sind Sie bei Ihren Terminen?", "confidence"),
        ("Confiance dans vos dates (1-5)", "confidence"),
        ("Arbeitslast", "workload"),
        ("Charge de travail", "workload"),
        ("Blocages", "blockers"),
        ("Gibt es Blocker?", "blockers"),
        ("Contraintes à venir", "constraints"),
        ("Anything else?", "comment"),
        ("Favourite dish", None),
    ],
)
def test_question_columns_are_recognised_by_their_words(header: str, field: str | None) -> None:
    assert question_field(header) == field


def test_a_column_map_names_any_other_question(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text('"Horodateur","Adresse e-mail","Ressenti"\n"15/06/2026 09:12:45","ann@example.com","4"\n')
    assert recognise(["Horodateur", "Adresse e-mail", "Ressenti"], {}) is None
    context = ReadContext(options={"map": "Ressenti=stress,Porteur=owner"})
    (checkin,) = read_forms(path, context).project.checkins
    assert (checkin.stress, checkin.date) == (4, dt.date(2026, 6, 15))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026/06/15 9:12:45 AM GMT+2", dt.date(2026, 6, 15)), ("2026/06/15 11:59:59 PM GMT-5", dt.date(2026, 6, 15)),
     ("15/06/2026 09:12:45", dt.date(2026, 6, 15)), (dt.datetime(2026, 6, 15, 23, 0), dt.date(2026, 6, 15)),
     (46188.4, dt.date(2026, 6, 15))],
)
def test_timestamps_give_the_date_as_written(text: object, expected: dt.date) -> None:
    assert timestamp_date(text) == expected


@pytest.mark.parametrize(("value", "expected"), [("4", 4), (4, 4), (4.0, 4), ("4 - high", 4), ("2 – faible", 2),
                                                 ("High", 4), ("", None), (None, None)])
def test_scores_read_numbers_and_labels(value: object, expected: int | None) -> None:
    assert score(value) == expected


@pytest.mark.parametrize("value", ["0", "6", 7, "9 - extreme", "lots"])
def test_scores_out_of_range_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        score(value)


def test_a_bad_value_names_file_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text(GOOGLE_HEADER + '"2026/06/15 9:12:45 AM GMT+2","ann@example.com","2","4","3",""\n'
                    '"2026/06/16 9:12:45 AM GMT+2","bob@example.com","7","4","3",""\n')
    with pytest.raises(FormatError) as caught:
        read_forms(path)
    assert caught.value.file == str(path) and caught.value.line == 3
    assert "column 'How stressed do you feel? (1-5)'" in caught.value.message and "'7'" in caught.value.message


def _workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    api.init_workspace(folder)
    (tmp_path / "plan.yaml").write_text(PLAN)
    with api.workspace_store(load_settings(folder)) as store:
        api.import_paths(store, [tmp_path / "plan.yaml"])
    return folder


def _database(folder: Path) -> bytes:
    found = sorted(folder.rglob("*.db"))
    assert found, "the workspace keeps a SQLite database"
    return b"".join(hashlib.sha256(p.read_bytes()).digest() for p in found)


def test_both_exports_import_into_a_workspace(tmp_path: Path) -> None:
    folder = _workspace(tmp_path)
    with api.workspace_store(load_settings(folder)) as store:
        done, _ = api.import_paths(store, [GOOGLE, MSFORMS])
        project = store.load()
    assert [d.reader for d in done] == ["forms", "forms"]
    people = {(c.person, c.date) for c in project.checkins}
    assert ("bob", dt.date(2026, 6, 16)) in people and ("ann", dt.date(2026, 6, 22)) in people
    assert len(project.checkins) == 4  # Ann answered both forms on 2026-06-15: one check-in that day


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ('"2026/06/16 9:12:45 AM GMT+2","bob@example.com","6","4","3",""', "column 'How stressed do you feel? (1-5)'"),
        ('"2026/06/16 9:12:45 AM GMT+2","eve@example.com","2","4","3",""', "column 'Email Address'"),
    ],
    ids=["out-of-range", "unknown-person"],
)
def test_a_bad_row_imports_nothing_of_the_import(tmp_path: Path, row: str, where: str) -> None:
    folder = _workspace(tmp_path)
    path = tmp_path / "form.csv"
    path.write_text(GOOGLE_HEADER + '"2026/06/15 9:12:45 AM GMT+2","ann@example.com","2","4","3","x"\n' + row + "\n")
    before = _database(folder)
    with api.workspace_store(load_settings(folder)) as store:
        with pytest.raises(FormatError) as caught:
            api.import_paths(store, [GOOGLE, path])
        assert store.load().checkins == ()
    assert caught.value.file == str(path) and caught.value.line == 3
    assert "row 3" in caught.value.message and where in caught.value.message
    assert _database(folder) == before


def test_a_respondent_added_by_the_same_import_is_known(tmp_path: Path) -> None:
    folder = _workspace(tmp_path)
    team = tmp_path / "team.csv"
    team.write_text("Name,Email\nEve Stone,eve@example.com\n")
    path = tmp_path / "form.csv"
    path.write_text(GOOGLE_HEADER + '"2026/06/16 9:12:45 AM GMT+2","eve@example.com","2","4","3",""\n')
    with api.workspace_store(load_settings(folder)) as store:
        api.import_paths(store, [path, team])
        project = store.load()
    (checkin,) = project.checkins
    assert project.person(checkin.person) is not None and project.person(checkin.person).name == "Eve Stone"


@pytest.mark.parametrize("path", [GOOGLE, MSFORMS], ids=["google-csv", "msforms-xlsx"])
def test_fixture_matches_its_golden(path: Path) -> None:
    from golden_support import assert_golden, dump_result

    text = dump_result(read_forms(path), DATA)
    assert_golden(text, DATA / "golden" / f"{path.name}.json")
