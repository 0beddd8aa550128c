"""MS Project binary files (.mpp), read through MPXJ converting them to MSPDI.

MPXJ (the `mpxj` PyPI package, installed by ``pip install 'pmo-copilot[mpp]'``) ships
the Java library as jars; pmo runs its converter as one subprocess,
``java -cp <jars> org.mpxj.sample.MpxjConvert in.mpp out.xml``, then reads the XML with
the MSPDI reader. No JPype is needed, only a Java runtime (11 or later). Records point
at the .mpp file (without lines: the XML in between is temporary).

Settings from the environment: `PMO_JAVA` (the java executable; else `JAVA_HOME` or
the PATH), `PMO_MPXJ_CLASSPATH` (jars to use instead of the installed `mpxj` package).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from pmo.errors import FormatError
from pmo.model import COLLECTIONS, Source
from pmo.sources.base import ReadContext, ReadResult
from pmo.sources.mspdi.reader import read_mspdi

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
INSTALL_HINT = (
    "install MPXJ with `pip install 'pmo-copilot[mpp]'` and a Java runtime "
    "(e.g. `apt-get install default-jre-headless`), or save the plan from MS Project as XML"
)
CONVERTERS = ("org.mpxj.sample.MpxjConvert", "net.sf.mpxj.sample.MpxjConvert")  # MPXJ 13+ / older
TIMEOUT_SECONDS = 300


def find_java() -> str | None:
    """The java executable: `PMO_JAVA`, then `JAVA_HOME/bin/java`, then the PATH."""
    if os.environ.get("PMO_JAVA"):
        return os.environ["PMO_JAVA"]
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def mpxj_jars() -> list[Path]:
    """The MPXJ jars: `PMO_MPXJ_CLASSPATH`, else those of the installed `mpxj` package."""
    override = os.environ.get("PMO_MPXJ_CLASSPATH")
    if override:
        return [Path(p) for p in override.split(os.pathsep) if p]
    spec = importlib.util.find_spec("mpxj")  # finds the package without importing it (it needs JPype)
    if spec is None or not spec.submodule_search_locations:
        return []
    jars: list[Path] = []
    for location in spec.submodule_search_locations:
        jars.extend(sorted((Path(location) / "lib").glob("*.jar")))
    return jars


def converter_class(jars: list[Path]) -> str:
    """The converter's class name in these jars (it moved from net.sf.mpxj to org.mpxj)."""
    for jar in jars:
        if jar.name.startswith("mpxj"):
            try:
                with zipfile.ZipFile(jar) as archive:
                    names = set(archive.namelist())
            except (OSError, zipfile.BadZipFile):
                continue
            for name in CONVERTERS:
                if name.replace(".", "/") + ".class" in names:
                    return name
    return CONVERTERS[0]


class MppReader:
    """Reads MS Project .mpp files through MPXJ (needs Java)."""

    name = "mpp"
    extensions = (".mpp",)

    def identify(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in self.extensions and head.startswith(OLE2_MAGIC)

    def read(self, path: Path, context: ReadContext) -> ReadResult:
        return read_mpp(path)


def convert_mpp(path: Path, out: Path) -> None:
    """Convert `path` (.mpp) to MSPDI at `out` with MPXJ; `FormatError` saying what is missing."""
    file = str(path)
    java = find_java()
    if not java:
        raise FormatError(
            file, None, f"reading .mpp files needs Java, which is not installed: {INSTALL_HINT}"
        )
    jars = mpxj_jars()
    if not jars:
        raise FormatError(
            file, None, f"reading .mpp files needs MPXJ, which is not installed: {INSTALL_HINT}"
        )
    command = [
        java,
        "-Djava.awt.headless=true",
        "-cp",
        os.pathsep.join(str(j) for j in jars),
        converter_class(jars),
        str(path),
        str(out),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except FileNotFoundError:
        raise FormatError(file, None, f"cannot run Java ({java}): {INSTALL_HINT}") from None
    except subprocess.TimeoutExpired:
        raise FormatError(file, None, f"MPXJ did not finish reading it in {TIMEOUT_SECONDS} s") from None
    if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        lines = [x for x in done.stderr.decode("utf-8", "replace").splitlines() if x.strip()]
        why = next(
            (x for x in reversed(lines) if "Exception" in x or "Error" in x), lines[-1] if lines else ""
        )
        raise FormatError(file, None, f"MPXJ cannot read it as an MS Project file ({why.strip()[:300]})")


def read_mpp(path: Path) -> ReadResult:
    """Read an .mpp file: MPXJ converts it to MSPDI, which the MSPDI reader reads."""
    file = str(path)
    with tempfile.TemporaryDirectory(prefix="pmo-mpp-") as folder:
        out = Path(folder) / "plan.xml"
        convert_mpp(path, out)
        result = read_mspdi(out, file=file)
    project = result.project
    source = Source(file=file)
    changes: dict[str, Any] = {
        name: tuple(dataclasses.replace(r, source=source) for r in getattr(project, name))
        for name, _ in COLLECTIONS
    }
    # MPXJ names the XML "project.xml"; the .mpp's own name is the better key.
    key = "-".join(path.stem.split())
    project = dataclasses.replace(
        project, key=key, name=project.name if project.name != "project" else key, source=source, **changes
    )
    findings = tuple(dataclasses.replace(f, source=source) for f in result.findings)
    return ReadResult(project=project, findings=findings, header=True)


__all__ = ["INSTALL_HINT", "MppReader", "convert_mpp", "find_java", "mpxj_jars", "read_mpp"]
