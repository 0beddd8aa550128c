"""`pmo import` from systems: a published calendar URL and Jira's REST API, each served by a
real HTTP server on loopback (the Jira server replays answers shaped like Jira's)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
PLAN = """\
project: {key: ERP, name: ERP, status_date: 2025-01-20}
people:
  - {id: alice, name: Alice Martin, email: alice@example.com}
  - {id: bob, name: Bob Keller, email: bob@example.com}
"""
ISSUES = [
    {"key": "ERP-1", "fields": {"summary": "Configure pricing", "issuetype": {"name": "Story"},
                                "status": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}},
                                "assignee": {"displayName": "Bob Keller", "emailAddress": "bob@example.com"},
                                "created": "2025-01-06T09:00:00.000+0100", "duedate": "2025-01-31"}},
    {"key": "ERP-2", "fields": {"summary": "Printer driver crashes", "issuetype": {"name": "Bug"},
                                "status": {"name": "Open", "statusCategory": {"key": "new"}},
                                "created": "2025-01-08T09:00:00.000+0100"}},
]


class Handler(BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        url = urlparse(self.path)
        Handler.seen.append(self.path)
        if url.path == "/cal/team.ics":
            body, kind = (DATA / "ics" / "pmo_governance.ics").read_bytes(), "text/calendar"
        elif url.path == "/rest/api/2/search":
            start = int(parse_qs(url.query).get("startAt", ["0"])[0])
            page = {"startAt": start, "maxResults": 1, "total": len(ISSUES), "issues": ISSUES[start:start + 1]}
            body, kind = json.dumps(page).encode(), "application/json"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_import_a_calendar_url_and_jira(pmo_cmd, tmp_path: Path, server: str) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("init", ".")
    (tmp_path / "plan.yaml").write_text(PLAN)
    done = pmo_cmd("import", "plan.yaml", f"{server}/cal/team.ics", "--jira", server, "--jql", "project = ERP")
    assert f"{server}/cal/team.ics: ical: " in done.stdout
    assert "jira:" in done.stdout and "1 task" in done.stdout and "1 issue" in done.stdout
    pmo_cmd("export", "back.yaml")
    text = (tmp_path / "back.yaml").read_text()
    assert "Point hebdo projet ERP" in text and "kind: project-meeting" in text
    assert "Configure pricing" in text and "owner: bob" in text
    assert sum(1 for path in Handler.seen if path.startswith("/rest/api/2/search")) == 2  # paged


def test_an_unreachable_system_stores_nothing(pmo_cmd, tmp_path: Path, server: str) -> None:  # type: ignore[no-untyped-def]
    pmo_cmd("init", ".")
    (tmp_path / "plan.yaml").write_text(PLAN)
    done = pmo_cmd("import", "plan.yaml", f"{server}/cal/missing.ics", check=2)
    assert "HTTP 404" in done.stderr
    assert "holds no project yet" in pmo_cmd("check", check=2).stderr
    assert "go together" in pmo_cmd("import", "--jira", server, check=2).stderr
