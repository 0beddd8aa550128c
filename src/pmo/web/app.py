"""The app factory: `create_app(workspace, single_user)` opens the workspace's store once, holds
the Review cache and the secret, and mounts the pages, the API, the check-in door and the static files."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pmo import __version__, api
from pmo.config import load_settings
from pmo.errors import PmoError
from pmo.web import auth, csrf
from pmo.web.cache import ReviewCache
from pmo.web.markdown import to_html


def create_app(workspace: Path, single_user: bool = True, *, database_url: str | None = None) -> FastAPI:
    """The web app of `workspace`. `single_user`: no login, the one user is admin of every project."""
    settings = load_settings(workspace, database_url)
    store = api.open_store(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="pmo", version=__version__, lifespan=lifespan,
        description="The PMO copilot's web API: every page's JSON twin, the registers, the downloads (docs/web.md).",
    )
    app.state.settings = settings
    app.state.store = store
    app.state.single_user = single_user
    app.state.secret = api.web_secret(settings)
    app.state.nonce = secrets.token_urlsafe(16)  # single-user mode: the one session of this process
    app.state.cache = ReviewCache(
        lambda key: api.review_project(store, key, settings.workspace),
        lambda key: api.project_revision(store, key),
    )
    app.state.rate_limit = auth.RateLimit()
    folder = Path(str(resources.files("pmo.web")))
    templates = Jinja2Templates(directory=str(folder / "templates"))
    templates.env.globals.update(csrf_field=csrf.FIELD, markdown=to_html, version=__version__)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(folder / "static")), name="static")

    app.add_middleware(SessionAndHeaders)

    @app.exception_handler(auth.LoginRequired)
    async def login_required(request: Request, _exc: auth.LoginRequired) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "log in first"}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(PmoError)
    async def pmo_error(request: Request, exc: PmoError) -> Response:
        return _error(request, exc.http_status, exc.message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), exc.headers)

    from pmo.web.routes import account, checkin, downloads, json_api, pages

    app.include_router(json_api.router)
    app.include_router(downloads.router)
    app.include_router(account.router)
    app.include_router(pages.router)
    app.include_router(checkin.router)
    return app


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"),
    (b"referrer-policy", b"same-origin"),
]


class SessionAndHeaders:
    """ASGI middleware: the session read into the request's state, security headers on every answer
    (a plain ASGI middleware: Starlette's BaseHTTPMiddleware costs milliseconds a request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        auth.load_session(Request(scope))  # writes into scope["state"], which the route's Request shares

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in SECURITY_HEADERS if k not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)


def _error(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "text/html"):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "user": getattr(request.state, "user", None),
                                "csrf": "", "today": dt.date.today()},
        status_code=status, headers=headers,
    )
