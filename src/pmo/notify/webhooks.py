"""Chat messages through incoming webhooks, in the shape each tool expects.

Slack and Mattermost take `{"text": ...}` (Markdown links `<url|label>` for Slack,
`[label](url)` for Mattermost); Microsoft Teams takes a message with an Adaptive Card.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from pmo.config import Webhook
from pmo.errors import DeliveryError

TIMEOUT_SECONDS = 20


def payload(kind: str, title: str, lines: Sequence[str], link: str) -> dict[str, Any]:
    """The JSON body of one alert for a `slack`, `teams` or `mattermost` webhook."""
    if kind == "teams":
        body: list[dict[str, Any]] = [
            {"type": "TextBlock", "text": title, "weight": "Bolder", "size": "Medium", "wrap": True},
            *({"type": "TextBlock", "text": line, "wrap": True} for line in lines),
        ]
        card = {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": body,
            "actions": [{"type": "Action.OpenUrl", "title": "Open the report", "url": link}],
        }
        return {
            "type": "message",
            "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}],
        }
    anchor = f"<{link}|Open the report>" if kind == "slack" else f"[Open the report]({link})"
    return {"text": "\n".join([f"*{title}*" if kind == "slack" else f"**{title}**", *(f"- {line}" for line in lines),
                               anchor])}


def post(hook: Webhook, body: dict[str, Any]) -> None:
    """POST `body` to the webhook; a `DeliveryError` when it cannot be delivered."""
    where = f"{hook.kind} webhook {_shown(hook.url)}"
    try:
        response = httpx.post(hook.url, json=body, timeout=TIMEOUT_SECONDS)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{where}: cannot deliver ({exc})") from None
    if response.status_code >= 300:
        raise DeliveryError(f"{where}: refused with HTTP {response.status_code}: {response.text[:200]}")


def _shown(url: str) -> str:
    """The URL without its secret path (webhook URLs carry their token): scheme and host only."""
    parsed = httpx.URL(url)
    return f"{parsed.scheme}://{parsed.host}" + (f":{parsed.port}" if parsed.port else "")
