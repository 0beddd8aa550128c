"""Who is asking, and what they may do: sessions, roles per project, login rate limiting.

A team install has accounts (`pmo user add`): a login opens a session, a signed cookie
(HttpOnly, SameSite=Lax; Secure when served over HTTPS) holding the user name and a random
nonce the CSRF tokens are bound to. In single-user mode (`pmo serve` on 127.0.0.1 for one
manager) nobody logs in: the one user is admin of every project.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from fastapi import HTTPException, Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from pmo import api

COOKIE = "pmo_session"
SESSION_SECONDS = 12 * 3600
SINGLE_USER = "you"


@dataclass(frozen=True)
class Access:
    """The reader of a project page: who, their role, what that role allows."""

    user: str
    role: str
    rights: frozenset[str] = field(default_factory=frozenset)

    @property
    def checkins(self) -> bool:
        return "checkins" in self.rights

    def may_edit(self, owner: str | None = None) -> bool:
        return "edit" in self.rights or ("edit-own" in self.rights and owner == self.user)


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.secret, salt="pmo-session")


def open_session(request: Request, response: Response, user: str) -> None:
    """Set the session cookie of `user`, with a new nonce (a login never reuses a session)."""
    value = _serializer(request).dumps({"u": user, "n": secrets.token_urlsafe(16)})
    response.set_cookie(COOKIE, value, max_age=SESSION_SECONDS, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")


def close_session(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/")


def load_session(request: Request) -> None:
    """Set `request.state.user` (None when nobody is logged in) and `request.state.nonce`."""
    if request.app.state.single_user:
        request.state.user, request.state.nonce = SINGLE_USER, request.app.state.nonce
        return
    request.state.user, request.state.nonce = None, "anonymous"
    cookie = request.cookies.get(COOKIE)
    if cookie:
        try:
            data = _serializer(request).loads(cookie, max_age=SESSION_SECONDS)
            request.state.user, request.state.nonce = str(data["u"]), str(data["n"])
        except (BadSignature, KeyError, TypeError):
            pass


def roles(request: Request) -> dict[str, str]:
    """Project key -> the reader's role (every project, admin, in single-user mode)."""
    store = request.app.state.store
    if request.app.state.single_user:
        return dict.fromkeys(api.project_keys(store), "admin")
    if request.state.user is None:
        return {}
    return api.user_roles(store, request.state.user)


class LoginRequired(Exception):
    """Nobody is logged in: a page redirects to the login form, the API answers 401."""


def access(request: Request, key: str) -> Access:
    """The reader's access to project `key`: 401 (login) without a session, 403 without a role."""
    if request.state.user is None:
        raise LoginRequired()
    if request.app.state.single_user:  # the one user is admin of every project; an unknown key is a 404 later
        return Access(request.state.user, "admin", api.ROLE_RIGHTS["admin"])
    role = roles(request).get(key)
    if role is None:
        raise HTTPException(403, f"you have no role on project {key}")
    return Access(request.state.user, role, api.ROLE_RIGHTS[role])


class RateLimit:
    """At most `attempts` failed logins per `window` seconds per (client, user name)."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, client: str, user: str) -> bool:
        with self._lock:
            seen = self._failures.get((client, user.lower()))
            if not seen:
                return False
            now = time.monotonic()
            while seen and now - seen[0] > self.window:
                seen.popleft()
            return len(seen) >= self.attempts

    def failed(self, client: str, user: str) -> None:
        with self._lock:
            self._failures.setdefault((client, user.lower()), deque()).append(time.monotonic())

    def succeeded(self, client: str, user: str) -> None:
        with self._lock:
            self._failures.pop((client, user.lower()), None)
