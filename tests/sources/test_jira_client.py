"""The Jira REST client against recorded answers (httpx.MockTransport), paging and failures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from pmo.errors import FormatError, InputError, PmoError
from pmo.sources.base import ReadContext
from pmo.sources.jira.client import JiraClient
from pmo.sources.jira.reader import read_jira

SHARED = Path(__file__).resolve().parent.parent.parent.parent / "shared" / "data" / "jira"


def _recorded(name: str) -> Any:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (real-world samples live beside the repository)")
    return json.loads(path.read_text(encoding="utf-8"))


def _replay(requests: list[httpx.Request]) -> httpx.MockTransport:
    search = _recorded("jira-ruby__search_SAMPLEPROJECT.issues.json")
    routes = {
        "/rest/agile/1.0/board/734/sprint": _recorded("go-jira__sprints.json"),
        "/rest/agile/1.0/sprint/740/issue": _recorded("go-jira__issues_in_sprint.json"),
        "/rest/api/2/project/TEST/versions": _recorded("jira-cli__releases.json"),
        "/rest/api/2/issueLinkType": {"issueLinkTypes": _recorded("go-jira__all_issuelinktypes.json")},
        "/rest/api/2/status": _recorded("go-jira__all_statuses.json"),
        "/rest/api/2/issue/SAMPLEPROJECT-1": _recorded("jira-ruby__issue_10002.json"),
    }

    def handle(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        path = request.url.path
        if path == "/rest/api/2/search":
            start = int(request.url.params["startAt"])
            size = int(request.url.params["maxResults"])
            page = {
                **search,
                "startAt": start,
                "maxResults": size,
                "issues": search["issues"][start : start + size],
            }
            return httpx.Response(200, json=page)
        if path in routes:
            data = routes[path]
            start = int(request.url.params.get("startAt", 0))
            if isinstance(data, dict) and "issues" in data:  # a one-page recording: later pages are empty
                data = {**data, "issues": data["issues"][start:]}
            return httpx.Response(200, json=data)
        return httpx.Response(404, json={"errorMessages": [f"no route {path}"]})

    return httpx.MockTransport(handle)


def test_search_pages_through_every_issue() -> None:
    requests: list[httpx.Request] = []
    with JiraClient(
        "https://jira.example.com", token="t", transport=_replay(requests), page_size=4
    ) as client:
        issues = client.search("project = SAMPLEPROJECT")
    assert len(issues) == 11
    assert [r.url.params["startAt"] for r in requests] == ["0", "4", "8"]
    assert requests[0].url.params["expand"] == "changelog"  # when work on each issue began
    assert requests[0].headers["Authorization"] == "Bearer t"


def test_api_and_export_give_the_same_records(tmp_path: Path) -> None:
    with JiraClient("https://jira.example.com", transport=_replay([]), page_size=5) as client:
        result = client.read("project = SAMPLEPROJECT", ReadContext())
    export = tmp_path / "search.json"
    export.write_text(json.dumps(_recorded("jira-ruby__search_SAMPLEPROJECT.issues.json")), encoding="utf-8")
    assert result.project.tasks == read_jira(export).project.tasks


def test_agile_and_metadata_endpoints() -> None:
    with JiraClient(
        "https://jira.example.com", user="me@example.com", token="t", transport=_replay([])
    ) as client:
        assert next(s["name"] for s in client.sprints(734)) == "Iteration-10"
        assert [i["key"] for i in client.sprint_issues(740)] == ["AR-86"]
        assert len(client.link_types()) == 17
        assert len(client.statuses()) == 37
        assert client.issue("SAMPLEPROJECT-1")["key"] == "SAMPLEPROJECT-1"
        result = client.read("project = SAMPLEPROJECT", project="TEST")
    milestones = [t for t in result.project.tasks if t.milestone]
    assert [(t.id, t.percent_complete) for t in milestones] == [
        ("version:First", 100.0),
        ("version:Second", 0.0),
        ("version:Third", 0.0),
    ]


@pytest.mark.parametrize(
    ("status", "error", "message"),
    [(401, InputError, "access refused"), (400, InputError, "400 bad JQL"), (503, PmoError, "server failed")],
)
def test_failures_are_pmo_errors(status: int, error: type[Exception], message: str) -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(status, json={"errorMessages": ["bad JQL"]}))
    with (
        JiraClient("https://jira.example.com", transport=transport) as client,
        pytest.raises(error, match=message),
    ):
        client.search("project = ")


def test_unreachable_and_not_json() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with (
        JiraClient("https://jira.example.com", transport=httpx.MockTransport(refuse)) as client,
        pytest.raises(PmoError, match="cannot reach"),
    ):
        client.search("x")
    html = httpx.MockTransport(lambda r: httpx.Response(200, text="<html>login</html>"))
    with JiraClient("https://jira.example.com", transport=html) as client, pytest.raises(FormatError):
        client.search("x")


def test_a_server_that_never_ends_stops() -> None:
    endless = httpx.MockTransport(
        lambda r: httpx.Response(200, json={"isLast": False, "values": [{"id": 1}]})
    )
    with (
        JiraClient("https://jira.example.com", transport=endless) as client,
        pytest.raises(PmoError, match="more than"),
    ):
        client.sprints(1)
