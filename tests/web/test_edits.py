"""Edits from the browser: stored as an import of one record (the CLI sees it), optimistic locking
(the second of two concurrent saves is refused, nothing lost), and pages fresh after a write
with one Review built per change of the data."""

from __future__ import annotations

import re
import subprocess
import sys

from fastapi.testclient import TestClient

from pmo import api
from pmo.config import load_settings
from web_support import KEY, csrf_of


def test_a_saved_action_is_stored_and_the_cli_sees_it(single: TestClient, workspace) -> None:
    record = single.get(f"/api/projects/{KEY}/registers/actions/A-012").json()
    assert record["values"]["owner"] == ""  # the demo's action without an owner
    saved = single.put(f"/api/projects/{KEY}/registers/actions/A-012",
                       json={"values": {"owner": "tgarnier"}, "version": record["version"]})
    assert saved.status_code == 200, saved.text
    assert saved.json()["values"]["owner"] == "tgarnier" and saved.json()["version"] != record["version"]
    action = next(a for a in api.load_workspace(load_settings(workspace)).actions if a.id == "A-012")
    assert action.owner == "tgarnier" and action.title.startswith("Review the authorisation matrix")
    assert action.source.system == "web"
    check = subprocess.run([sys.executable, "-m", "pmo", "check"], cwd=workspace, capture_output=True, text=True,
                           timeout=300)
    no_owner = [line for line in check.stdout.splitlines() if "action-no-owner" in line]
    assert not any("A-012" in line for line in no_owner), check.stdout


def test_two_people_saving_the_same_action_the_second_is_refused_and_nothing_is_lost(single: TestClient) -> None:
    ann = single.get(f"/p/{KEY}/registers/actions/A-011").text
    bob = single.get(f"/p/{KEY}/registers/actions/A-011").text
    version = re.search(r'name="version" value="([^"]+)"', ann)[1]
    assert version == re.search(r'name="version" value="([^"]+)"', bob)[1]
    form = {"title": "Update the data cleansing dashboard", "owner": "mdubois", "due": "2026-06-26",
            "status": "open", "notes": "", "version": version}
    first = single.post(f"/p/{KEY}/registers/actions/A-011", data={**form, "csrf_token": csrf_of(ann)},
                        follow_redirects=False)
    assert first.status_code == 303
    second = single.post(f"/p/{KEY}/registers/actions/A-011",
                         data={**form, "due": "2026-07-10", "notes": "Bob's careful notes", "csrf_token": csrf_of(bob)},
                         follow_redirects=False)
    assert second.status_code == 409
    assert "changed by someone else since you opened it" in second.text
    assert "Bob&#39;s careful notes" in second.text and 'value="2026-07-10"' in second.text  # his text is kept
    stored = single.get(f"/api/projects/{KEY}/registers/actions/A-011").json()
    assert stored["values"]["due"] == "2026-06-26" and stored["values"]["notes"] == ""


def test_the_api_refuses_a_save_over_a_newer_version(single: TestClient) -> None:
    record = single.get(f"/api/projects/{KEY}/registers/risks").json()["rows"][0]
    read = single.get(f"/api/projects/{KEY}/registers/risks/{record['id']}").json()
    url = f"/api/projects/{KEY}/registers/risks/{record['id']}"
    first = "1" if read["values"]["impact"] != "1" else "2"
    assert single.put(url, json={"values": {"impact": first}, "version": read["version"]}).status_code == 200
    late = single.put(url, json={"values": {"impact": "5"}, "version": read["version"]})
    assert late.status_code == 409 and "changed by someone else" in late.json()["detail"]
    assert single.get(url).json()["values"]["impact"] == first


def test_create_edit_and_close_an_action(single: TestClient) -> None:
    page = single.get(f"/p/{KEY}/registers/actions").text
    created = single.post(f"/api/projects/{KEY}/registers/actions",
                          json={"values": {"title": "Book the cut-over rehearsal room", "owner": "slefevre",
                                           "due": "2026-07-02"}})
    assert created.status_code == 201, created.text
    new = created.json()
    assert re.fullmatch(r"A-\d{3}", new["id"]) and new["id"] not in page
    closed = single.post(f"/api/projects/{KEY}/registers/actions/{new['id']}/close", json={"version": new["version"]})
    assert closed.status_code == 200 and closed.json()["values"]["status"] == "done"
    row = next(r for r in single.get(f"/api/projects/{KEY}/registers/actions").json()["rows"] if r["id"] == new["id"])
    assert not row["open"]


def test_bad_values_are_refused_naming_the_field(single: TestClient) -> None:
    read = single.get(f"/api/projects/{KEY}/registers/actions/A-011").json()
    answer = single.put(f"/api/projects/{KEY}/registers/actions/A-011",
                        json={"values": {"due": "next week"}, "version": read["version"]})
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"][-1] == "due"  # the schema says: a date
    empty = single.post(f"/api/projects/{KEY}/registers/actions", json={"values": {"title": " "}})
    assert empty.status_code == 422 and empty.json()["detail"][0]["loc"][-1] == "title"
    page = single.get(f"/p/{KEY}/registers/actions/A-011").text
    form = single.post(f"/p/{KEY}/registers/actions/A-011", data={"due": "next week", "version": read["version"],
                                                                  "csrf_token": csrf_of(page)})
    assert form.status_code == 400 and "due &#39;next week&#39;: a date YYYY-MM-DD" in form.text


def test_a_write_makes_the_pages_fresh_with_one_build(single: TestClient) -> None:
    cache = single.app.state.cache  # type: ignore[attr-defined]
    single.get(f"/p/{KEY}")
    builds = cache.builds
    for _ in range(3):
        single.get(f"/api/projects/{KEY}")
    assert cache.builds == builds  # no new data: the same Review
    read = single.get(f"/api/projects/{KEY}/registers/actions/A-018").json()
    single.put(f"/api/projects/{KEY}/registers/actions/A-018",
               json={"values": {"title": "Prepare the change request for three EDI partners"},
                     "version": read["version"]})
    page = single.get(f"/p/{KEY}/registers/actions").text
    assert "three EDI partners" in page
    single.get(f"/api/projects/{KEY}")
    assert cache.builds == builds + 1
