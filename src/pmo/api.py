"""The library functions the CLI and the web call: import, review, report, run, demo.

They orchestrate sources, store, engines and renderers; they hold no domain logic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pmo.config import Settings, create_workspace, load_settings
from pmo.engine.review.build import Review, build_review, review_snapshot
from pmo.errors import FormatError, InputError, PmoError
from pmo.model import COLLECTIONS, Finding, Project

# The readers (icalendar, lxml, ruamel...) and the store (SQLAlchemy) are imported by the
# functions that use them, so `pmo check` loads no reader and `import pmo.api` stays light.
if TYPE_CHECKING:  # for annotations only
    from collections.abc import Callable

    from pmo.engine.leveling.level import Leveling
    from pmo.engine.schedule import Forecast, Schedule
    from pmo.sources import ReadContext, Reader, ReadResult
    from pmo.store import Store, Unit

REPORT_FORMATS = ("md", "html", "pdf", "docx")


@dataclass(frozen=True)
class Imported:
    """One file imported: its reader, what it brought, and the findings of the read."""

    path: str
    reader: str
    counts: dict[str, int]
    findings: tuple[Finding, ...]


def open_store(settings: Settings) -> Store:
    from pmo.store import Store

    return Store.open(settings.database_url)


@contextmanager
def workspace_store(settings: Settings) -> Iterator[Store]:
    """The workspace's store, closed on the way out."""
    store = open_store(settings)
    try:
        yield store
    finally:
        store.close()


@dataclass(frozen=True)
class ProjectHeader:
    """What `pmo init --project` says of a project; the rest is left blank."""

    key: str
    name: str
    manager: str | None = None
    sponsor: str | None = None
    status_date: dt.date | None = None


def init_workspace(folder: Path, header: ProjectHeader | None = None) -> Path:
    """Create a workspace in `folder` (kept if it exists) and, with `header`, its project."""
    path = create_workspace(folder)
    with workspace_store(load_settings(folder)) as store:
        if header is not None:
            if not header.key.strip() or any(c.isspace() for c in header.key):
                raise InputError(f"--project {header.key!r}: a project key is one word, e.g. WMS")
            store.create_project(
                Project(
                    key=header.key,
                    name=header.name.strip() or header.key,
                    manager=header.manager,
                    sponsor=header.sponsor,
                    status_date=header.status_date,
                )
            )
    return path


def review_workspace(settings: Settings, as_of: dt.date | None = None, *, simulate: bool = True) -> Review:
    """The Review of the workspace's project at `as_of`, with its history.

    The Monte Carlo forecast kept for the data's revision and the status date is reused;
    without one, it is computed (and kept) when `simulate` is True (`pmo check` does not).
    """
    with workspace_store(settings) as store:
        return review(store.load(settings.project), as_of, store, settings.workspace, simulate=simulate)


def _files(paths: Sequence[Path]) -> Iterator[tuple[Path, bool]]:
    """Every file to import, with whether the user named it (True) or a folder held it."""
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        path = path.resolve()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield child, False
        else:
            yield path, True


# Readers that define the project (its header, its status date) are read first; calendars,
# whose window of occurrences follows the status date, last. No reader matches names
# against people: `pmo.model.resolve` does when the project is loaded, so what a file
# brings does not depend on the other files or the order of imports.
_HEADER_READERS = ("native", "mspdi", "mpp")
_DATED_READERS = ("ical",)


def _rank(reader: Reader) -> int:
    return 0 if reader.name in _HEADER_READERS else 2 if reader.name in _DATED_READERS else 1


def read_files(
    paths: Sequence[Path], existing: Project | None = None, options: dict[str, str] | None = None
) -> tuple[list[Unit], list[Path]]:
    """Read every file first (nothing is stored if one fails); returns units and skipped files.

    Project files are read first, then records, then calendars, each reader seeing the
    stored project overlaid with what the files before it brought (for the status date).
    """
    from pmo.sources import ReadContext, detect
    from pmo.store import Unit, file_digest

    chosen = []
    skipped = []
    for path, named in _files(paths):
        try:
            chosen.append((path, detect(path)))
        except FormatError:
            if named:
                raise
            skipped.append(path)
    chosen.sort(key=lambda item: _rank(item[1]))  # stable: files keep their order within a rank
    units: list[Unit] = []
    context_project = existing
    for path, reader in chosen:
        context = ReadContext(project=context_project, window=_window(context_project), options=options or {})
        result = _read_safely(reader, path, context)
        units.append(Unit(result, str(path), reader.name, file_digest(path)))
        context_project = _merge(context_project, result)
    return units, skipped


def _read_safely(reader: Reader, path: Path, context: ReadContext) -> ReadResult:
    """Read a file; a reader's unexpected failure is a bad file (exit 2), never a traceback."""
    try:
        return reader.read(path, context)
    except PmoError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError) as exc:
        why = f"the {reader.name} reader could not read it ({type(exc).__name__}: {exc})"
        raise FormatError(str(path), None, why) from None


def _merge(base: Project | None, result: ReadResult) -> Project:
    """What the store will hold once `result` is stored: its header if it defines the
    project, and its records over the stored ones (the same key overrides)."""
    from pmo.store.keys import record_key

    incoming = result.project
    if base is None:
        return incoming
    header = incoming if result.header else base
    merged = {}
    for name, _kind in COLLECTIONS:
        new = getattr(incoming, name)
        keys = {record_key(record) for record in new}
        merged[name] = tuple(r for r in getattr(base, name) if record_key(r) not in keys) + new
    return dataclasses.replace(header, **merged)


# Readers whose check-ins must name a person of the project: an answer from someone the
# project does not know is a wrong address or a form sent to the wrong team.
_RESPONDENT_READERS = ("forms",)


def _refuse_unknown_respondents(existing: Project | None, units: Sequence[Unit]) -> None:
    """Raise `FormatError` (file, row, column) for a form answer whose respondent names no
    person of the project as this import leaves it (stored people and the people of every
    unit read with it), so that nothing of the import is stored."""
    from pmo.model.resolve import names_person

    project = existing
    for unit in units:
        project = _merge(project, unit.result)
    if project is None:
        return
    for unit in units:
        if unit.reader not in _RESPONDENT_READERS:
            continue
        for checkin in unit.result.project.checkins:
            if not names_person(project, checkin.person):
                source = checkin.source
                column = f", column {source.key!r}" if source.key else ""
                raise FormatError(
                    source.file or unit.origin,
                    source.line,
                    f"row {source.line}{column}: {checkin.person!r} is no person of the project"
                    " (add them to the team, or correct the answer); nothing was imported",
                )


def _window(project: Project | None) -> tuple[dt.date, dt.date] | None:
    if project is None or project.status_date is None:
        return None
    return project.status_date - dt.timedelta(days=120), project.status_date + dt.timedelta(days=180)


@dataclass(frozen=True)
class Remote:
    """A system to read from: a calendar URL, a CalDAV collection, or a Jira query.

    `kind` is ``calendar``, ``caldav`` or ``jira``; for Jira, `query` is the JQL and the
    credentials come from `PMO_JIRA_USER` / `PMO_JIRA_TOKEN`.
    """

    kind: str
    url: str
    query: str = ""


def read_remote(remote: Remote, context: ReadContext) -> Unit:
    """Read one remote system into a unit to store (nothing is stored here)."""
    from pmo.store import Unit

    if remote.kind == "jira":
        import os

        from pmo.sources.jira.client import JiraClient

        user, token = os.environ.get("PMO_JIRA_USER"), os.environ.get("PMO_JIRA_TOKEN")
        with JiraClient(remote.url, user=user, token=token) as client:
            result = client.read(remote.query, context)
        return Unit(result, f"jira:{remote.url} {remote.query}", "jira")
    from pmo.sources.ical.remote import read_caldav, read_url

    read = read_caldav if remote.kind == "caldav" else read_url
    return Unit(read(remote.url, context), remote.url, "ical")


def import_paths(
    store: Store,
    paths: Sequence[Path],
    project_key: str | None = None,
    options: dict[str, str] | None = None,
    remotes: Sequence[Remote] = (),
) -> tuple[list[Imported], list[Path]]:
    """Import files, folders and remote systems in one transaction; returns what each brought."""
    existing = None
    keys = store.project_keys()
    if project_key in keys or (project_key is None and len(keys) == 1):
        existing = store.load(project_key)
    units, skipped = read_files(paths, existing, options)
    if remotes:
        context_project = existing
        for unit in units:
            context_project = _merge(context_project, unit.result)
        from pmo.sources import ReadContext

        context = ReadContext(project=context_project, window=_window(context_project), options=options or {})
        units += [read_remote(remote, context) for remote in remotes]
    _refuse_unknown_respondents(existing, units)
    counts = store.save_all(units, project_key=project_key)
    done = [
        Imported(unit.origin, unit.reader, count, unit.result.findings)
        for unit, count in zip(units, counts, strict=True)
    ]
    return done, skipped


def load(path: Path | str, project: str | None = None) -> Project:
    """A project from a file (any format pmo reads) or from a workspace folder's store."""
    path = Path(path)
    if path.is_dir():
        store = open_store(load_settings(path))
        try:
            return store.load(project)
        finally:
            store.close()
    from pmo.model.resolve import resolve
    from pmo.sources import ReadContext, detect

    reader = detect(path)
    return resolve(reader.read(path, ReadContext()).project)


def review(
    project: Project,
    as_of: dt.date | None = None,
    store: Store | None = None,
    root: Path | None = None,
    *,
    simulate: bool = True,
) -> Review:
    """The Review of a project at a status date, with the snapshots of earlier dates.

    `root` (the workspace) makes the sources the report shows relative to it. With a
    `store`, the forecast kept for the project's revision and date is reused, and a
    forecast computed here is kept.
    """
    from pmo.engine.forecast import from_json, to_json

    when = status_date(project, as_of)
    snapshots = []
    kept = None
    revision = 0
    if store is not None:
        snapshots = [s for s in store.snapshots(project.key) if s.status_date < when]
        revision = store.revision(project.key)
        data = store.kept_forecast(project.key, when)
        kept = from_json(data) if data is not None else None
    result = build_review(project, when, snapshots, str(root) if root else None, kept_forecast=kept,
                          simulate=simulate)
    if store is not None and kept is None and result.forecast is not None:
        store.keep_forecast(project.key, revision, when, to_json(result.forecast))
    return result


def status_date(project: Project, as_of: dt.date | None = None) -> dt.date:
    """The date asked, else the project's status date, else today (the engine never reads the clock)."""
    return as_of or project.status_date or dt.date.today()


def write_report(review: Review, out: Path, formats: Sequence[str] = REPORT_FORMATS) -> list[Path]:
    """Write the status report in each format into `out`; returns the files written."""
    unknown = [fmt for fmt in formats if fmt not in REPORT_FORMATS]
    if unknown:
        raise InputError(f"unknown report format {unknown[0]!r} (known: {', '.join(REPORT_FORMATS)})")
    from pmo.render.report import render_report

    out.mkdir(parents=True, exist_ok=True)
    written = []
    stem = f"status-report-{review.project.key}-{review.as_of.isoformat()}"
    for fmt, document in render_report(review, formats, stem).items():
        path = out / f"{stem}.{fmt}"
        if isinstance(document, str):
            path.write_text(document, encoding="utf-8")
        else:
            path.write_bytes(document)
        written.append(path)
    return written


@dataclass(frozen=True)
class Pack:
    """What `pmo run` produced: the folder, the files, the review."""

    folder: Path
    files: tuple[Path, ...]
    review: Review
    skipped: tuple[str, ...] = ()


def run_cycle(
    store: Store, project_key: str | None, as_of: dt.date | None, out: Path, root: Path | None = None
) -> Pack:
    """The whole cycle: review, snapshot, then every output into one dated folder.

    Every format is written; the PDF is left out (and `Pack.skipped` says why) when this
    machine cannot make PDFs.
    """
    from pmo.render.pdf import pdf_available

    project = store.load(project_key)
    result = review(project, as_of, store, root)
    folder = out / f"{project.key}-{result.as_of.isoformat()}"
    problem = pdf_available()
    formats = [fmt for fmt in REPORT_FORMATS if fmt != "pdf" or problem is None]
    files = write_report(result, folder, formats)
    findings_path = folder / "findings.json"
    findings_path.write_text(
        json.dumps([f.as_json() for f in result.findings], indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    files.append(findings_path)
    from pmo.engine.review.codec import review_to_json

    review_path = folder / "review.json"  # the whole Review, for other tools (docs/review.md)
    review_path.write_text(json.dumps(review_to_json(result), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    files.append(review_path)
    store.put_snapshot(review_snapshot(result, dt.datetime.now(dt.UTC)))
    return Pack(folder, tuple(files), result, (f"pdf: {problem}",) if problem else ())


def demo_source() -> Path:
    """The demo workspace shipped inside the package (pmo/examples/demo), in a checkout and in a wheel."""
    return Path(str(resources.files("pmo") / "examples" / "demo"))


def make_demo(folder: Path) -> Pack:
    """Create a workspace from the demo, import it, run the cycle at its status date."""
    source = demo_source()
    if not source.is_dir():
        raise InputError(f"the demo files are missing ({source}): reinstall pmo")
    create_workspace(folder)
    data = folder / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(source, data)
    settings = load_settings(folder)
    store = open_store(settings)
    try:
        import_paths(store, [data])
        return run_cycle(store, None, None, settings.out, settings.workspace)
    finally:
        store.close()


EXPORT_FORMATS = {
    ".yaml": "native YAML",
    ".yml": "native YAML",
    ".xml": "MS Project XML",
    ".xlsx": "action plan and RAID",
}


def export_project(store: Store, project_key: str | None, path: Path) -> None:
    """Write the project to `path` in the format its extension names (see `EXPORT_FORMATS`)."""
    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        known = ", ".join(f"{ext} ({what})" for ext, what in EXPORT_FORMATS.items())
        raise InputError(f"{path}: pmo exports to {known}")
    project = store.load(project_key)
    if suffix == ".xml":
        from pmo.exports.mspdi import write_mspdi

        write_mspdi(project, path)
    elif suffix == ".xlsx":
        from pmo.exports.xlsx import write_registers

        write_registers(project, path)
    else:
        from pmo.sources.native import write_native

        write_native(project, path, tuple(store.snapshots(project.key)))


# The plan commands (`pmo schedule`, `pmo level`, `pmo forecast`): the workspace's project and
# what the engine computed for it, for the interfaces to print.


def load_workspace(settings: Settings) -> Project:
    """The workspace's project (the one `settings` names, or its only one)."""
    with workspace_store(settings) as store:
        return store.load(settings.project)


@dataclass(frozen=True)
class Scheduled:
    """`pmo schedule`: the project and its critical-path schedule at the status date."""

    project: Project
    schedule: Schedule


def schedule_workspace(settings: Settings, as_of: dt.date | None = None) -> Scheduled:
    """The critical path of the workspace's project at `as_of` (see `status_date`)."""
    from pmo.engine.schedule import schedule

    project = load_workspace(settings)
    return Scheduled(project, schedule(project, status_date(project, as_of)))


@dataclass(frozen=True)
class Leveled:
    """`pmo level`: the project, its leveling and the date its offsets count from."""

    project: Project
    leveling: Leveling
    origin: dt.date

    def day(self, offset: float) -> dt.date | None:
        """The date `offset` working days after the origin; None before the start."""
        from pmo.engine.workdays import add_workdays

        return add_workdays(self.origin, int(offset)) if offset >= 0 else None


def level_workspace(settings: Settings, as_of: dt.date | None = None) -> Leveled:
    """Resource leveling of the workspace's project at `as_of`: who is over capacity, the leveled plan."""
    from pmo.engine.review.schedule_parts import leveling_of

    project = load_workspace(settings)
    when = status_date(project, as_of)
    leveling = leveling_of(project, when)
    return Leveled(project, leveling, leveling.origin or when)


@dataclass(frozen=True)
class Forecasted:
    """`pmo forecast`: the project and its Monte Carlo forecast."""

    project: Project
    forecast: Forecast


FORECAST_DISTRIBUTIONS = ("pert", "triangular")


def forecast_workspace(
    settings: Settings,
    as_of: dt.date | None = None,
    iterations: int = 10_000,
    seed: int = 1,
    distribution: str = "pert",
    on_progress: Callable[[int, int], None] | None = None,
) -> Forecasted:
    """The Monte Carlo forecast of the workspace's project; `on_progress(done, total)` as it runs."""
    if distribution not in FORECAST_DISTRIBUTIONS:
        raise InputError(f"--distribution {distribution!r}: write {' or '.join(FORECAST_DISTRIBUTIONS)}")
    from pmo.engine.schedule import simulate

    project = load_workspace(settings)
    result = simulate(project, status_date(project, as_of), iterations=iterations, seed=seed,
                      distribution=distribution, on_progress=on_progress)
    return Forecasted(project, result)


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


# --- pmo checkin: one check-in typed at the command line, stored as its own import unit ---

CHECKIN_ORIGIN = "pmo checkin"

if TYPE_CHECKING:
    from pmo.model import CheckIn


@dataclass(frozen=True)
class CheckInAnswer:
    """What `pmo checkin` was told: who (as written), when, and the answers (1-5 scales)."""

    person: str
    date: dt.date
    stress: int
    confidence: int
    workload: int | None = None
    blockers: tuple[str, ...] = ()
    constraints: tuple[str, ...] = ()
    comment: str = ""


@dataclass(frozen=True)
class StoredCheckIn:
    """The check-in stored, the person it belongs to, and whether it replaced one of that day."""

    checkin: CheckIn
    who: str
    replaced: bool


def record_checkin(settings: Settings, answer: CheckInAnswer) -> StoredCheckIn:
    """Store one check-in of a person of the project, replacing theirs of the same day.

    It is an import unit of its own, origin ``pmo checkin:PERSON:DATE``, so a second
    check-in the same day replaces the first and the project's revision moves. An
    unknown person or a value outside 1-5 is an `InputError` naming the option.
    """
    from pmo.model import CheckIn, Source
    from pmo.model.resolve import resolve_ref
    from pmo.sources import ReadResult
    from pmo.store import Unit

    for option, value in (("--stress", answer.stress), ("--confidence", answer.confidence),
                          ("--workload", answer.workload)):
        if value is not None and not 1 <= value <= 5:
            raise InputError(f"{option} {value}: answer on a scale from 1 to 5")
    with workspace_store(settings) as store:
        project = store.load(settings.project)
        ident = resolve_ref(project, answer.person.strip()) if answer.person.strip() else None
        person = next((p for p in project.people if p.id == ident), None)
        if person is None:
            known = ", ".join(p.id for p in project.people[:8]) or "none yet"
            raise InputError(
                f"--person {answer.person!r}: no person of project {project.key} by that id, name or e-mail"
                f" (people: {known}{'...' if len(project.people) > 8 else ''})"
            )
        origin = f"{CHECKIN_ORIGIN}:{person.id}:{answer.date.isoformat()}"
        checkin = CheckIn(
            person=person.id,
            date=answer.date,
            stress=answer.stress,
            confidence=answer.confidence,
            workload=answer.workload,
            blockers=tuple(b.strip() for b in answer.blockers if b.strip()),
            constraints=tuple(c.strip() for c in answer.constraints if c.strip()),
            comment=answer.comment.strip(),
            source=Source(system=CHECKIN_ORIGIN, key=f"{person.id}:{answer.date.isoformat()}"),
        )
        replaced = any(
            c.person == person.id and c.date == answer.date and c.source.system == CHECKIN_ORIGIN
            for c in project.checkins
        )
        part = Project(key=project.key, name=project.name, checkins=(checkin,))
        store.save_all([Unit(ReadResult(part), origin, "checkin")], project_key=project.key)
    return StoredCheckIn(checkin, f"{person.name} ({person.id})", replaced)


# The copybook (`pmo note`, `pmo agenda`, `pmo decisions`): a line written into the day's
# meeting note and imported at once; the next meeting's agenda and the decision log.

_KIND_WORD = re.compile(r"^\s*(?:[-*+]\s+)?(?:\[[ xX]\]\s+)?\**(?P<word>[A-Za-zÀ-ÿ]+)\**\s*:")
_NOTE_KINDS = ("action", "decision", "risk", "issue", "info", "risque", "probleme", "problème", "décision")


@dataclass(frozen=True)
class NoteRecorded:
    """`pmo note`: the file written, and the entry it holds (kind ``note`` for plain text)."""

    path: Path
    kind: str
    id: str
    title: str
    owner: str | None


def notes_folder(settings: Settings) -> Path:
    """The workspace's notes folder: ``data/notes`` when the workspace has a ``data`` folder, else ``notes``."""
    workspace = settings.workspace
    for folder in (workspace / "data" / "notes", workspace / "notes"):
        if folder.is_dir():
            return folder
    return workspace / "data" / "notes" if (workspace / "data").is_dir() else workspace / "notes"


def _note_line(text: str) -> str:
    """The Markdown list item for `text`; `InputError` when it is not one line the notes syntax reads."""
    line = " ".join(text.split())
    if not line:
        raise InputError("an empty note: write the text to record, e.g. 'ACTION: @Ann book the room due 2026-06-20'")
    if "\n" in text.strip():
        raise InputError("a note is one line: run `pmo note` once per entry")
    word = _KIND_WORD.match(line)
    if word and word["word"].isupper() and word["word"].lower() not in _NOTE_KINDS:
        raise InputError(
            f"{word['word']!r} is not an entry of the notes syntax: write ACTION:, DECISION:, RISK:, ISSUE: or INFO: "
            "(docs/formats/notes.md)"
        )
    return line if line[:2] in ("- ", "* ", "+ ") else f"- {line}"


def record_note(
    settings: Settings, text: str, date: dt.date | None = None, meeting: str | None = None
) -> NoteRecorded:
    """Append `text` to the note of `date` (and `meeting`) and import that file in one transaction.

    The line is read with the note before anything is written: a line that leaves a finding
    (a bad due date, an id used twice) or an entry without a title is refused.
    """
    from pmo.model import Action, Decision, Issue, Risk
    from pmo.sources.notes import read_notes

    date = date or dt.date.today()
    slug = re.sub(r"[^\w]+", "-", (meeting or "").strip().lower()).strip("-")
    folder = notes_folder(settings)
    path = folder / (f"{date.isoformat()}-{slug}.md" if slug else f"{date.isoformat()}.md")
    line = _note_line(text)
    if path.is_file():
        before = path.read_text(encoding="utf-8-sig")
    else:
        name = (meeting or "").strip() or "Notes"
        before = f"# {name} — {date.isoformat()}\n"
    before = before if before.endswith("\n") else before + "\n"
    if not before.endswith("\n\n") and not re.search(r"^\s*[-*+] ", before.rstrip("\n").rsplit("\n", 1)[-1]):
        before += "\n"
    after = before + line + "\n"
    number = after.count("\n")
    result = read_notes(path, text=after)
    problems = [f.message.split("; ")[0] for f in result.findings if f.source.line == number]  # not "left blank"
    if problems:
        raise InputError(f"{path.name}: the note cannot be recorded: {'; '.join(problems)}")
    project = result.project
    entries: list[Action | Decision | Risk | Issue] = [
        *project.actions, *project.decisions, *project.risks, *project.issues
    ]
    entry = next((e for e in entries if e.source.line == number), None)
    kind = "note"
    if entry is not None:
        kind = type(entry).__name__.lower()
        if entry.title.startswith("(") and entry.title.endswith(")"):
            raise InputError(f"{path.name}: the {kind} has no text: say what it is after '{kind.upper()}:'")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(after, encoding="utf-8")
    with workspace_store(settings) as store:
        import_paths(store, [path], settings.project)
        stored = store.load(settings.project)  # people resolved: the owner as the project knows them
    if entry is None:
        return NoteRecorded(path, kind, path.stem, line[2:], None)
    found = [e for e in (*stored.actions, *stored.decisions, *stored.risks, *stored.issues)
             if type(e) is type(entry) and e.id == entry.id]
    shown = found[0] if found else entry
    owner = getattr(shown, "owner", None) or getattr(shown, "decided_by", None)
    if isinstance(owner, str) and (person := stored.person(owner)) is not None:
        owner = f"{person.name} ({person.id})"
    return NoteRecorded(path, kind, shown.id, shown.title, owner if isinstance(owner, str) else None)


def agenda_workspace(settings: Settings, meeting_date: dt.date | None = None) -> str:
    """The Markdown draft agenda of the project meeting of `meeting_date` (default: today)."""
    from pmo.engine.agenda import agenda_markdown, agenda_of

    project = load_workspace(settings)
    return agenda_markdown(project, agenda_of(project, meeting_date or dt.date.today()))


def decisions_workspace(settings: Settings) -> str:
    """The decision log of the workspace's project, as a Markdown table."""
    from pmo.engine.agenda import decision_log, decision_log_markdown

    return decision_log_markdown(decision_log(load_workspace(settings)))
