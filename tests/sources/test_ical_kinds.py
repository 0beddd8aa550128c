"""Meeting kinds from titles in English, French and German, and the `kinds` override."""

from __future__ import annotations

import pytest

from pmo.errors import InputError
from pmo.model import MeetingKind
from pmo.sources.meeting_kinds import classify, parse_rules, rules_for

PROJECT, STEERING, ONE, WORKSHOP, ABSENCE, OTHER = (
    MeetingKind.PROJECT,
    MeetingKind.STEERING,
    MeetingKind.ONE_TO_ONE,
    MeetingKind.WORKSHOP,
    MeetingKind.ABSENCE,
    MeetingKind.OTHER,
)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        # English
        ("Weekly project meeting", PROJECT),
        ("ERP - project status", PROJECT),
        ("Daily stand-up", PROJECT),
        ("Steering Committee", STEERING),
        ("SteerCo Q3", STEERING),
        ("Steering committee #4 (ERP)", STEERING),
        ("1:1", ONE),
        ("Alice / Bob 1:1", ONE),
        ("One-on-one with Bob", ONE),
        ("Design workshop", WORKSHOP),
        ("Out of office", ABSENCE),
        ("OOO - dentist", ABSENCE),
        ("Absent", ABSENCE),
        ("Lunch", OTHER),
        ("Call at 11:15", OTHER),
        # French
        ("Point hebdo projet", PROJECT),
        ("Réunion projet ERP", PROJECT),
        ("Comité de pilotage", STEERING),
        ("COPIL n°3", STEERING),
        ("Entretien individuel", ONE),
        ("Atelier processus achats", WORKSHOP),
        ("Congés", ABSENCE),
        ("Absente (RTT)", ABSENCE),
        ("Déjeuner", OTHER),
        # German
        ("Projektbesprechung", PROJECT),
        ("Jour fixe Projekt", PROJECT),
        ("Lenkungsausschuss", STEERING),
        ("Lenkungskreis Q2", STEERING),
        ("Mitarbeitergespräch", ONE),
        ("Workshop Anforderungen", WORKSHOP),
        ("Urlaub", ABSENCE),
        ("Abwesend", ABSENCE),
        ("Außer Haus", ABSENCE),
        ("Mittagessen", OTHER),
    ],
)
def test_titles_in_three_languages(title: str, kind: MeetingKind) -> None:
    assert classify(title) is kind


def test_case_accents_and_spacing_do_not_matter() -> None:
    assert classify("COMITE   DE PILOTAGE") is STEERING
    assert classify("conges payes") is ABSENCE
    assert classify("projektbesprechung") is PROJECT


def test_categories_are_tried_after_the_title() -> None:
    assert classify("ERP #12", extra=["Steering committee"]) is STEERING
    assert classify("Workshop", extra=["Steering committee"]) is WORKSHOP


def test_user_rules_come_first() -> None:
    rules = rules_for({"kinds": r"^revue mensuelle=steering-committee;daily=other;comit[eé]=project"})
    assert classify("Revue mensuelle ERP", rules) is STEERING
    assert classify("Daily stand-up", rules) is OTHER
    assert classify("Comité de pilotage", rules) is PROJECT  # the user's accent-folded regex
    assert classify("Urlaub", rules) is ABSENCE  # built-ins still apply after


def test_rule_syntax_escapes_and_kind_names() -> None:
    (rule,) = parse_rules(r"a\;b=1:1")
    assert rule.kind is ONE and rule.pattern.pattern == "a;b"
    assert [r.kind for r in parse_rules("x=project;y=steering;z=absence; ;w=OTHER")] == [
        PROJECT,
        STEERING,
        ABSENCE,
        OTHER,
    ]
    assert rules_for({}) == rules_for({"kinds": ""})


@pytest.mark.parametrize("option", ["nokind", "=project", "x=meeting", "(unclosed=project"])
def test_bad_rules_are_input_errors(option: str) -> None:
    with pytest.raises(InputError, match="kinds option"):
        parse_rules(option)
