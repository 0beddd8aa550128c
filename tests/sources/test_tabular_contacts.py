"""Points of contact from a people sheet: "Contact for" and a cadence column read into days."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmo.sources.base import ReadContext
from pmo.sources.cadence import cadence_days
from pmo.sources.tabular.reader import TabularReader


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("weekly", 7),
        ("Every 2 weeks", 14),
        ("fortnightly", 14),
        ("biweekly", 14),
        ("toutes les deux semaines", 14),
        ("Alle zwei Wochen", 14),
        ("monthly", 30),
        ("Mensuel", 30),
        ("monatlich", 30),
        ("daily", 1),
        ("every 10 days", 10),
        ("every 3 weeks", 21),
        ("tous les 15 jours", 14),
        ("12", 12),
        (21.0, 21),
        ("hebdomadaire", 7),
    ],
)
def test_cadence_words_become_days(text: object, days: int) -> None:
    assert cadence_days(text) == days


@pytest.mark.parametrize("text", ["whenever", "every banana", "0", "-3", "sometimes weekly", True])
def test_an_unreadable_cadence_is_none(text: object) -> None:
    assert cadence_days(text) is None


def test_a_people_sheet_gives_contact_for_and_cadence(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Email,Role,Team,Contact for,Cadence\n"
        "Ann Martin,ann@x.test,Finance lead,Finance,budget sign-off,every 2 weeks\n"
        "Bob Stone,bob@x.test,Architect,IT,,whenever we can\n"
        "Eve Roux,eve@x.test,Sponsor,Board,,\n",
        encoding="utf-8",
    )
    result = TabularReader().read(path, ReadContext())
    people = {p.name: p for p in result.project.people}
    assert people["Ann Martin"].contact_for == "budget sign-off"
    assert people["Ann Martin"].contact_every == 14
    assert people["Bob Stone"].contact_every is None and people["Bob Stone"].team == "IT"  # row kept
    assert people["Eve Roux"].contact_every is None and people["Eve Roux"].contact_for == ""
    skipped = [f for f in result.findings if f.code == "import-skipped"]
    assert len(skipped) == 1
    assert "F3" in skipped[0].message and "whenever we can" in skipped[0].message


@pytest.mark.parametrize(
    ("header_for", "header_cadence", "value", "days"),
    [
        ("Point of contact for", "Meet every", "weekly", 7),
        ("Interlocuteur pour", "Fréquence", "toutes les deux semaines", 14),
        ("Ansprechpartner für", "Rhythmus", "monatlich", 30),
        ("Contact for", "Frequency", "fortnightly", 14),
    ],
)
def test_contact_headers_in_three_languages(
    tmp_path: Path, header_for: str, header_cadence: str, value: str, days: int
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(f"Name,Email,{header_for},{header_cadence}\nAnn Martin,ann@x.test,the data migration,{value}\n",
                    encoding="utf-8")
    result = TabularReader().read(path, ReadContext())
    (person,) = result.project.people
    assert (person.contact_for, person.contact_every) == ("the data migration", days)
    assert not [f for f in result.findings if f.code.startswith("import-column")]
