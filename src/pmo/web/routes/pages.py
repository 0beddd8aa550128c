"""The HTML pages: portfolio, cockpit, registers (create, edit, close), findings, notes, check-in links.

Each page renders the same model as its JSON twin (pmo.web.views); forms post here with
their CSRF token and redirect (post/redirect/get), or re-render with the error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pmo import api
from pmo.errors import ConflictError, InputError
from pmo.web import auth, views
from pmo.web.markdown import to_html
from pmo.web.routes.common import FormWriter, Reader, RegisterName, cached, page
from pmo.web.routes.json_api import _editable, _record, agenda_text
from pmo.web.routes.json_api import portfolio as portfolio_data

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def portfolio(request: Request) -> Response:
    return page(request, "portfolio.html", {"data": portfolio_data(request)})


@router.get("/p/{key}", response_class=HTMLResponse)
def cockpit(request: Request, key: str, access: auth.Access = Reader) -> Response:
    held = cached(request, key)
    data = held.memo(("cockpit", access.checkins), lambda: views.cockpit(held.review, held.revision, access.checkins))
    templates = request.app.state.templates

    def body() -> str:
        return str(templates.get_template("cockpit_body.html").render({"key": key, "data": data}))

    return page(request, "cockpit.html", {"key": key, "access": access, "data": data,
                                          "body": held.memo(("cockpit-html", access.checkins), body)})


@router.get("/p/{key}/agenda", response_class=HTMLResponse)
def agenda(request: Request, key: str, access: auth.Access = Reader, rule: str = Query("", max_length=100),
           on: Annotated[dt.date | None, Query()] = None) -> Response:
    """The draft agenda of a governance meeting (as `pmo agenda`), its Markdown rendered and sanitised."""
    text = agenda_text(cached(request, key).review, rule, on)  # not kept: any day may be asked
    query = urlencode({"rule": rule, "on": on.isoformat() if on else ""})
    return page(request, "agenda.html", {"key": key, "access": access, "html": to_html(text),
                                         "download": f"/api/projects/{key}/agenda?{query}"})


@router.get("/p/{key}/registers/{register}", response_class=HTMLResponse)
def register(request: Request, key: str, register: RegisterName, access: auth.Access = Reader,
             status: str = Query("", max_length=20), owner: str = Query("", max_length=100),
             q: str = Query("", max_length=200)) -> Response:
    data = views.register(cached(request, key).review, register, status, owner, q)
    return page(request, "register.html", {"key": key, "access": access, "data": data,
                                           "filters": {"status": status, "owner": owner, "q": q},
                                           "people": _people(request, key)})


@router.get("/p/{key}/registers/{register}/{record_id}", response_class=HTMLResponse)
def edit_form(request: Request, key: str, register: RegisterName, record_id: str,
              access: auth.Access = Reader) -> Response:
    found = _record(request, key, register, record_id)
    if found is None:
        raise HTTPException(404, f"project {key} has no {api.register_kind(register)} {record_id}")
    return _form(request, key, register, access, found, "")


def _form(request: Request, key: str, register: str, access: auth.Access, found: views.RecordOut | None,
          error: str, status: int = 200) -> Response:
    specs = views.register(cached(request, key).review, register).fields
    return page(request, "record.html", {"key": key, "register": register, "access": access, "record": found,
                                         "fields": specs, "error": error, "people": _people(request, key)}, status)


def _people(request: Request, key: str) -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in cached(request, key).review.project.people]


async def _values(request: Request, register: str) -> dict[str, str | None]:
    form = await request.form()
    values: dict[str, str | None] = {}
    for spec in api.REGISTERS[register][1]:
        if spec.type == "bool":
            values[spec.name] = "true" if form.get(spec.name) else "false"
        elif spec.name in form:
            values[spec.name] = str(form[spec.name])
    return values


@router.post("/p/{key}/registers/{register}")
async def create(request: Request, key: str, register: RegisterName, access: auth.Access = FormWriter) -> Response:
    _editable(access, request, key, register, None)
    values = await _values(request, register)
    try:
        saved = api.save_record(request.app.state.store, key, register, None, values, "", dt.date.today())
    except InputError as exc:
        draft = views.RecordOut(key=key, collection=register, id="", version="", values={
            k: v or "" for k, v in values.items()})
        return _form(request, key, register, access, draft, exc.message, 400)
    return RedirectResponse(f"/p/{key}/registers/{register}?saved={saved.id}", status_code=303)


@router.post("/p/{key}/registers/{register}/{record_id}")
async def save(request: Request, key: str, register: RegisterName, record_id: str,
               version: str = Form(""), access: auth.Access = FormWriter) -> Response:
    _editable(access, request, key, register, record_id)
    values = await _values(request, register)
    try:
        api.save_record(request.app.state.store, key, register, record_id, values, version, dt.date.today())
    except (InputError, ConflictError) as exc:
        # the form comes back with what was typed: nothing is lost
        draft = views.RecordOut(key=key, collection=register, id=record_id, version=version,
                                values={k: v or "" for k, v in values.items()})
        return _form(request, key, register, access, draft, exc.message,
                     409 if isinstance(exc, ConflictError) else 400)
    return RedirectResponse(f"/p/{key}/registers/{register}?saved={record_id}", status_code=303)


@router.post("/p/{key}/registers/{register}/{record_id}/close")
def close(request: Request, key: str, register: RegisterName, record_id: str, version: str = Form(""),
          access: auth.Access = FormWriter) -> Response:
    _editable(access, request, key, register, record_id)
    api.close_record(request.app.state.store, key, register, record_id, version, dt.date.today())
    return RedirectResponse(f"/p/{key}/registers/{register}?saved={record_id}", status_code=303)


@router.get("/p/{key}/findings", response_class=HTMLResponse)
def findings(request: Request, key: str, access: auth.Access = Reader, code: str = Query("", max_length=60),
             duty: str = Query("", max_length=1), severity: str = Query("", max_length=10),
             person: str = Query("", max_length=100)) -> Response:
    number = int(duty) if duty.isdigit() else None
    data = views.findings(cached(request, key).review, access.checkins, code, number, severity, person)
    return page(request, "findings.html", {"key": key, "access": access, "data": data, "duties": api.DUTY_NAMES,
                                           "filters": {"code": code, "duty": duty, "severity": severity,
                                                       "person": person}})


@router.get("/p/{key}/notes", response_class=HTMLResponse)
def notes(request: Request, key: str, access: auth.Access = Reader) -> Response:
    data = views.notes(cached(request, key).review, to_html)
    return page(request, "notes.html", {"key": key, "access": access, "data": data, "error": ""})


@router.post("/p/{key}/notes/preview", response_class=HTMLResponse)
def preview(request: Request, key: str, text: str = Form("", max_length=20000),
            access: auth.Access = FormWriter) -> Response:
    """The editor's preview (htmx): the Markdown as the notes page will show it, sanitised."""
    return HTMLResponse(to_html(text) or "<p class='muted'>Nothing to preview.</p>")


@router.post("/p/{key}/notes")
def add_note(request: Request, key: str, text: str = Form(..., max_length=2000), meeting: str = Form(""),
             access: auth.Access = FormWriter) -> Response:
    """One line into today's note (the copybook, `pmo note`): imported at once."""
    if "edit" not in access.rights:
        raise HTTPException(403, f"your role on {key} ({access.role}) does not allow writing notes")
    settings = dataclasses.replace(request.app.state.settings, project=key)
    try:
        api.record_note(settings, text, dt.date.today(), meeting.strip() or None)
    except InputError as exc:
        data = views.notes(cached(request, key).review, to_html)
        return page(request, "notes.html", {"key": key, "access": access, "data": data, "error": exc.message}, 400)
    return RedirectResponse(f"/p/{key}/notes", status_code=303)


@router.get("/p/{key}/checkin", response_class=HTMLResponse)
def checkin_links(request: Request, key: str, access: auth.Access = Reader) -> Response:
    """Personal check-in links: every person's for roles that read check-ins, else the reader's own."""
    review = cached(request, key).review
    people = [p for p in review.project.people if access.checkins or p.id == access.user]
    today = dt.date.today()
    expires = today + dt.timedelta(days=14)
    secret = request.app.state.secret
    base = str(request.base_url).rstrip("/")
    links = [(p.id, p.name, f"{base}/c/{api.checkin_token(secret, api.CheckinLink(key, p.id, expires))}")
             for p in people]
    latest = {}
    if access.checkins:
        for c in sorted(review.project.checkins, key=lambda c: c.date):
            latest[c.person] = c
    return page(request, "checkin_links.html", {"key": key, "access": access, "links": links,
                                                "expires": expires, "latest": latest})
