"""The JSON API: every page's twin (GET) and the registers' writes (POST/PUT), in the OpenAPI document.

Writes take ``application/json`` only (the CSRF defence of the API, see csrf.py) and carry
the version a record was read at: a save over a newer version answers 409, nothing stored.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, create_model

from pmo import api
from pmo.errors import InputError
from pmo.web import auth, views
from pmo.web.routes.common import JsonWriter, Reader, RegisterName, cached

router = APIRouter(prefix="/api", tags=["api"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "not logged in"}, 403: {"description": "no role on this project"},
    404: {"description": "no such project or record"},
}


class CloseIn(BaseModel):
    version: str = Field(..., max_length=64, description="the version the record was read at (GET)")


@router.get("/projects", response_model=views.Portfolio, responses={401: ERRORS[401]})
def portfolio(request: Request) -> views.Portfolio:
    """Every project the reader has a role on: RAG with its rule, next milestones, commitments at risk."""
    if request.state.user is None:
        raise auth.LoginRequired()
    roles = auth.roles(request)
    cards = []
    for key, role in sorted(roles.items()):
        held = cached(request, key)
        checkins = "checkins" in api.ROLE_RIGHTS[role]
        cards.append(held.memo(("card", checkins), functools.partial(views.portfolio_card, held.review, checkins)))
    return views.Portfolio(projects=cards)


@router.get("/projects/{key}", response_model=views.Cockpit, responses=ERRORS)
def cockpit(request: Request, key: str, access: auth.Access = Reader) -> Response:
    """The project cockpit: status, Gantt, delays, trend, governance, pulse, contacts, questions."""
    held = cached(request, key)

    def twin() -> bytes:
        return views.cockpit(held.review, held.revision, access.checkins).model_dump_json().encode()

    return Response(held.memo(("cockpit-json", access.checkins), twin), media_type="application/json")


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.get("/projects/{key}/agenda", response_class=Response, responses={
    **ERRORS, 200: {"description": "the agenda", "content": {"text/markdown; charset=utf-8": {}, DOCX: {}}},
})
def agenda(request: Request, key: str, access: auth.Access = Reader,
           rule: str = Query("", max_length=100, description="a governance rule's id or name; empty: the next"),
           on: Annotated[dt.date | None, Query(description="the meeting on or after this day; empty: the status date")]
           = None,
           format: Literal["md", "docx"] = Query("md")) -> Response:
    """The draft agenda of a governance meeting with its preparation checklist (`pmo agenda`), Markdown or Word."""
    held = cached(request, key)
    day = on or held.review.as_of
    try:
        if format == "docx":
            body = api.agenda_docx(held.review, rule or None, day)  # not kept: any day may be asked
        else:
            body = agenda_text(held.review, rule, on).encode()
    except InputError as error:
        raise HTTPException(404, error.message) from error
    name = f"agenda-{key}-{day.isoformat()}.{format}"
    return Response(body, media_type=DOCX if format == "docx" else "text/markdown; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def agenda_text(review: Any, rule: str, on: dt.date | None) -> str:
    """The Markdown agenda (the page and the .md download); an unknown meeting answers 404."""
    try:
        return api.agenda_markdown_of(review, rule or None, on or review.as_of)
    except InputError as error:
        raise HTTPException(404, error.message) from error


@router.get("/projects/{key}/registers/{register}", response_model=views.Register, responses=ERRORS)
def register(request: Request, key: str, register: RegisterName, access: auth.Access = Reader,
             status: str = Query("", max_length=20), owner: str = Query("", max_length=100),
             q: str = Query("", max_length=200)) -> views.Register:
    """A register (actions, risks, issues, decisions, assumptions), filtered by status, owner, text."""
    return views.register(cached(request, key).review, register, status, owner, q)


@router.get("/projects/{key}/registers/{register}/{record_id}", response_model=views.RecordOut, responses=ERRORS)
def get_record(request: Request, key: str, register: RegisterName, record_id: str,
               access: auth.Access = Reader) -> views.RecordOut:
    """One record's editable values and its version."""
    found = _record(request, key, register, record_id)
    if found is None:
        raise HTTPException(404, f"project {key} has no {api.register_kind(register)} {record_id}")
    return found


def _record(request: Request, key: str, register: str, record_id: str) -> views.RecordOut | None:
    store = request.app.state.store
    version = api.record_version(store, key, register, record_id)
    review = cached(request, key).review
    return views.record(review, register, record_id, version) if version else None


def _editable(access: auth.Access, request: Request, key: str, register: str, record_id: str | None) -> None:
    owner = None
    if record_id is not None:
        found = _record(request, key, register, record_id)
        owner = found.values.get("owner") if found is not None else None
    if not access.may_edit(owner if record_id is not None else access.user):
        raise HTTPException(403, f"your role on {key} ({access.role}) does not allow this change")


def _field_type(spec: api.FieldSpec, creating: bool) -> tuple[Any, Any]:
    """The JSON type of a register's field: what the API accepts is what its schema says."""
    if spec.required:
        text = Annotated[str, Field(min_length=1, max_length=500, pattern=r"\S")]
        return (text, ...) if creating else (text | None, None)
    kinds: dict[str, Any] = {
        "date": dt.date, "bool": bool, "number": Annotated[int, Field(ge=1, le=5)],
        "textarea": Annotated[str, Field(max_length=5000)], "choice": Literal[spec.choices],
    }
    return (kinds.get(spec.type, Annotated[str, Field(max_length=500)]) | None, None)


def _as_text(values: BaseModel) -> dict[str, str | None]:
    """The fields a request gave, as the form's text: null or "" clears a field, a field left out is kept."""
    out: dict[str, str | None] = {}
    for name in values.model_fields_set:
        value = getattr(values, name)
        if isinstance(value, bool):
            out[name] = "true" if value else "false"
        elif isinstance(value, dt.date):
            out[name] = value.isoformat()
        else:
            out[name] = "" if value is None else str(value)
    return out


def _register_writes(register: str) -> None:
    """POST (create) and PUT (edit) of one register, with that register's fields in the schema."""
    kind, specs = api.REGISTERS[register]
    title = kind.capitalize()
    config = ConfigDict(extra="forbid")
    new_values: Any = create_model(f"New{title}", __config__=config,
                                   **{s.name: _field_type(s, True) for s in specs})  # type: ignore[call-overload]
    edit_values: Any = create_model(f"{title}Changes", __config__=config,
                                    **{s.name: _field_type(s, False) for s in specs})  # type: ignore[call-overload]
    new_body: Any = create_model(f"New{title}Request", __config__=config, values=(new_values, ...))
    edit_body: Any = create_model(
        f"{title}EditRequest", __config__=config, values=(edit_values, ...),
        version=(str, Field(..., max_length=64, description="the version the record was read at (GET)")),
    )

    def create(request: Request, key: str, body: new_body, access: auth.Access = JsonWriter) -> views.RecordOut:
        _editable(access, request, key, register, None)
        saved = api.save_record(request.app.state.store, key, register, None, _as_text(body.values), "",
                                dt.date.today())
        return _after(request, key, register, saved.id)

    def update(request: Request, key: str, record_id: str, body: edit_body,
               access: auth.Access = JsonWriter) -> views.RecordOut:
        _editable(access, request, key, register, record_id)
        saved = api.save_record(request.app.state.store, key, register, record_id, _as_text(body.values),
                                body.version, dt.date.today())
        return _after(request, key, register, saved.id)

    # the body types are made here: give FastAPI the classes, not the names (annotations are strings)
    create.__annotations__["body"] = new_body
    update.__annotations__["body"] = edit_body
    router.add_api_route(
        f"/projects/{{key}}/registers/{register}", create, methods=["POST"], response_model=views.RecordOut,
        status_code=201, name=f"create_{kind}", summary=f"Create a {kind}",
        responses={**ERRORS, 400: {"description": "a value is refused"}, 415: {"description": "not JSON"}},
    )
    router.add_api_route(
        f"/projects/{{key}}/registers/{register}/{{record_id}}", update, methods=["PUT"],
        response_model=views.RecordOut, name=f"update_{kind}",
        summary=f"Save a {kind}: the fields given change, null clears one; refused (409) over a newer version",
        responses={**ERRORS, 400: {"description": "a value is refused"},
                   409: {"description": "changed by someone else since it was read: nothing saved"},
                   415: {"description": "not JSON"}},
    )


for _register in api.REGISTERS:
    _register_writes(_register)


@router.post("/projects/{key}/registers/{register}/{record_id}/close", response_model=views.RecordOut,
             responses={**ERRORS, 409: {"description": "changed since it was read"}, 415: {"description": "not JSON"}})
def close_record(request: Request, key: str, register: RegisterName, record_id: str, body: CloseIn,
                 access: auth.Access = JsonWriter) -> views.RecordOut:
    """Close a record (an action done, a risk or issue closed, an assumption validated, a decision taken)."""
    _editable(access, request, key, register, record_id)
    saved = api.close_record(request.app.state.store, key, register, record_id, body.version, dt.date.today())
    return _after(request, key, register, saved.id)


def _after(request: Request, key: str, register: str, record_id: str) -> views.RecordOut:
    found = _record(request, key, register, record_id)
    assert found is not None
    return found


@router.get("/projects/{key}/findings", response_model=views.Findings, responses=ERRORS)
def findings(request: Request, key: str, access: auth.Access = Reader,
             code: str = Query("", max_length=60), duty: int | None = Query(None, ge=0, le=4),
             severity: str = Query("", max_length=10), person: str = Query("", max_length=100)) -> views.Findings:
    """The findings, filtered by code, duty, severity and person."""
    return views.findings(cached(request, key).review, access.checkins, code, duty, severity, person)


@router.get("/projects/{key}/notes", response_model=views.Notes, responses=ERRORS)
def notes(request: Request, key: str, access: auth.Access = Reader) -> views.Notes:
    """The meeting notes (sanitised HTML) and the entries extracted from each."""
    from pmo.web.markdown import to_html

    return views.notes(cached(request, key).review, to_html)


@router.get("/health", include_in_schema=False)
def health() -> Response:
    return Response("ok", media_type="text/plain")
