"""`pmo`: the commands. Each parses its options, calls one library function, prints, exits.

Exit status: 0 clean, 1 findings of severity error, 2 bad input, 3 a brief or alert not delivered
(see pmo.errors).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from pmo.cli import deck_command as _deck_command
from pmo.cli import oversight_commands as _oversight_commands
from pmo.cli import plan_commands as _plan_commands
from pmo.cli import web_commands as _web_commands
from pmo.cli.options import AsOfOpt, DbOpt, ProjectOpt, WorkspaceOpt, parse_date
from pmo.cli.output import EXIT_BAD_INPUT, console, errors, exit_status, plural, print_findings, summary_line
from pmo.errors import InputError, PmoError

app = typer.Typer(
    name="pmo",
    help="pmo, the PMO copilot: reads your project where it lives and hands you a complete status pack.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from pmo import __version__

        console.print(f"pmo {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", help="Print pmo's version and exit.", callback=_print_version, is_eager=True)
    ] = False,
) -> None:
    """pmo, the PMO copilot: reads your project where it lives and hands you a complete status pack."""


def _settings(workspace: Path | None, db: str | None, project: str | None):  # type: ignore[no-untyped-def]
    from pmo.config import load_settings

    return load_settings(workspace, db, project)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to make a workspace.")] = Path("."),
    project: Annotated[
        str | None, typer.Option("--project", "-p", help="Create this project (its key, e.g. WMS).")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="The project's name (with --project).")] = None,
    manager: Annotated[str | None, typer.Option("--manager", help="The project manager.")] = None,
    sponsor: Annotated[str | None, typer.Option("--sponsor", help="The sponsor.")] = None,
    status_date: Annotated[
        str | None, typer.Option("--status-date", help="The status date, YYYY-MM-DD.")
    ] = None,
) -> None:
    """Create a workspace: a pmo.toml and an empty database; with --project, the project too."""
    from pmo.api import ProjectHeader, init_workspace

    if project is None and (name or manager or sponsor or status_date):
        raise InputError("--name, --manager, --sponsor and --status-date describe a project: add --project KEY")
    date = None
    if status_date is not None:
        try:
            date = parse_date(status_date)
        except InputError:
            raise InputError(f"--status-date {status_date!r}: not a date, write YYYY-MM-DD") from None
    header = ProjectHeader(project, name or project, manager, sponsor, date) if project else None
    path = init_workspace(folder, header)
    console.print(f"Workspace ready: {path}")
    if header is not None:
        console.print(f"Project {header.key}: {header.name}", markup=False)


@app.command("import")
def import_(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, or calendar URLs (https://, webcal://).")
    ] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
    map_: Annotated[
        str | None, typer.Option("--map", help="Column map for spreadsheets: 'Porteur=owner,Date cible=due'.")
    ] = None,
    caldav: Annotated[bool, typer.Option("--caldav", help="Read calendar URLs as CalDAV collections.")] = False,
    jira: Annotated[str | None, typer.Option("--jira", help="Jira base URL (with --jql).")] = None,
    jql: Annotated[str | None, typer.Option("--jql", help="The Jira query, e.g. 'project = ERP'.")] = None,
    option: Annotated[
        list[str] | None,
        typer.Option("--option", "-o", help="A reader option NAME=VALUE, repeatable: jira_types=Story=task, "
                     "hours_per_day=7, dayfirst=no, tz=Europe/Paris, kinds=... (docs/formats/)."),
    ] = None,
) -> None:
    """Import files, folders, calendars and Jira into the workspace, in one transaction (all or nothing)."""
    from pmo.api import Remote, import_paths, workspace_store

    files, remotes = [], []
    for entry in paths or []:
        if entry.split("://", 1)[0].lower() in ("http", "https", "webcal", "webcals"):
            remotes.append(Remote("caldav" if caldav else "calendar", entry))
        else:
            files.append(Path(entry))
    if jira or jql:
        if not (jira and jql):
            raise InputError("--jira and --jql go together: the Jira base URL and the query")
        remotes.append(Remote("jira", jira, jql))
    if not files and not remotes:
        raise InputError("nothing to import: name files, folders, calendar URLs, or --jira with --jql")
    options = _reader_options(option or [])
    if map_:
        options["map"] = map_
    settings = _settings(workspace, db, project)
    with workspace_store(settings) as store:
        done, skipped = import_paths(store, files, settings.project, options, remotes)
    for item in done:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(item.counts.items())) or "nothing"
        console.print(f"{item.path}: {item.reader}: {counts}", markup=False)
        print_findings(item.findings, as_json=False)
    for path in skipped:
        console.print(f"{path}: skipped (not a format pmo reads)", markup=False)


READER_OPTIONS = ("map", "jira_types", "hours_per_day", "dayfirst", "tz", "kinds")


def _reader_options(given: list[str]) -> dict[str, str]:
    """`--option NAME=VALUE` pairs; an unknown name or a pair without `=` is a usage error."""
    options: dict[str, str] = {}
    for pair in given:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--option {pair!r}: write NAME=VALUE, e.g. --option hours_per_day=7")
        if name not in READER_OPTIONS:
            raise InputError(f"--option {name!r}: not a reader option (known: {', '.join(READER_OPTIONS)})")
        options[name] = value.strip()
    return options


@app.command()
def check(
    as_of: AsOfOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print findings as a JSON array.")] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Check the project: print every finding; exit 1 if any is an error."""
    from pmo.api import review_workspace

    result = review_workspace(_settings(workspace, db, project), parse_date(as_of), simulate=False)
    print_findings(result.findings, as_json)
    if not as_json:
        errors.print(summary_line(result.findings))
    raise typer.Exit(exit_status(result.findings))


@app.command()
def delays(
    as_of: AsOfOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the delay files as a JSON array.")] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Why each late milestone, deliverable or commitment moved: causes, chain, owners, impact."""
    import json
    import sys

    from pmo.api import review_workspace

    result = review_workspace(_settings(workspace, db, project), parse_date(as_of), simulate=False)
    if as_json:
        files = [{"id": d.id, "name": d.name, "kind": d.kind, **d.to_detail()} for d in result.delays]
        sys.stdout.write(json.dumps(files, indent=2, ensure_ascii=False) + "\n")
        return
    if not result.delays:
        console.print("No milestone, deliverable or commitment is forecast after its baseline or committed date.")
    for number, file in enumerate(result.delays):
        if number:
            console.print("")
        console.print(file.prose(), markup=False, soft_wrap=True)


@app.command()
def report(
    as_of: AsOfOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html, pdf, docx, or several: md,pdf")] = "md",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder to write into.")] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Write the status report of the project at a status date."""
    from pmo.api import review_workspace, write_report

    settings = _settings(workspace, db, project)
    result = review_workspace(settings, parse_date(as_of))
    for path in write_report(result, out or settings.out, [f.strip() for f in fmt.split(",")]):
        console.print(str(path), markup=False)


@app.command()
def run(
    as_of: AsOfOpt = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder for the dated pack.")] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """The whole cycle: review, snapshot, and every output into one dated folder."""
    from pmo.api import run_cycle, workspace_store

    settings = _settings(workspace, db, project)
    with workspace_store(settings) as store:
        pack = run_cycle(store, settings.project, parse_date(as_of), out or settings.out, settings.workspace)
    console.print(f"Pack for {pack.review.project.name} at {pack.review.as_of}: {pack.folder}", markup=False)
    for path in pack.files:
        console.print(f"  {path}", markup=False)
    for why in pack.skipped:
        errors.print(f"pmo: not written: {why}", markup=False)
    errors.print(f"Overall status {pack.review.rating.label}; {summary_line(pack.review.findings)}")


@app.command()
def brief(
    as_of: AsOfOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
    send: Annotated[bool, typer.Option("--send", help="Mail it (text and HTML) through the [mail] settings.")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder to write into.")] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Write the weekly brief (one page for the manager); with --send, mail it. Exit 3 if the mail fails."""
    from pmo.api import brief_workspace

    result = brief_workspace(_settings(workspace, db, project), parse_date(as_of), fmt, send=send, out=out)
    for path in result.files:
        console.print(str(path), markup=False)
    if result.sent_to:
        errors.print(f"Brief sent to {', '.join(result.sent_to)}", markup=False)


@app.command()
def alert(
    as_of: AsOfOpt = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder for the brief the alerts link to.")] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Send the new error findings, once each, to the chat webhooks and e-mail of [alerts]. Exit 3 if one fails."""
    from pmo.api import alert_workspace
    from pmo.errors import DeliveryError

    result = alert_workspace(_settings(workspace, db, project), parse_date(as_of), out)
    for channel, findings in result.sent.items():
        kind = channel.split(":", 1)[0]
        console.print(f"{kind}: {plural(len(findings), 'new error')} sent", markup=False)
    for channel, why in result.failed.items():
        errors.print(f"pmo: {channel.split(':', 1)[0]}: not sent: {why}", markup=False)
    if result.failed:
        raise DeliveryError(f"{len(result.failed)} alert channel(s) failed; they get these findings on the next run")


@app.command()
def export(
    path: Annotated[Path, typer.Argument(help="File to write: .yaml (native), .xml (MS Project), .xlsx (registers).")],
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Write the project back to a file: native YAML, MS Project XML, or the action plan and RAID in Excel."""
    from pmo.api import export_project, workspace_store

    settings = _settings(workspace, db, project)
    with workspace_store(settings) as store:
        export_project(store, settings.project, path)
    console.print(str(path), markup=False)


@app.command()
def demo(folder: Annotated[Path, typer.Argument(help="Folder for the demo workspace.")] = Path("pmo-demo")) -> None:
    """Create a demo workspace (an ERP roll-out), run the cycle, print where the pack is."""
    from pmo.api import make_demo

    pack = make_demo(folder)
    console.print(f"Demo workspace: {folder.resolve()}", markup=False)
    for path in pack.files:
        console.print(f"  {path}", markup=False)
    for why in pack.skipped:
        errors.print(f"pmo: not written: {why}", markup=False)
    report_path = next(p for p in pack.files if p.suffix == ".md")
    console.print(f"Status report: {report_path}", markup=False)


def _date_option(text: str | None) -> dt.date | None:
    """`--date`: a YYYY-MM-DD date, or a usage error naming the option."""
    try:
        return parse_date(text)
    except InputError:
        raise InputError(f"--date {text!r}: not a date, write YYYY-MM-DD") from None


@app.command()
def note(
    text: Annotated[str, typer.Argument(help="The line: 'ACTION: @Ann book the room due 2026-06-20', or plain text.")],
    date: Annotated[str | None, typer.Option("--date", help="The meeting's date, YYYY-MM-DD (default: today).")] = None,
    meeting: Annotated[
        str | None, typer.Option("--meeting", help="The meeting, e.g. weekly: writes YYYY-MM-DD-weekly.md.")
    ] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Write a line into the day's meeting note (ACTION/DECISION/RISK/ISSUE syntax) and import it at once."""
    from pmo.api import record_note

    done = record_note(_settings(workspace, db, project), text, _date_option(date), meeting)
    owner = f", owner {done.owner}" if done.owner else ""
    console.print(f"{done.path}: {done.kind} {done.id}{owner}: {done.title}", markup=False)


@app.command()
def agenda(
    meeting: Annotated[
        str | None, typer.Argument(help="The governance meeting, by rule id or name (default: the next one).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Its next occurrence on or after DATE, YYYY-MM-DD (default: today).")
    ] = None,
    docx: Annotated[Path | None, typer.Option("--docx", help="Also write the agenda as a Word file here.")] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Print a Markdown draft agenda: actions carried over, decisions needed, risks, the last meeting's points,
    and a steering committee's preparation checklist."""
    from pmo.api import agenda_workspace

    settings = _settings(workspace, db, project)
    console.print(agenda_workspace(settings, _date_option(date), meeting, docx), markup=False, end="")


@app.command()
def decisions(
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Print the decision log: each decision taken, its date, who decided and why."""
    from pmo.api import decisions_workspace

    console.print(decisions_workspace(_settings(workspace, db, project)), markup=False, end="")


_plan_commands.register(app)
_deck_command.register(app)
_oversight_commands.register(app)
_web_commands.register(app)


def main() -> None:
    """Entry point: run the app, turning pmo's errors into a message and exit status 2."""
    from pmo.config import apply_environment

    apply_environment()
    try:
        status = app(standalone_mode=False)
    except PmoError as exc:
        errors.print(f"pmo: error: {exc}", markup=False, soft_wrap=True)
        raise SystemExit(exc.exit_status) from None
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except (typer.Abort, KeyboardInterrupt):
        errors.print("pmo: aborted")
        raise SystemExit(130) from None
    except Exception as exc:  # usage errors of the click that Typer carries
        if any(cls.__name__ == "ClickException" for cls in type(exc).__mro__):
            exc.show()  # type: ignore[attr-defined]
            raise SystemExit(EXIT_BAD_INPUT) from None
        raise
    raise SystemExit(status if isinstance(status, int) else 0)


def _scale(value: int | None, option: str, label: str) -> int:
    """A 1-5 answer: the option's value, else asked on a terminal, else a usage error."""
    import sys

    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise InputError(f"{option} is required: answer on a scale from 1 to 5")
    return int(typer.prompt(f"{label} (1-5)", type=int))


@app.command()
def checkin(
    person: Annotated[str | None, typer.Option("--person", help="Who checks in: id, name or e-mail.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="The day of the check-in, YYYY-MM-DD (default: today).")
    ] = None,
    stress: Annotated[int | None, typer.Option("--stress", help="Stress, 1 (calm) to 5 (under strain).")] = None,
    confidence: Annotated[
        int | None, typer.Option("--confidence", help="Confidence in the plan, 1 (none) to 5 (full).")
    ] = None,
    workload: Annotated[int | None, typer.Option("--workload", help="Workload, 1 (light) to 5 (too much).")] = None,
    blocker: Annotated[list[str] | None, typer.Option("--blocker", help="A blocker, repeatable.")] = None,
    constraint: Annotated[list[str] | None, typer.Option("--constraint", help="A constraint, repeatable.")] = None,
    comment: Annotated[str, typer.Option("--comment", help="A free comment.")] = "",
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Record a team member's check-in (stress, confidence, workload, blockers); one a day, the last one kept."""
    import datetime as dt
    import sys

    from pmo.api import CheckInAnswer, record_checkin

    if person is None:
        if not sys.stdin.isatty():
            raise InputError("--person is required: the id, name or e-mail of who checks in")
        person = str(typer.prompt("Who checks in (id, name or e-mail)"))
    day = dt.date.today()
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise InputError(f"--date {date!r}: not a date, write YYYY-MM-DD") from None
    answer = CheckInAnswer(
        person=person,
        date=day,
        stress=_scale(stress, "--stress", "Stress"),
        confidence=_scale(confidence, "--confidence", "Confidence"),
        workload=workload,
        blockers=tuple(blocker or ()),
        constraints=tuple(constraint or ()),
        comment=comment,
    )
    stored = record_checkin(_settings(workspace, db, project), answer)
    done = stored.checkin
    figures = f"stress {done.stress}, confidence {done.confidence}"
    if done.workload is not None:
        figures += f", workload {done.workload}"
    extra = "; replaces the check-in of that day" if stored.replaced else ""
    console.print(f"Check-in of {stored.who} on {done.date.isoformat()}: {figures}{extra}", markup=False)
