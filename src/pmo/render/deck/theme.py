"""The deck's look: the project's colours and logo (native `branding:`), else pmo's, and the fixed tones.

The defaults are the status report's colours (render/docx.py): navy for titles and table
heads, blue for accents, the same RAG fills. Arial everywhere: every office suite has it
or a metric twin (LibreOffice's Liberation Sans), so text fits the same boxes.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmo.model import Branding

PRIMARY = "1D3557"
"""pmo's navy: the report's title band and table heads."""
ACCENT = "2F6DB5"
"""pmo's blue: the report's chart colour."""
FONT = "Arial"
INK, MUTED, RULE, ZEBRA, WHITE = "1F2933", "52606D", "D9E2EC", "F4F6F9", "FFFFFF"
FILLS = {"green": "2E7D32", "amber": "E9A100", "red": "C62828", "na": "9AA5B1"}
"""RAG badges: the report's fills."""
INKS = {"red": "B71C1C", "amber": "A05A00", "green": "2E7D32", "na": "7B8794", "pending": "8A5A00"}
"""Text tones of table cells: late in red, pending in brown, NA in grey."""
SERIES = ("2F6DB5", "C0392B", "E9A100", "2E7D32", "8E44AD", "16A085", "D35400", "7F8C8D")
"""Line colours of the milestone trend, after the project's own two."""


@dataclass(frozen=True)
class Theme:
    """Colours as RRGGBB (no '#'), the logo as PNG/JPEG bytes (or None), and where they came from."""

    primary: str = PRIMARY
    accent: str = ACCENT
    logo: bytes | None = None
    origin: str = "pmo's default colours (no branding in the project file)"

    @property
    def series(self) -> tuple[str, ...]:
        """Chart line colours: the project's two first, then the fixed palette."""
        own = (self.primary, self.accent)
        return (*own, *(c for c in SERIES if c not in own))


def theme_of(branding: Branding | None, logo: bytes | None = None, where: str = "the project file") -> Theme:
    """The theme of a project's `branding:` (its logo already read into `logo`)."""
    if branding is None:
        return Theme(logo=logo)
    primary = (branding.primary or f"#{PRIMARY}").lstrip("#").upper()
    accent = (branding.accent or f"#{ACCENT}").lstrip("#").upper()
    parts = [f"primary #{primary}" if branding.primary else "", f"accent #{accent}" if branding.accent else "",
             f"logo {branding.logo}" if branding.logo and logo else ""]
    named = ", ".join(p for p in parts if p) or "nothing"
    return Theme(primary, accent, logo, f"branding in {where}: {named}")
