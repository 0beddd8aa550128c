"""Login and logout (team install), with login rate limiting: 5 failures in 5 minutes per client and name."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pmo import api
from pmo.web import auth, csrf
from pmo.web.routes.common import page

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    if request.app.state.single_user:
        return RedirectResponse("/", status_code=303)
    return page(request, "login.html", {"next": _safe(next), "error": ""})


@router.post("/login", dependencies=[Depends(csrf.check_form)])
def login(request: Request, username: str = Form(..., max_length=100), password: str = Form(..., max_length=500),
          next: str = Form("/")) -> Response:
    client = request.client.host if request.client else "?"
    limit: auth.RateLimit = request.app.state.rate_limit
    if limit.blocked(client, username):
        raise HTTPException(429, "too many failed logins: wait a few minutes and try again")
    user = api.check_login(request.app.state.store, username, password)
    if user is None:
        limit.failed(client, username)
        return page(request, "login.html", {"next": _safe(next), "error": "wrong user name or password"}, 401)
    limit.succeeded(client, username)
    response = RedirectResponse(_safe(next), status_code=303)
    auth.open_session(request, response, user.username)
    return response


@router.post("/logout", dependencies=[Depends(csrf.check_form)])
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    auth.close_session(response)
    return response


def _safe(target: str) -> str:
    """Only a path of this site (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
