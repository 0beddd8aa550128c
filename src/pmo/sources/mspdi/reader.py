"""MS Project XML (MSPDI): recognise and read safely (writing is `pmo.exports.mspdi`).

The file is parsed with lxml without entity expansion, network or DTD loading, and a
file that declares a DOCTYPE (the door to entity bombs and external entities) is refused
with a `FormatError` naming its line: MS Project never writes one. The mapping of
MSPDI elements to pmo fields is in docs/formats/msproject.md; reading happens in
`pmo.sources.mspdi.read`, writing in `pmo.exports.mspdi`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from pmo.errors import FormatError
from pmo.sources.base import ReadContext, ReadResult
from pmo.sources.mspdi.fields import NS, Q
from pmo.sources.mspdi.read import read_document

_ROOT = re.compile(rb"<Project\b[^>]*xmlns\s*=\s*[\"']" + re.escape(NS.encode()) + rb"[\"']")
_DOCTYPE = tuple(
    ("<!DOCTYPE".encode(codec), "\n".encode(codec)) for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


class MspdiReader:
    """Reads MS Project XML files (MSPDI, saved by MS Project, ProjectLibre, MPXJ...)."""

    name = "mspdi"
    extensions = (".xml",)

    def identify(self, path: Path, head: bytes) -> bool:
        if path.suffix.lower() not in self.extensions:
            return False
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                head = head.decode("utf-16", errors="ignore").encode("utf-8")
            except UnicodeError:
                return False
        return _ROOT.search(head) is not None

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        return read_mspdi(path)


def parse_mspdi(data: bytes, file: str) -> Any:
    """The root `Project` element of MSPDI bytes; `FormatError` (file:line) if unsafe or unreadable."""
    for marker, newline in _DOCTYPE:
        at = data.find(marker)
        if at >= 0:
            line = data[:at].count(newline) + 1
            raise FormatError(
                file, line, "a DOCTYPE declaration is refused (MSPDI has none; entities are not expanded)"
            )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        where: int | None = exc.lineno if exc.lineno else None
        raise FormatError(file, where, f"not well-formed XML: {exc.msg}") from None
    except ValueError as exc:
        raise FormatError(file, None, f"cannot read the XML: {exc}") from None
    if root is None:
        raise FormatError(file, None, "empty XML document")
    if root.getroottree().docinfo.doctype:
        raise FormatError(
            file, 1, "a DOCTYPE declaration is refused (MSPDI has none; entities are not expanded)"
        )
    if root.tag != Q + "Project":
        raise FormatError(
            file,
            root.sourceline,
            f'not MS Project XML: the root is <{etree.QName(root).localname}>, not <Project xmlns="{NS}">',
        )
    return root


def read_mspdi(path: Path, data: bytes | None = None, file: str | None = None) -> ReadResult:
    """Read an MSPDI file (or its bytes); `file` names it in sources and errors."""
    file = file or str(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FormatError(file, None, f"cannot read ({exc.strerror})") from None
    root = parse_mspdi(data, file)
    try:
        return read_document(root, file)
    except (ValueError, OverflowError, RecursionError) as exc:
        raise FormatError(file, None, f"cannot read the plan: {exc}") from None


__all__ = ["MspdiReader", "parse_mspdi", "read_mspdi"]
