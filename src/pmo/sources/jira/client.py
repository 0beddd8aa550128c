"""Jira's REST API, behind an injectable `httpx` transport (tests replay recorded answers).

`JiraClient` pages through ``/rest/api/2/search`` and the agile endpoints and hands
the issues to the same mapping as the file exports (`pmo.sources.jira.fields`), so an
import from the API and from a JSON export of the same issues give the same records.
Failures stop the command: a refused login, a bad JQL or an unknown project is an
`InputError` (exit 2, HTTP 400); an unreachable or failing server a `PmoError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx

from pmo.errors import FormatError, InputError, PmoError
from pmo.sources.base import ReadContext, ReadResult
from pmo.sources.jira.reader import add_json_data, mapper_for, result_of

MAX_PAGES = 1000  # a server that never says "last page" cannot loop forever


class JiraClient:
    """A small read-only Jira client: search, issues, sprints, versions, link types, statuses."""

    def __init__(
        self,
        base_url: str,
        *,
        user: str | None = None,
        token: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        page_size: int = 100,
    ) -> None:
        headers = {"Accept": "application/json"}
        auth: httpx.Auth | None = None
        if token and user:
            auth = httpx.BasicAuth(user, token)  # Jira Cloud: e-mail + API token
        elif token:
            headers["Authorization"] = f"Bearer {token}"  # Jira Server/Data Center personal access token
        self.base_url = base_url.rstrip("/")
        self.page_size = page_size
        self._http = httpx.Client(
            base_url=self.base_url, headers=headers, auth=auth, transport=transport, timeout=timeout
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> JiraClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """The JSON answer to GET `path`; raises the pmo error a failure deserves."""
        try:
            response = self._http.get(path, params=params)
        except httpx.HTTPError as exc:
            raise PmoError(f"jira: cannot reach {self.base_url} ({type(exc).__name__}: {exc})") from None
        if response.status_code >= 400:
            raise _status_error(response)
        try:
            return response.json()
        except ValueError:
            raise FormatError(
                str(response.url), None, "Jira answered with something that is not JSON"
            ) from None

    def _pages(self, path: str, key: str, params: dict[str, Any]) -> Iterator[Any]:
        """Items of a paged answer (``startAt``/``maxResults`` with ``total`` or ``isLast``)."""
        start = 0
        for _ in range(MAX_PAGES):
            page = self.get(path, {**params, "startAt": start, "maxResults": self.page_size})
            items = page.get(key) if isinstance(page, dict) else page
            if not isinstance(items, list):
                raise FormatError(path, None, f"Jira page without a {key!r} list")
            yield from items
            start += len(items)
            total = page.get("total") if isinstance(page, dict) else None
            last = page.get("isLast") if isinstance(page, dict) else True
            if (
                not items
                or last is True
                or (isinstance(total, int) and start >= total)
                or (total is None and last is None)
            ):
                return
        raise PmoError(f"jira: {path} returned more than {MAX_PAGES} pages")

    def search(self, jql: str, fields: str = "*navigable", expand: str = "changelog") -> list[dict[str, Any]]:
        """Every issue the JQL query finds (with its changelog: when work on it began)."""
        params = {"jql": jql, "fields": fields, "expand": expand}
        return list(self._pages("/rest/api/2/search", "issues", params))

    def issue(self, key: str) -> dict[str, Any]:
        data = self.get(f"/rest/api/2/issue/{key}")
        if not isinstance(data, dict):
            raise FormatError(f"/rest/api/2/issue/{key}", None, "Jira answered with no issue")
        return data

    def sprints(self, board: int) -> list[dict[str, Any]]:
        return list(self._pages(f"/rest/agile/1.0/board/{board}/sprint", "values", {}))

    def sprint_issues(self, sprint: int) -> list[dict[str, Any]]:
        return list(self._pages(f"/rest/agile/1.0/sprint/{sprint}/issue", "issues", {}))

    def versions(self, project: str) -> list[dict[str, Any]]:
        data = self.get(f"/rest/api/2/project/{project}/versions")
        return data if isinstance(data, list) else []

    def link_types(self) -> list[dict[str, Any]]:
        data = self.get("/rest/api/2/issueLinkType")
        items = data.get("issueLinkTypes") if isinstance(data, dict) else data
        return items if isinstance(items, list) else []

    def statuses(self) -> list[dict[str, Any]]:
        data = self.get("/rest/api/2/status")
        return data if isinstance(data, list) else []

    def read(self, jql: str, context: ReadContext | None = None, *, project: str | None = None) -> ReadResult:
        """The issues `jql` finds as records (with `project`'s versions as milestones)."""
        context = context or ReadContext()
        mapper = mapper_for(context)
        for index, issue in enumerate(self.search(jql)):
            mapper.add(issue, f"{jql} [{index}]")
        if project is not None:
            add_json_data(f"{self.base_url}/project/{project}/versions", self.versions(project), mapper)
        return result_of(mapper)


def _status_error(response: httpx.Response) -> PmoError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    messages = body.get("errorMessages") if isinstance(body, dict) else None
    detail = (
        "; ".join(str(m) for m in messages)
        if isinstance(messages, list) and messages
        else response.reason_phrase
    )
    where = f"jira: {response.request.method} {response.request.url.path}"
    if response.status_code in (401, 403):
        return InputError(f"{where}: access refused ({response.status_code}); check the user and API token")
    if response.status_code < 500:
        return InputError(f"{where}: {response.status_code} {detail}")
    return PmoError(f"{where}: the server failed ({response.status_code} {detail})")
