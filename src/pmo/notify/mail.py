"""E-mail through SMTP: a multipart/alternative message (plain text and HTML), STARTTLS and login.

The password comes from the caller (the environment, `PMO_SMTP_PASSWORD`), never from the
settings file. Every failure to deliver is a `DeliveryError` naming the server.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from pmo.config import MailSettings
from pmo.errors import DeliveryError

TIMEOUT_SECONDS = 20


def build_message(settings: MailSettings, subject: str, text: str, html: str) -> EmailMessage:
    """The message: From, To, Subject, Date, Message-ID, a text part and an HTML alternative."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def send_message(settings: MailSettings, message: EmailMessage, password: str | None) -> None:
    """Send `message` through the server of `settings`; a `DeliveryError` says why it failed."""
    where = f"SMTP server {settings.host}:{settings.port}"
    if settings.user and not password:
        raise DeliveryError(f"{where}: user {settings.user} needs a password: set PMO_SMTP_PASSWORD")
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user and password:
                smtp.login(settings.user, password)
            smtp.send_message(message, from_addr=settings.sender, to_addrs=list(settings.to))
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"{where}: login refused for {settings.user} (wrong user or password?): "
                            f"{exc.smtp_code} {_said(exc.smtp_error)}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(f"{where}: {exc} (turn starttls off, or use a server that offers it)") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise DeliveryError(f"{where}: recipients refused: {', '.join(exc.recipients)}") from None
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"{where}: refused: {exc.smtp_code} {_said(exc.smtp_error)}") from None
    except (smtplib.SMTPException, ssl.SSLError) as exc:
        raise DeliveryError(f"{where}: {exc}") from None
    except (TimeoutError, ConnectionError, socket.gaierror, OSError) as exc:
        raise DeliveryError(f"{where}: cannot connect ({exc})") from None


def _said(error: bytes | str) -> str:
    return error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
