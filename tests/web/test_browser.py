"""The web app in a real browser: Playwright drives Debian's chromium (headless, --no-sandbox)
against `pmo serve --team` on a free loopback port: log in, open the cockpit, add an action,
check in through a personal link on a phone, download from the cockpit.

With PMO_WEB_SCREENSHOTS=DIR, the main pages are saved there as PNG (docs/images/web-*.png).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pmo import api
from pmo.config import load_settings
from web_support import KEY, PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"),
    pytest.mark.slow,
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(workspace: Path, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "pmo", "serve", "--team", "--host", "127.0.0.1", "--port", str(port),
             "--workspace", str(workspace)],
            stdout=out, stderr=subprocess.STDOUT, text=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None:
                pytest.fail(f"pmo serve stopped: {log.read_text()}")
            time.sleep(0.2)
        else:
            pytest.fail("pmo serve did not answer within 60 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def shoot(page: object, name: str) -> None:
    folder = os.environ.get("PMO_WEB_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"web-{name}.png"), full_page=name != "cockpit")  # type: ignore[attr-defined]


def test_the_manager_and_the_team_in_a_browser(server: str, browser: object, workspace: Path, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(60_000)

    # log in
    page.goto(f"{server}/p/{KEY}")
    assert "/login" in page.url
    page.get_by_label("User name").fill("boss")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{server}/p/{KEY}")

    # the cockpit
    assert page.locator("h1").inner_text().startswith("ERP")
    assert page.locator("svg[aria-label^='Gantt chart']").count() == 1
    assert page.get_by_role("heading", name="Delays: why, how, who, impact, options").is_visible()
    shoot(page, "cockpit")
    # the delay file of the go-live: its headline, its details on demand, its options, the recommended first
    card = page.locator("#delay-CUT-09")
    card.scroll_into_view_if_needed()
    assert card.locator("p").first.inner_text().startswith("CUT-09 Go-live moves")
    assert "Recommended:" in card.locator("tr.recommended").first.inner_text()
    assert not card.get_by_role("heading", name="Causes").is_visible()
    card.locator("summary").click()
    assert card.get_by_role("heading", name="Causes").is_visible()
    assert card.get_by_role("cell", name="DM-08 Mock migration 1: master data").first.is_visible()
    folder = os.environ.get("PMO_WEB_SCREENSHOTS")
    if folder:
        card.screenshot(path=str(Path(folder) / "web-cockpit-delay.png"))
    # the steering committee's checklist in the governance look-ahead
    assert page.get_by_role("heading", name="Preparation — Steering committee ERP S/4HANA #6, 2026-06-19").is_visible()
    if folder:
        page.locator("section[aria-labelledby='governance']").screenshot(
            path=str(Path(folder) / "web-cockpit-governance.png"))
    page.goto(f"{server}/")
    assert page.locator(".card h2 a").first.inner_text()
    shoot(page, "portfolio")

    # add an action
    page.goto(f"{server}/p/{KEY}/registers/actions")
    page.locator("#new-title").fill("Book the cut-over rehearsal room")
    page.locator("#new-owner").fill("slefevre")
    page.locator("#new-due").fill("2026-07-02")
    page.get_by_role("button", name="Add action").click()
    page.wait_for_selector("p.ok")
    assert "Saved action" in page.locator("p.ok").inner_text()
    assert page.get_by_role("cell", name="Book the cut-over rehearsal room").is_visible()
    stored = [a for a in api.load_workspace(load_settings(workspace)).actions
              if a.title == "Book the cut-over rehearsal room"]
    assert stored and stored[0].owner == "slefevre"

    # download the steering deck from the cockpit
    page.goto(f"{server}/p/{KEY}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Steering deck").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".pptx" and saved.read_bytes()[:2] == b"PK"
    from pptx import Presentation

    assert len(Presentation(str(saved)).slides) >= 10
    context.close()

    # a check-in through a personal link, on a phone
    _, link, _ = api.checkin_link(load_settings(workspace), "mdubois", 7, server, dt.date.today())
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]
    mobile = phone.new_page()
    mobile.goto(link)
    assert "Hello Marc" in mobile.locator("h1").inner_text()
    shoot(mobile, "checkin-phone")
    mobile.locator("label[for='stress-2']").click()
    mobile.locator("label[for='confidence-4']").click()
    mobile.get_by_label("What blocks you? (one per line)").fill("Waiting for the test data")
    mobile.get_by_role("button", name="Send my check-in").click()
    mobile.wait_for_selector("p.ok")
    assert "check-in" in mobile.locator("p.ok").inner_text()
    phone.close()
    checkins = [c for c in api.load_workspace(load_settings(workspace)).checkins
                if c.person == "mdubois" and c.date == dt.date.today()]
    assert checkins and checkins[0].stress == 2 and checkins[0].blockers == ("Waiting for the test data",)
