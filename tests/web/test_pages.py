"""The pages and their JSON twins in single-user mode: every page answers, shows what the Review
says, and its twin holds the same data."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from web_support import KEY, csrf_of


def test_portfolio_shows_each_project_with_its_rag_and_rule(single: TestClient) -> None:
    data = single.get("/api/projects").json()
    card = data["projects"][0]
    assert card["key"] == KEY
    assert card["rating"]["rule"]
    page = single.get("/").text
    assert card["name"] in page and card["rating"]["rule"] in page
    assert sum(card["findings_by_duty"].values()) == card["errors"] + card["warnings"] + sum(
        1 for f in single.get(f"/api/projects/{KEY}/findings").json()["findings"] if f["severity"] == "info"
    )


def test_cockpit_page_and_twin_agree(single: TestClient) -> None:
    twin = single.get(f"/api/projects/{KEY}").json()
    page = single.get(f"/p/{KEY}").text
    assert twin["name"] in page
    assert twin["rating"]["label"] in page
    for milestone in twin["milestones"][:5]:
        assert milestone["name"] in page
    assert "<svg" in page and "Gantt chart" in page  # the Gantt with the critical path
    assert twin["delays"], "the demo has slipping milestones: the delays section lists them"
    shown = page.replace("&#39;", "'").replace("&amp;", "&")
    slips = {f["subject_id"] for f in twin["delays"] if f["code"] == "milestone-slip"}
    assert slips <= {d["id"] for d in twin["delay_files"]}, "each milestone slip has its delay file card"
    for finding in twin["delays"]:
        # a slip shows as its delay file's card (tests/web/test_cockpit.py), the other delays as findings
        assert finding["code"] == "milestone-slip" or finding["message"][:40] in shown
    assert twin["questions"] and twin["contacts"]


def test_every_register_lists_its_records_and_filters(single: TestClient) -> None:
    for register in ("actions", "risks", "issues", "decisions", "assumptions"):
        twin = single.get(f"/api/projects/{KEY}/registers/{register}").json()
        assert twin["rows"], register
        page = single.get(f"/p/{KEY}/registers/{register}").text
        assert twin["rows"][0]["id"] in page
    opened = single.get(f"/api/projects/{KEY}/registers/actions", params={"status": "open"}).json()
    everything = single.get(f"/api/projects/{KEY}/registers/actions").json()
    assert 0 < opened["total"] < everything["total"]
    assert all(row["open"] for row in opened["rows"])


def test_findings_filter_by_code_duty_severity_and_person(single: TestClient) -> None:
    everything = single.get(f"/api/projects/{KEY}/findings").json()
    assert everything["total"] > 10
    by_code = single.get(f"/api/projects/{KEY}/findings", params={"code": "action-overdue"}).json()
    assert by_code["total"] and {f["code"] for f in by_code["findings"]} == {"action-overdue"}
    by_duty = single.get(f"/api/projects/{KEY}/findings", params={"duty": 4}).json()
    assert by_duty["total"] and {f["duty"] for f in by_duty["findings"]} == {4}
    errors = single.get(f"/api/projects/{KEY}/findings", params={"severity": "error"}).json()
    assert {f["severity"] for f in errors["findings"]} == {"error"}
    mine = single.get(f"/api/projects/{KEY}/findings", params={"person": "mdubois"}).json()
    assert 0 < mine["total"] < everything["total"]
    page = single.get(f"/p/{KEY}/findings", params={"code": "action-overdue"}).text
    assert page.count("<code>action-overdue</code>") == by_code["shown"]


def test_downloads_of_the_report_brief_and_action_plan(single: TestClient) -> None:
    report = single.get(f"/api/projects/{KEY}/downloads/report.md")
    assert report.status_code == 200 and report.text.startswith("#")
    assert "attachment" in report.headers["content-disposition"]
    brief = single.get(f"/api/projects/{KEY}/downloads/brief.md")
    assert brief.status_code == 200 and KEY in brief.text
    plan = single.get(f"/api/projects/{KEY}/downloads/actions.xlsx")
    assert plan.status_code == 200 and plan.content[:2] == b"PK"


def test_the_deck_downloads_as_a_presentation(single: TestClient) -> None:
    answer = single.get(f"/api/projects/{KEY}/downloads/deck.pptx")
    assert answer.status_code == 200 and answer.content[:2] == b"PK"
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.presentationml")
    assert 'filename="steering-deck-' in answer.headers["content-disposition"]


def test_a_script_in_a_note_never_runs(single: TestClient) -> None:
    page = single.get(f"/p/{KEY}/notes").text
    token = csrf_of(page)
    preview = single.post(f"/p/{KEY}/notes/preview", data={"text": "**bold** <script>alert(1)</script>",
                                                           "csrf_token": token})
    assert "<strong>bold</strong>" in preview.text
    assert "<script>" not in preview.text
    done = single.post(f"/p/{KEY}/notes", data={"text": "INFO: <script>alert('x')</script> <img src=x onerror=alert(1)>",
                                                "csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303, done.text
    notes = single.get(f"/p/{KEY}/notes").text
    assert "<script>alert" not in notes and "onerror=" not in notes.replace("onerror=alert(1)&gt;", "")
    assert not re.search(r"<img[^>]*onerror", notes)


def test_pages_are_labelled_and_keyboard_reachable(single: TestClient) -> None:
    page = single.get(f"/p/{KEY}/registers/actions").text
    assert 'class="skip" href="#main"' in page
    for field in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page):
        assert f'for="{field}"' in page, f"field {field} has no label"
    assert "/static/htmx.min.js" in page and "cdn" not in page.lower()


def test_the_openapi_document_describes_every_api_route(single: TestClient) -> None:
    document = single.get("/openapi.json").json()
    paths = document["paths"]
    for path in ("/api/projects", "/api/projects/{key}", "/api/projects/{key}/registers/{register}",
                 "/api/projects/{key}/registers/{register}/{record_id}", "/api/projects/{key}/findings",
                 "/api/projects/{key}/notes", "/api/projects/{key}/downloads/{what}"):
        assert path in paths, path
    for register in ("actions", "risks", "issues", "decisions", "assumptions"):
        assert "post" in paths[f"/api/projects/{{key}}/registers/{register}"], register
        assert "put" in paths[f"/api/projects/{{key}}/registers/{register}/{{record_id}}"], register
    action = document["components"]["schemas"]["ActionChanges"]["properties"]
    assert set(action) == {"title", "owner", "due", "status", "notes"}
