"""CSRF protection: every form carries a token bound to the session; a POST without it is refused.

The token is an HMAC of the session's random nonce under the app's secret, so a page of
another site can neither read nor forge it. The JSON API is protected differently: its
writes accept only ``application/json`` bodies, which a browser sends across sites only
after a CORS preflight this app never grants.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request

FIELD = "csrf_token"


def token_for(secret: str, nonce: str) -> str:
    return hmac.new(secret.encode(), f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def request_token(request: Request) -> str:
    """The CSRF token of the request's session (what the templates put in every form)."""
    return token_for(request.app.state.secret, request.state.nonce)


async def check_form(request: Request) -> None:
    """Refuse (403) a form posted without the session's CSRF token."""
    form = await request.form()
    given = str(form.get(FIELD, ""))
    if not given or not hmac.compare_digest(given, request_token(request)):
        raise HTTPException(403, "this form is missing its security token (CSRF) or it expired: reload the page")


def check_json(request: Request) -> None:
    """Refuse (415) an API write whose body is not JSON (a cross-site form cannot send JSON)."""
    if not request.headers.get("content-type", "").split(";")[0].strip() == "application/json":
        raise HTTPException(415, "send the body as application/json")
