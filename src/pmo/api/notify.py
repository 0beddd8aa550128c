"""The weekly brief (`pmo brief`, by e-mail with `--send`) and the alerts (`pmo alert`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmo.api.workspace import review, review_workspace, workspace_store
from pmo.config import Settings
from pmo.engine.review.build import Review
from pmo.errors import InputError
from pmo.model import Finding

# The readers (icalendar, lxml, ruamel...) and the store (SQLAlchemy) are imported by the
# functions that use them, so `pmo check` loads no reader and `import pmo.api` stays light.
if TYPE_CHECKING:  # for annotations only

    pass


BRIEF_FORMATS = ("md", "html")


@dataclass(frozen=True)
class BriefOutput:
    """What `pmo brief` made: the files written, the text, and who it was sent to."""

    files: tuple[Path, ...]
    text: str
    sent_to: tuple[str, ...] = ()


def write_brief(review: Review, out: Path, formats: Sequence[str]) -> tuple[list[Path], dict[str, str]]:
    """Write the weekly brief in each format into `out`; returns the files and the documents."""
    unknown = [fmt for fmt in formats if fmt not in BRIEF_FORMATS]
    if unknown:
        raise InputError(f"unknown brief format {unknown[0]!r} (known: {', '.join(BRIEF_FORMATS)})")
    from pmo.engine.brief import build_brief
    from pmo.render.brief import render_brief

    brief = build_brief(review)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"brief-{review.project.key}-{review.as_of.isoformat()}"
    files, documents = [], {}
    for fmt in dict.fromkeys(formats):
        documents[fmt] = render_brief(brief, fmt)
        path = out / f"{stem}.{fmt}"
        path.write_text(documents[fmt], encoding="utf-8")
        files.append(path)
    return files, documents


def brief_workspace(
    settings: Settings, as_of: dt.date | None = None, fmt: str = "md", *, send: bool = False, out: Path | None = None
) -> BriefOutput:
    """The weekly brief of the workspace's project, written into `out` (default: the workspace's out folder).

    With `send`, both formats are written, then mailed through the `[mail]` settings; when the
    mail cannot go, the `DeliveryError` names the files kept on disk.
    """
    from pmo.config import smtp_password
    from pmo.engine.brief import build_brief
    from pmo.errors import DeliveryError

    result = review_workspace(settings, as_of, simulate=False)
    folder = out or settings.out
    if send and settings.mail is None:
        raise InputError(f"{settings.workspace / 'pmo.toml'}: no [mail] settings: add host, from, to (docs/brief.md)")
    files, documents = write_brief(result, folder, [fmt, *(BRIEF_FORMATS if send else ())])
    if not send or settings.mail is None:
        return BriefOutput(tuple(files), documents[fmt])
    from pmo.notify.mail import build_message, send_message

    message = build_message(settings.mail, build_brief(result).title, documents["md"], documents["html"])
    try:
        send_message(settings.mail, message, smtp_password())
    except DeliveryError as exc:
        raise DeliveryError(f"{exc}; the brief is kept in {', '.join(str(p) for p in files)}") from None
    return BriefOutput(tuple(files), documents[fmt], settings.mail.to)


@dataclass(frozen=True)
class AlertOutput:
    """What `pmo alert` did: per channel, the findings sent; the failures, if any."""

    sent: dict[str, tuple[Finding, ...]]
    failed: dict[str, str]
    link: str


def alert_workspace(settings: Settings, as_of: dt.date | None = None, out: Path | None = None) -> AlertOutput:
    """Send the error findings not yet alerted, once each, to every channel of the settings.

    Channels: the `[[alerts.webhooks]]` and, with `[alerts] mail = true`, the `[mail]` recipients.
    A finding is remembered per channel once delivered (table `sent_alerts`), so a failed
    channel gets it on the next run. The link is `report_url`, else the brief written on disk.
    """
    from pmo.config import smtp_password
    from pmo.engine.brief import alert_findings, finding_key
    from pmo.errors import DeliveryError
    from pmo.notify.mail import build_message, send_message
    from pmo.notify.webhooks import payload, post

    channels: list[str] = [f"{hook.kind}:{hook.url}" for hook in settings.webhooks]
    if settings.alert_mail and settings.mail is not None:
        channels.append("mail:" + ",".join(settings.mail.to))
    if not channels:
        raise InputError(f"{settings.workspace / 'pmo.toml'}: no alert channel: add [[alerts.webhooks]] or "
                         "[alerts] mail = true with [mail] (docs/brief.md)")
    sent: dict[str, tuple[Finding, ...]] = {}
    failed: dict[str, str] = {}
    with workspace_store(settings) as store:
        result = review(store.load(settings.project), as_of, store, settings.workspace, simulate=False)
        files, _ = write_brief(result, out or settings.out, ["html"])
        link = settings.report_url or files[0].resolve().as_uri()
        title = f"pmo: new errors in {result.project.name} ({result.project.key}) at {result.as_of.isoformat()}"
        hooks = {f"{hook.kind}:{hook.url}": hook for hook in settings.webhooks}
        for channel in channels:
            fresh = alert_findings(result, store.sent_alerts(result.project.key, channel))
            if not fresh:
                sent[channel] = ()
                continue
            lines = [f"{f.code}: {' '.join(f.message.split())} ({f.subject})" for f in fresh]
            try:
                if channel in hooks:
                    post(hooks[channel], payload(hooks[channel].kind, title, lines, link))
                elif settings.mail is not None:
                    text = "\n".join([title, "", *(f"- {line}" for line in lines), "", f"Report: {link}", ""])
                    html = _alert_html(title, lines, link)
                    send_message(settings.mail, build_message(settings.mail, title, text, html), smtp_password())
            except DeliveryError as exc:
                failed[channel] = str(exc)
                continue
            store.mark_sent(result.project.key, channel, [finding_key(f) for f in fresh])
            sent[channel] = fresh
    return AlertOutput(sent, failed, link)


def _alert_html(title: str, lines: Sequence[str], link: str) -> str:
    from html import escape

    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return (f"<!DOCTYPE html><html><body><h1>{escape(title)}</h1><ul>{items}</ul>"
            f'<p><a href="{escape(link)}">Open the report</a></p></body></html>\n')
