"""What every route uses: the cached Review of a project, the reader's access, rendering a page."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from pmo.web import auth, csrf
from pmo.web.cache import Cached

RegisterName = Literal["actions", "risks", "issues", "decisions", "assumptions"]


async def reader(request: Request, key: str) -> auth.Access:
    """The reader's access to the project in the path (401/403 before anything is read).

    Async (one small query at most, none in single-user mode): a sync dependency would cost
    every request a hop through the thread pool."""
    return auth.access(request, key)


Reader = Depends(reader)


async def json_writer(request: Request, key: str) -> auth.Access:
    """An API write: the reader's access first (401/403), then a JSON body (415)."""
    found = auth.access(request, key)
    csrf.check_json(request)
    return found


async def form_writer(request: Request, key: str) -> auth.Access:
    """A form post: the reader's access first (login/403), then its CSRF token (403)."""
    found = auth.access(request, key)
    await csrf.check_form(request)
    return found


JsonWriter = Depends(json_writer)
FormWriter = Depends(form_writer)


def cached(request: Request, key: str) -> Cached:
    cache = request.app.state.cache
    return cache.get(key)  # type: ignore[no-any-return]


def page(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Render a page with what every page needs (the user, the CSRF token, the projects menu)."""
    base = {
        "user": request.state.user, "single_user": request.app.state.single_user,
        "csrf": csrf.request_token(request), "today": dt.date.today(),
    }
    templates = request.app.state.templates
    return templates.TemplateResponse(request, template, {**base, **context}, status_code=status)  # type: ignore[no-any-return]
