"""The steering committee deck: `pmo deck`, and the draft deck `pmo run` writes from T-5.

Reads the logo the project's `branding:` names (relative to the project file), picks the
steering committee (the next one from the status date, from the governance rules and the
calendar) and writes the PPTX the renderer lays out from the Review.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pmo.api.workspace import review_workspace
from pmo.config import Settings
from pmo.engine.review.build import Review
from pmo.errors import InputError

DECK_NAME = "deck.pptx"
"""The draft deck's name in a `pmo run` folder."""
LOGO_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")


def deck_bytes(review: Review, root: Path | None = None) -> bytes:
    """The PPTX of the review's next steering committee, in the project's colours and logo."""
    from pmo.engine.steerco import steering_of
    from pmo.render.deck import render_deck
    from pmo.render.deck.theme import theme_of

    project = review.project
    where = project.source.file or "the project file"
    logo = read_logo(review, root)
    theme = theme_of(project.branding, logo, Path(where).name)
    source = Path(project.source.file).name if project.source.file else "the project data"
    return render_deck(review, steering_of(review), theme, source)


def read_logo(review: Review, root: Path | None = None) -> bytes | None:
    """The bytes of the logo `branding.logo` names, relative to the project file (else to `root`).

    A logo named but missing, or not an image pmo can embed, is an `InputError` naming the file and line.
    """
    branding = review.project.branding
    if branding is None or not branding.logo:
        return None
    source = review.project.source
    base = Path(source.file).parent if source.file else (root or Path("."))
    if not base.is_absolute() and root is not None:
        base = root / base
    path = base / branding.logo
    where = str(source) if source.file else "project header"
    if path.suffix.lower() not in LOGO_TYPES:
        raise InputError(f"{where}: branding logo {branding.logo!r}: use a PNG or JPEG image")
    if not path.is_file():
        raise InputError(f"{where}: branding logo {branding.logo!r}: no such file ({path})")
    return path.read_bytes()


def deck_path(review: Review, out: Path) -> Path:
    """Where `pmo deck --out` writes: `out` itself when it names a .pptx, else a dated file inside it."""
    if out.suffix.lower() == ".pptx":
        return out
    return out / f"steering-deck-{review.project.key}-{review.as_of.isoformat()}.pptx"


def write_deck(review: Review, path: Path, root: Path | None = None) -> Path:
    """Write the deck of `review` to `path` (its folder made if needed); returns the path."""
    data = deck_bytes(review, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def deck_workspace(settings: Settings, as_of: dt.date | None = None, out: Path | None = None) -> Path:
    """`pmo deck`: the workspace project's deck at `as_of`, written under `out` (default: the output folder)."""
    review = review_workspace(settings, as_of)
    return write_deck(review, deck_path(review, out or settings.out), settings.workspace)


def draft_deck(review: Review, folder: Path, root: Path | None = None) -> tuple[Path | None, str | None]:
    """From T-5 (a steering committee within five working days of the status date) the draft deck.

    Returns the file written, or None and why not (no committee near, or a logo that cannot be read).
    """
    from pmo.engine.steerco import LEAD_WORKDAYS, steering_due

    meeting = steering_due(review.project, review.as_of)
    if meeting is None:
        return None, None
    try:
        return write_deck(review, folder / DECK_NAME, root), None
    except InputError as exc:
        return None, f"deck for the steering committee of {meeting.date.isoformat()} (T-{LEAD_WORKDAYS}): {exc}"
