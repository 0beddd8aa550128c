"""The one shape of a finding: a problem or a fact pmo wants the manager to see."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from pmo.model.source import Source


class Severity(str, enum.Enum):
    """How much a finding matters: errors make `pmo check` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Subject:
    """What a finding is about: a kind (task, action, risk, ...), its id and name."""

    kind: str
    id: str
    name: str = ""

    def __str__(self) -> str:
        return f"{self.kind} {self.id}" + (f" ({self.name})" if self.name else "")


@dataclass(frozen=True)
class Finding:
    """A finding with a stable `code` (see docs/findings.md).

    `detail` holds the why / how / who / impact where they apply, as label -> text; a
    `milestone-slip` carries its delay file there as JSON-ready lists of objects
    (see `pmo.engine.foresight.DelayFile.to_detail`) and its measured recovery options
    (`options`, see `pmo.engine.recovery`).
    """

    code: str
    severity: Severity
    subject: Subject
    message: str
    detail: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)
    suggestion: str = ""
    source: Source = field(default_factory=Source)

    def sort_key(self) -> tuple[int, str, str, str]:
        return (self.severity.rank, self.code, self.subject.kind, self.subject.id)

    def line(self) -> str:
        """`path:line: severity code: message`, as `pmo check` prints it."""
        message = " ".join(self.message.split())  # one line, whatever the names hold
        return f"{self.source}: {self.severity.value} {self.code}: {message}"

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "subject": {"kind": self.subject.kind, "id": self.subject.id, "name": self.subject.name},
            "message": self.message,
            "detail": dict(self.detail),
            "suggestion": self.suggestion,
            "source": {
                "file": self.source.file,
                "line": self.source.line,
                "system": self.source.system,
                "key": self.source.key,
            },
        }


def finding_from_json(data: Any) -> Finding:
    """A finding back from `Finding.as_json()`."""
    subject, source = data["subject"], data["source"]
    return Finding(
        code=data["code"],
        severity=Severity(data["severity"]),
        subject=Subject(subject["kind"], subject["id"], subject.get("name", "")),
        message=data["message"],
        detail={str(k): v if isinstance(v, (list, dict, int, float)) else str(v)
                for k, v in data.get("detail", {}).items()},
        suggestion=data.get("suggestion", ""),
        source=Source(file=source.get("file"), line=source.get("line"), system=source.get("system"),
                      key=source.get("key")),
    )
