"""The team's door: a personal check-in link (a signed token with an expiry, no account) opens a
one-minute form, and the person's open actions can be updated from the same page.

The page shows only the link's person: their form, their actions, never anyone else's
check-in. An altered or expired link is refused (403). Forms carry a CSRF token bound to the link.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hmac

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pmo import api
from pmo.errors import ConflictError, InputError
from pmo.web import csrf
from pmo.web.routes.common import cached

router = APIRouter(include_in_schema=False)


def _link(request: Request, token: str) -> api.CheckinLink:
    try:
        return api.read_checkin_token(request.app.state.secret, token, dt.date.today())
    except InputError as exc:
        raise HTTPException(403, exc.message) from None


def _csrf(request: Request, token: str) -> str:
    return csrf.token_for(request.app.state.secret, f"checkin:{token}")


def _check(request: Request, token: str, given: str) -> None:
    if not given or not hmac.compare_digest(given, _csrf(request, token)):
        raise HTTPException(403, "this form is missing its security token (CSRF): reload the page")


def _page(request: Request, token: str, link: api.CheckinLink, message: str = "", error: str = "",
          status: int = 200) -> Response:
    review = cached(request, link.project).review
    person = review.project.person(link.person)
    if person is None:
        raise HTTPException(403, "this check-in link names nobody of the project any more")
    actions = [a for a in review.project.actions if a.owner == person.id and a.status.is_open]
    store = request.app.state.store
    versions = {a.id: api.record_version(store, link.project, "actions", a.id) for a in actions}
    mine = [c for c in review.project.checkins if c.person == person.id]
    last = max(mine, key=lambda c: c.date) if mine else None
    context = {"request": request, "token": token, "person": person, "project": review.project, "actions": actions,
               "versions": versions, "last": last, "message": message, "error": error, "csrf": _csrf(request, token),
               "csrf_field": csrf.FIELD, "today": dt.date.today(), "expires": link.expires, "user": None}
    return request.app.state.templates.TemplateResponse(request, "checkin.html", context,  # type: ignore[no-any-return]
                                                         status_code=status)


@router.get("/c/{token}", response_class=HTMLResponse)
def checkin_form(request: Request, token: str) -> Response:
    return _page(request, token, _link(request, token))


@router.post("/c/{token}")
def checkin_submit(request: Request, token: str, stress: int = Form(..., ge=1, le=5),
                   confidence: int = Form(..., ge=1, le=5), workload: int | None = Form(None, ge=1, le=5),
                   blockers: str = Form("", max_length=2000), comment: str = Form("", max_length=2000),
                   csrf_token: str = Form("")) -> Response:
    link = _link(request, token)
    _check(request, token, csrf_token)
    settings = dataclasses.replace(request.app.state.settings, project=link.project)
    answer = api.CheckInAnswer(
        person=link.person, date=dt.date.today(), stress=stress, confidence=confidence, workload=workload,
        blockers=tuple(line for line in blockers.splitlines() if line.strip()), comment=comment,
    )
    try:
        api.record_checkin(settings, answer)
    except InputError as exc:
        return _page(request, token, link, error=exc.message, status=400)
    return RedirectResponse(f"/c/{token}?done=1", status_code=303)


@router.post("/c/{token}/actions/{action_id}")
def action_update(request: Request, token: str, action_id: str, status: str = Form(..., max_length=20),
                  due: str = Form("", max_length=10), version: str = Form(""), csrf_token: str = Form("")) -> Response:
    """The person updates one of their own open actions (status, due date)."""
    link = _link(request, token)
    _check(request, token, csrf_token)
    review = cached(request, link.project).review
    action = next((a for a in review.project.actions if a.id == action_id), None)
    if action is None or action.owner != link.person:
        raise HTTPException(403, f"action {action_id} is not yours")
    try:
        values = {"status": status, **({"due": due} if due else {})}  # an empty date keeps a pending or NA due
        api.save_record(request.app.state.store, link.project, "actions", action_id, values, version, dt.date.today())
    except (InputError, ConflictError) as exc:
        return _page(request, token, link, error=exc.message, status=409 if isinstance(exc, ConflictError) else 400)
    return RedirectResponse(f"/c/{token}?updated={action_id}", status_code=303)
