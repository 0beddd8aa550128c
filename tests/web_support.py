"""Helpers of the web tests (tests/web): the demo's accounts, CSRF tokens, logging in."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

DEMO = Path(__file__).resolve().parents[1] / "src" / "pmo" / "examples" / "demo"
PASSWORD = "correct horse battery"
KEY = "ERP"
# team-mode accounts: login -> role on ERP (None: an account with no role on it)
ACCOUNTS = {"boss": "manager", "mdubois": "member", "reader": "viewer", "outsider": None}


def csrf_of(html: str) -> str:
    """The CSRF token of the first form of a page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found[1]


def login(client: TestClient, user: str, password: str = PASSWORD) -> None:
    token = csrf_of(client.get("/login").text)
    done = client.post("/login", data={"username": user, "password": password, "csrf_token": token},
                       follow_redirects=False)
    assert done.status_code == 303, done.text
