"""pmo, the PMO copilot: the public Python API.

    >>> import pmo
    >>> project = pmo.load("src/pmo/examples/demo/project.yaml")
    >>> review = pmo.review(project)            # at the project's status date
    >>> review.rating.label, len(review.findings)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pmo.engine.review.build import Review
from pmo.model import Finding, Project, Severity

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

__version__ = "0.1.0"


def load(path: Path | str, project: str | None = None) -> Project:
    """A project from a file pmo reads, or from a workspace folder."""
    from pmo.api import load as _load

    return _load(path, project)


def review(project: Project, as_of: dt.date | None = None, **options: Any) -> Review:
    """Everything pmo knows about `project` at `as_of` (default: its status date)."""
    from pmo.api import review as _review

    return _review(project, as_of, **options)


__all__ = ["Finding", "Project", "Review", "Severity", "__version__", "load", "review"]
