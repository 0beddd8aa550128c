"""Who may see and do what: login, roles per project, the 403 walk over every route, CSRF,
check-in links, login rate limiting, password hashes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from pmo import api
from pmo.config import load_settings
from pmo.errors import InputError
from web_support import KEY, PASSWORD, csrf_of, login

SAMPLE = {"key": KEY, "register": "actions", "record_id": "A-011", "what": "report.md"}


def every_route(routes: list) -> list:
    """The routes of an app, those of included routers too (FastAPI keeps them as nested routers)."""
    found = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        found.extend(every_route(inner.routes) if inner is not None else [route])
    return found


def project_routes(client: TestClient) -> list[tuple[str, str]]:
    """(method, path) of every route of a project, its parameters filled with real values."""
    found = []
    for route in every_route(client.app.routes):  # type: ignore[attr-defined]
        if not hasattr(route, "methods") or "{key}" not in route.path:
            continue
        path = re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m[1]], route.path)
        found.extend((method, path) for method in sorted(route.methods) if method != "HEAD")
    return found


def test_a_user_without_a_role_gets_403_on_every_page_download_and_endpoint(team: TestClient) -> None:
    routes = project_routes(team)
    assert len(routes) >= 18  # pages, twins, writes, downloads
    assert any(path.startswith("/api/projects/ERP/downloads/") for _, path in routes)
    login(team, "outsider")
    for method, path in routes:
        answer = team.request(method, path, json={"values": {}, "version": ""} if path.startswith("/api") else None,
                              data=None if path.startswith("/api") else {"csrf_token": "x"},
                              follow_redirects=False)
        assert answer.status_code == 403, f"{method} {path}: {answer.status_code}"
    assert team.get("/api/projects").json() == {"projects": []}


def test_nobody_logged_in_is_sent_to_the_login(team: TestClient) -> None:
    for method, path in project_routes(team):
        answer = team.request(method, path, follow_redirects=False)
        expected = 401 if path.startswith("/api/") else 303
        assert answer.status_code == expected, f"{method} {path}: {answer.status_code}"
    assert team.get("/", follow_redirects=False).headers["location"].startswith("/login")


def test_a_viewer_reads_but_cannot_change(team: TestClient) -> None:
    login(team, "reader")
    assert team.get(f"/p/{KEY}").status_code == 200
    record = team.get(f"/api/projects/{KEY}/registers/actions/A-011").json()
    answer = team.put(f"/api/projects/{KEY}/registers/actions/A-011",
                      json={"values": {"title": "Changed"}, "version": record["version"]})
    assert answer.status_code == 403 and "viewer" in answer.json()["detail"]


def test_check_ins_are_read_by_managers_only(team: TestClient) -> None:
    login(team, "boss")
    manager = team.get(f"/api/projects/{KEY}").json()
    assert manager["can_see_checkins"] and manager["pulse"], "the demo has a low pulse"
    team.cookies.clear()
    login(team, "mdubois")
    member = team.get(f"/api/projects/{KEY}").json()
    assert not member["can_see_checkins"] and member["pulse"] == []
    codes = {f["code"] for f in team.get(f"/api/projects/{KEY}/findings").json()["findings"]}
    assert not codes & set(api.CHECKIN_CODES)
    links = team.get(f"/p/{KEY}/checkin").text
    assert links.count("personal link") == 1  # their own link, nobody else's


def test_a_member_edits_their_own_actions_only(team: TestClient) -> None:
    login(team, "mdubois")
    own = team.get(f"/api/projects/{KEY}/registers/actions/A-011").json()  # owner mdubois
    assert own["values"]["owner"] == "mdubois"
    done = team.put(f"/api/projects/{KEY}/registers/actions/A-011",
                    json={"values": {"status": "in-progress"}, "version": own["version"]})
    assert done.status_code == 200, done.text
    other = team.get(f"/api/projects/{KEY}/registers/actions/A-018").json()  # owner tgarnier
    refused = team.put(f"/api/projects/{KEY}/registers/actions/A-018",
                       json={"values": {"status": "done"}, "version": other["version"]})
    assert refused.status_code == 403


def test_a_form_posted_without_its_csrf_token_is_refused(team: TestClient) -> None:
    login(team, "boss")
    page = team.get(f"/p/{KEY}/registers/actions").text
    values = {"title": "Book the go-live war room", "owner": "slefevre", "due": "2026-07-01", "status": "open"}
    refused = team.post(f"/p/{KEY}/registers/actions", data=values, follow_redirects=False)
    assert refused.status_code == 403 and "CSRF" in refused.text
    forged = team.post(f"/p/{KEY}/registers/actions", data={**values, "csrf_token": "0" * 64}, follow_redirects=False)
    assert forged.status_code == 403
    assert "Book the go-live war room" not in team.get(f"/p/{KEY}/registers/actions").text
    done = team.post(f"/p/{KEY}/registers/actions", data={**values, "csrf_token": csrf_of(page)},
                     follow_redirects=False)
    assert done.status_code == 303
    assert "Book the go-live war room" in team.get(f"/p/{KEY}/registers/actions").text


def test_the_api_takes_json_only(team: TestClient) -> None:
    login(team, "boss")
    answer = team.post(f"/api/projects/{KEY}/registers/actions", content=b'{"values": {"title": "x"}}',
                       headers={"content-type": "text/plain"})
    assert answer.status_code == 415


def test_a_check_in_link_opens_the_form_and_records_the_check_in(team: TestClient, workspace) -> None:
    settings = load_settings(workspace)
    who, url, _ = api.checkin_link(settings, "mdubois", 7, "http://testserver", dt.date.today())
    assert who == "Marc Dubois (mdubois)"
    path = url.removeprefix("http://testserver")
    page = team.get(path)
    assert page.status_code == 200 and "Hello Marc" in page.text
    assert "A-011" in page.text  # his open action, to update from the same page
    done = team.post(path, data={"stress": "2", "confidence": "4", "blockers": "Waiting for the test data",
                                 "csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert done.status_code == 303
    stored = [c for c in api.load_workspace(settings).checkins if c.person == "mdubois" and c.date == dt.date.today()]
    assert stored and stored[0].confidence == 4 and stored[0].blockers == ("Waiting for the test data",)


def test_an_altered_or_expired_check_in_link_is_refused(team: TestClient, workspace) -> None:
    settings = load_settings(workspace)
    secret = api.web_secret(settings)
    good = api.checkin_token(secret, api.CheckinLink(KEY, "mdubois", dt.date.today() + dt.timedelta(days=3)))
    assert team.get(f"/c/{good}").status_code == 200
    altered = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    assert team.get(f"/c/{altered}").status_code == 403
    forged = api.checkin_token("not the secret", api.CheckinLink(KEY, "cbernard", dt.date.today()))
    assert team.get(f"/c/{forged}").status_code == 403
    expired = api.checkin_token(secret, api.CheckinLink(KEY, "mdubois", dt.date.today() - dt.timedelta(days=1)))
    answer = team.get(f"/c/{expired}")
    assert answer.status_code == 403 and "expired" in answer.text
    posted = team.post(f"/c/{expired}", data={"stress": "1", "confidence": "5"})
    assert posted.status_code == 403


def test_a_check_in_link_updates_only_its_persons_actions(team: TestClient, workspace) -> None:
    settings = load_settings(workspace)
    _, url, _ = api.checkin_link(settings, "mdubois", 7, "http://testserver", dt.date.today())
    path = url.removeprefix("http://testserver")
    page = team.get(path).text
    version = re.search(r'action="' + re.escape(path) + r'/actions/A-011".*?name="version" value="([^"]*)"', page,
                        re.S)[1]
    done = team.post(f"{path}/actions/A-011", data={"status": "done", "version": version,
                                                    "csrf_token": csrf_of(page)}, follow_redirects=False)
    assert done.status_code == 303
    action = next(a for a in api.load_workspace(settings).actions if a.id == "A-011")
    assert action.status.value == "done" and action.closed == dt.date.today()
    refused = team.post(f"{path}/actions/A-018", data={"status": "done", "version": "", "csrf_token": csrf_of(page)})
    assert refused.status_code == 403


def test_logins_are_rate_limited(team: TestClient) -> None:
    token = csrf_of(team.get("/login").text)
    for _ in range(5):
        wrong = team.post("/login", data={"username": "boss", "password": "wrong", "csrf_token": token})
        assert wrong.status_code == 401
    blocked = team.post("/login", data={"username": "boss", "password": PASSWORD, "csrf_token": token})
    assert blocked.status_code == 429


def test_passwords_are_stored_as_argon2_hashes(workspace) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(load_settings(workspace).database_url)
    with engine.connect() as connection:
        hashes = [row[0] for row in connection.execute(text("SELECT password_hash FROM users"))]
    engine.dispose()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in h for h in hashes)


def test_single_user_mode_listens_on_the_loopback_only(workspace) -> None:
    with pytest.raises(InputError, match=r"127\.0\.0\.1 only"):
        api.serve(load_settings(workspace), "0.0.0.0", 8000)


def test_single_user_mode_needs_no_login(single: TestClient) -> None:
    assert single.get(f"/p/{KEY}", follow_redirects=False).status_code == 200
    assert single.get("/login", follow_redirects=False).status_code == 303


def test_pmo_user_and_pmo_link_from_the_command_line(workspace, team: TestClient) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PMO_PASSWORD": "a long enough password"}
    made = subprocess.run([sys.executable, "-m", "pmo", "user", "ann", "--role", "viewer", "--project", KEY],
                          cwd=workspace, env=env, capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    assert "ann is viewer on ERP" in made.stdout
    login(team, "ann", "a long enough password")
    assert team.get(f"/p/{KEY}").status_code == 200
    bad = subprocess.run([sys.executable, "-m", "pmo", "user", "bob", "--role", "boss", "--project", KEY],
                         cwd=workspace, env=env, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "role 'boss'" in bad.stderr
    link = subprocess.run([sys.executable, "-m", "pmo", "link", "Marc Dubois", "--days", "3", "--base-url",
                           "http://testserver"], cwd=workspace, capture_output=True, text=True, timeout=300)
    assert link.returncode == 0, link.stderr
    url = link.stdout.split(": ", 1)[1].strip()
    assert link.stdout.startswith("Marc Dubois (mdubois), until ")
    assert team.get(url.removeprefix("http://testserver")).status_code == 200
