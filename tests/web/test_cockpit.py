"""The cockpit shows what foresight and anticipation compute: delay files with their recovery
options, the governance look-ahead with a steering committee's checklist and agenda, contacts
overdue with their talking points, the question sheet by person — on the page and its twin."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient

from web_support import KEY, login


def _page(client: TestClient) -> str:
    return html.unescape(client.get(f"/p/{KEY}").text)


def test_cut09_delay_file_with_its_recommended_option(single: TestClient) -> None:
    twin = single.get(f"/api/projects/{KEY}").json()
    files = {d["id"]: d for d in twin["delay_files"]}
    go_live = files["CUT-09"]
    assert go_live["headline"].startswith("CUT-09 Go-live moves")
    assert go_live["causes"] and all(c["days"] > 0 for c in go_live["causes"])
    assert any(step["task"] == "DM-08" for step in go_live["chain"])
    assert go_live["who"] and "Marc Dubois (mdubois)" in {w["person"] for w in go_live["who"]}
    options = go_live["options"]
    assert options and options[0]["recommended"], "the recommended option comes first"
    assert sum(o["recommended"] for o in options) == 1
    page = _page(single)
    assert go_live["headline"] in page
    assert f"Recommended:</strong> {options[0]['title']}" in page
    assert 'id="delay-CUT-09"' in page


def test_a_delay_file_without_options_says_why(single: TestClient) -> None:
    twin = single.get(f"/api/projects/{KEY}").json()
    without = [d for d in twin["delay_files"] if not d["options"]]
    assert without, "the demo's deliverables are late without a milestone-slip of their own"
    assert all(d["options_note"].startswith("NA (") for d in without)
    assert without[0]["options_note"] in _page(single)
    with_options = [d for d in twin["delay_files"] if d["options"]]
    assert all(d["options_note"] == "" for d in with_options)


def test_steering_committee_of_june_19_with_its_checklist_and_agenda(single: TestClient) -> None:
    twin = single.get(f"/api/projects/{KEY}").json()
    steerco = next(m for m in twin["meetings"] if m["date"] == "2026-06-19")
    assert steerco["kind"] == "steering-committee" and "Steering committee" in steerco["title"]
    steps = {s["step"]: s for s in steerco["checklist"]}
    assert steps["Steering committee pack"]["due"] == "2026-06-12"
    assert steps["Steering committee pack"]["state"] == "late"
    assert steps["Input from the functional leads"]["due"] == "2026-06-10"
    assert "Julien Moreau (jmoreau)" in steps["Input from the functional leads"]["owner"]
    page = _page(single)
    assert f"Preparation — {steerco['title']}, 2026-06-19" in page
    assert "2026-06-12 (T-5)" in page and steps["Steering committee pack"]["state_text"] in page
    agenda = single.get(steerco["agenda"])
    assert agenda.status_code == 200 and steerco["title"] in html.unescape(agenda.text)
    word = single.get(f"/api/projects/{KEY}/agenda", params={"rule": steerco["rule"], "on": "2026-06-19",
                                                            "format": "docx"})
    assert word.status_code == 200 and word.content[:2] == b"PK"
    assert single.get(f"/api/projects/{KEY}/agenda", params={"rule": "no-such-meeting"}).status_code == 404


def test_every_meeting_without_steps_says_na(single: TestClient) -> None:
    twin = single.get(f"/api/projects/{KEY}").json()
    weekly = [m for m in twin["meetings"] if not m["checklist"]]
    assert weekly and all(m["freeze"].startswith("NA (") for m in weekly)


def test_contacts_overdue_with_their_talking_points(single: TestClient) -> None:
    twin = single.get(f"/api/projects/{KEY}").json()
    contacts = {f["subject_id"]: f for f in twin["contacts"]}
    assert {"pgirard", "tgarnier"} <= set(contacts)
    assert "open actions" in contacts["tgarnier"]["detail"] and "A-004" in contacts["tgarnier"]["detail"]["open actions"]
    page = _page(single)
    assert contacts["pgirard"]["message"] in page
    assert contacts["tgarnier"]["detail"]["open actions"][:60] in page


def test_question_panel_by_person_with_answers_and_sources(single: TestClient) -> None:
    twin = single.get(f"/api/projects/{KEY}").json()
    sheet = twin["question_sheet"]
    people = {p["who"]: p for p in sheet}
    assert "Antoine Martin (amartin)" in people
    asked = people["Antoine Martin (amartin)"]
    assert asked["requests"] and asked["requests"][0]["why"] and asked["by"]
    assert any(a["source"] for p in sheet for a in p["answered"])
    page = _page(single)
    assert 'id="questions"' in page and asked["requests"][0]["question"] in page
    assert asked["answered"][0]["source"] in page


def test_input_requests_download(single: TestClient) -> None:
    twin = single.get(f"/api/projects/{KEY}").json()
    assert twin["input_requests"], "the demo's status date is within T-5 of the June steering committee"
    answer = single.get(f"/api/projects/{KEY}/downloads/requests.md")
    assert answer.status_code == 200 and "# Input for Steering committee" in answer.text


def test_members_see_no_answer_quoting_a_check_in(team: TestClient) -> None:
    login(team, "mdubois")
    member = team.get(f"/api/projects/{KEY}").json()
    sources = " ".join(a["source"] for p in member["question_sheet"] for a in p["answered"])
    assert "pulse-low" not in sources and "checkin-missing" not in sources
    assert member["delay_files"] and member["meetings"]


def test_the_openapi_document_describes_the_new_twin_fields(single: TestClient) -> None:
    schemas = single.get("/openapi.json").json()["components"]["schemas"]
    cockpit = schemas["Cockpit"]["properties"]
    for name in ("delay_files", "meetings", "question_sheet", "input_requests"):
        assert name in cockpit, name
    assert {"headline", "causes", "chain", "who", "impacts", "options"} <= set(schemas["DelayFileOut"]["properties"])
    assert {"recommended", "days_recovered", "cost", "risk"} <= set(schemas["OptionOut"]["properties"])
    assert {"step", "owner", "due", "state"} <= set(schemas["PrepStepOut"]["properties"])
    paths = single.get("/openapi.json").json()["paths"]
    assert "/api/projects/{key}/agenda" in paths
