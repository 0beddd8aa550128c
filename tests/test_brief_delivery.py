"""The weekly brief and the alerts, delivered to REAL loopback servers (aiosmtpd, http.server).

The demo workspace is made once; each test appends its own [mail] / [alerts] settings to a copy.
"""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

aiosmtpd = pytest.importorskip("aiosmtpd", reason="aiosmtpd is in the test extra")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

from pmo.api import alert_workspace, brief_workspace, make_demo  # noqa: E402
from pmo.config import load_settings  # noqa: E402
from pmo.errors import DeliveryError  # noqa: E402

PASSWORD = "s3cret"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "ws"
    make_demo(folder)
    return folder


@pytest.fixture
def workspace(demo: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(demo, folder)
    return folder


def _settings_with(workspace: Path, text: str):  # type: ignore[no-untyped-def]
    with (workspace / "pmo.toml").open("a", encoding="utf-8") as file:
        file.write("\n" + text)
    return load_settings(workspace)


class _Inbox:
    """An aiosmtpd handler keeping every envelope received."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 OK"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"pm" and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, _Inbox]]:
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), authenticator=_authenticator,
                            auth_require_tls=False)  # AUTH offered without TLS: loopback only
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _mail_settings(port: int) -> str:
    return (f'[mail]\nhost = "127.0.0.1"\nport = {port}\nstarttls = false\nuser = "pm"\n'
            f'from = "pmo@example.org"\nto = ["manager@example.org", "sponsor@example.org"]\n')


def test_the_brief_is_mailed_as_multipart_text_and_html(workspace: Path, smtp_server, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    port, inbox = smtp_server
    monkeypatch.setenv("PMO_SMTP_PASSWORD", PASSWORD)
    result = brief_workspace(_settings_with(workspace, _mail_settings(port)), send=True)
    assert result.sent_to == ("manager@example.org", "sponsor@example.org")
    (envelope,) = inbox.envelopes
    assert envelope.mail_from == "pmo@example.org"
    assert envelope.rcpt_tos == ["manager@example.org", "sponsor@example.org"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    for header in ("From", "To", "Subject", "Date", "Message-ID"):
        assert str(message[header]).strip(), f"blank {header}"
    assert message["Subject"].startswith("Weekly brief: ERP roll-out")
    parts = {part.get_content_type(): part.get_content() for part in message.iter_parts()}
    assert set(parts) == {"text/plain", "text/html"}
    for section in ("What changed", "Decisions needed", "Coming weeks", "Risks coming closer", "To chase"):
        assert section in parts["text/plain"] and section in parts["text/html"]
    assert "None" not in parts["text/plain"]
    assert {p.name for p in result.files} == {"brief-ERP-2026-06-15.md", "brief-ERP-2026-06-15.html"}


def test_a_wrong_password_is_a_clear_error_and_the_brief_is_kept(workspace: Path, smtp_server, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    port, inbox = smtp_server
    monkeypatch.setenv("PMO_SMTP_PASSWORD", "wrong")
    settings = _settings_with(workspace, _mail_settings(port))
    with pytest.raises(DeliveryError) as caught:
        brief_workspace(settings, send=True)
    assert caught.value.exit_status == 3
    assert f"127.0.0.1:{port}: login refused for pm" in str(caught.value)
    kept = settings.out / "brief-ERP-2026-06-15.md"
    assert str(kept) in str(caught.value) and "Weekly brief" in kept.read_text(encoding="utf-8")
    assert inbox.envelopes == []


def test_an_unreachable_server_is_a_clear_error_and_the_brief_is_kept(workspace: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PMO_SMTP_PASSWORD", PASSWORD)
    port = _free_port()  # closed: nobody listens there
    settings = _settings_with(workspace, _mail_settings(port))
    with pytest.raises(DeliveryError, match=f"127.0.0.1:{port}: cannot connect") as caught:
        brief_workspace(settings, send=True)
    assert (settings.out / "brief-ERP-2026-06-15.html").is_file() and "kept in" in str(caught.value)


def test_pmo_brief_send_exits_3_when_the_mail_fails(workspace: Path) -> None:
    _settings_with(workspace, _mail_settings(_free_port()))
    done = subprocess.run([sys.executable, "-m", "pmo", "brief", "--send"], cwd=workspace, capture_output=True,
                          text=True, timeout=300, env={**_env(), "PMO_SMTP_PASSWORD": PASSWORD})
    assert done.returncode == 3, done.stderr
    assert "cannot connect" in done.stderr and "the brief is kept in" in done.stderr


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("PMO_")}


def test_the_password_is_refused_in_the_settings_file(workspace: Path) -> None:
    from pmo.errors import InputError

    with pytest.raises(InputError, match="never write it here, set PMO_SMTP_PASSWORD"):
        _settings_with(workspace, _mail_settings(25) + 'password = "x"\n')


class _Hooks(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str, Any]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Hooks.received.append((self.path, json.loads(body)))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def hook_server() -> Iterator[tuple[int, list[tuple[str, Any]]]]:
    _Hooks.received = []
    server = HTTPServer(("127.0.0.1", 0), _Hooks)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port, _Hooks.received
    finally:
        server.shutdown()
        server.server_close()


def test_webhook_alerts_have_each_tool_s_shape_and_are_sent_once(workspace: Path, hook_server) -> None:  # type: ignore[no-untyped-def]
    port, received = hook_server
    hooks = "".join(f'[[alerts.webhooks]]\nurl = "http://127.0.0.1:{port}/{kind}"\nkind = "{kind}"\n'
                    for kind in ("slack", "teams", "mattermost"))
    settings = _settings_with(workspace, hooks)
    first = alert_workspace(settings)
    assert not first.failed
    bodies = dict(received)
    assert set(bodies) == {"/slack", "/teams", "/mattermost"}
    errors = next(iter(first.sent.values()))
    assert errors, "the demo has error findings"
    code = errors[0].code
    assert set(bodies["/slack"]) == {"text"} and code in bodies["/slack"]["text"]
    assert "|Open the report>" in bodies["/slack"]["text"]
    assert set(bodies["/mattermost"]) == {"text"} and "[Open the report](file://" in bodies["/mattermost"]["text"]
    teams = bodies["/teams"]
    assert teams["type"] == "message"
    (attachment,) = teams["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and any(code in block["text"] for block in card["body"])
    assert card["actions"][0]["url"].startswith("file://")
    assert all(text.strip() for text in (bodies["/slack"]["text"], bodies["/mattermost"]["text"]))
    second = alert_workspace(load_settings(workspace))
    assert len(received) == 3, "the same findings are not sent twice"
    assert all(not findings for findings in second.sent.values())


def test_a_failed_webhook_is_retried_on_the_next_run(workspace: Path, hook_server) -> None:  # type: ignore[no-untyped-def]
    port, received = hook_server
    closed = _free_port()
    settings = _settings_with(workspace, f'[[alerts.webhooks]]\nurl = "http://127.0.0.1:{closed}/x"\nkind = "slack"\n')
    result = alert_workspace(settings)
    (why,) = result.failed.values()
    assert "slack webhook http://127.0.0.1" in why and "/x" not in why  # the URL's secret path is not shown
    (workspace / "pmo.toml").write_text(
        (workspace / "pmo.toml").read_text(encoding="utf-8").replace(str(closed), str(port)), encoding="utf-8")
    again = alert_workspace(load_settings(workspace))
    assert not again.failed and len(received) == 1


def test_starttls_against_a_server_without_it_is_a_clear_error(workspace: Path, smtp_server, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    port, inbox = smtp_server
    monkeypatch.setenv("PMO_SMTP_PASSWORD", PASSWORD)
    settings = _settings_with(workspace, _mail_settings(port).replace("starttls = false", "starttls = true"))
    with pytest.raises(DeliveryError, match="turn starttls off, or use a server that offers it"):
        brief_workspace(settings, send=True)
    assert inbox.envelopes == []
