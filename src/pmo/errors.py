"""The exception tree: failures that stop a command, each with its exit and HTTP status.

Problems in the user's data that do not stop a command are findings, not exceptions.

    PmoError                  exit 2, HTTP 500
    ├── InputError            exit 2, HTTP 400  bad input: a file, a date, an option
    │   └── FormatError       exit 2, HTTP 422  a file pmo cannot read, with file:line
    ├── WorkspaceError        exit 2, HTTP 404  no workspace, no project, unknown key
    ├── StoreError            exit 2, HTTP 500  the database refused an operation
    ├── ConflictError         exit 2, HTTP 409  a record changed since it was read (a web edit)
    └── DeliveryError         exit 3, HTTP 502  an e-mail or a webhook could not be delivered
"""

from __future__ import annotations


class PmoError(Exception):
    """Base of every failure that stops a command."""

    exit_status = 2
    http_status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(PmoError):
    """The user gave something pmo cannot use (an option, a date, a path)."""

    http_status = 400


class FormatError(InputError):
    """A file pmo cannot read; names the file and, where known, the line."""

    http_status = 422

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.reason = message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


class WorkspaceError(PmoError):
    """No workspace here, or no such project in it."""

    http_status = 404


class StoreError(PmoError):
    """The database refused an operation (nothing was changed)."""


class ConflictError(PmoError):
    """Someone saved the record since it was read: the save is refused, nothing is stored."""

    http_status = 409


class DeliveryError(PmoError):
    """A brief or an alert could not be delivered (SMTP refused, server unreachable, webhook failed).

    Exit status 3: the output was made and kept on disk; only its delivery failed.
    """

    exit_status = 3
    http_status = 502
