"""`pmo schedule`, `pmo level` and `pmo forecast`: the critical path, the leveled plan and the
Monte Carlo, as tables or JSON. Each calls one `pmo.api` function and prints what it returns."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from pmo.cli.options import AsOfOpt, DbOpt, ProjectOpt, WorkspaceOpt, parse_date
from pmo.cli.output import console, exit_status, print_findings
from pmo.config import Settings, load_settings


def _settings(workspace: Path | None, db: str | None, project: str | None) -> Settings:
    return load_settings(workspace, db, project)


def schedule_rows(project: Any, plan: Any, critical_only: bool) -> list[dict[str, Any]]:
    """One row per task: dates, floats, criticality, variance against the baseline."""
    rows = []
    for task in project.tasks:
        dates = plan.tasks.get(task.id)
        if dates is None or (critical_only and not dates.critical):
            continue
        rows.append(
            {
                "id": task.id,
                "name": task.name,
                "start": dates.start.isoformat(),
                "finish": dates.finish.isoformat(),
                "total_float": round(float(dates.total_float), 2),
                "free_float": round(float(dates.free_float), 2),
                "critical": bool(dates.critical),
                "near_critical": bool(dates.near_critical),
                "variance": None if dates.variance is None else round(float(dates.variance), 2),
                "driving": list(dates.driving),
            }
        )
    return rows


def register(app: typer.Typer) -> None:
    """Add `schedule`, `level` and `forecast` to the app."""
    app.command()(schedule)
    app.command()(level)
    app.command()(forecast)


def level(
    as_of: AsOfOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the leveled plan as JSON.")] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Resource leveling: who is booked over capacity when, and what a leveled plan would look like."""
    from rich.table import Table

    from pmo.api import level_workspace

    leveled = level_workspace(_settings(workspace, db, project), parse_date(as_of))
    model, plan, origin = leveled.project, leveled.leveling, leveled.origin

    def day(offset: float) -> str:
        date = leveled.day(offset)
        return date.isoformat() if date else "before the start"

    moved = sorted((t for t in plan.starts if plan.delay(t) > 1e-9), key=lambda t: (plan.starts[t], t))
    names = {t.id: t.name for t in model.tasks}
    if as_json:
        document = {
            "project": model.key, "origin": origin.isoformat(), "schedules": plan.schedules,
            "finish_days": plan.finish, "unleveled_finish_days": plan.unleveled_finish,
            "tasks": [{"id": t, "start_days": plan.starts[t], "finish_days": plan.finishes[t],
                       "delay_days": plan.delay(t)} for t in plan.starts],
            "findings": [f.as_json() for f in plan.findings],
        }
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        raise typer.Exit(exit_status(list(plan.findings)))
    print_findings(list(plan.findings), as_json=False)
    if not plan.findings:
        console.print("Nobody is booked over capacity: the plan needs no leveling.", markup=False)
        raise typer.Exit(0)
    table = Table(title=f"Leveled plan: {len(moved)} task(s) move, the end moves by "
                        f"{plan.finish - plan.unleveled_finish:+g} working days")
    for column in ("Task", "Name", "Start (plan)", "Start (leveled)", "Delay (wd)"):
        table.add_column(column, overflow="fold")
    for task_id in moved:
        table.add_row(task_id, names.get(task_id, ""), day(plan.early_starts[task_id]), day(plan.starts[task_id]),
                      f"{plan.delay(task_id):+g}")
    console.print(table)
    raise typer.Exit(exit_status(list(plan.findings)))


def schedule(
    as_of: AsOfOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the schedule as JSON.")] = False,
    critical: Annotated[bool, typer.Option("--critical", help="Only the critical tasks.")] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """The critical path: dates, total and free float, variance against the baseline."""
    from rich.table import Table

    from pmo.api import schedule_workspace

    scheduled = schedule_workspace(_settings(workspace, db, project), parse_date(as_of))
    model, plan = scheduled.project, scheduled.schedule
    rows = schedule_rows(model, plan, critical)
    if as_json:
        document = {
            "project": model.key,
            "as_of": plan.as_of.isoformat() if plan.as_of else None,
            "start": plan.start.isoformat(),
            "finish": plan.finish.isoformat(),
            "critical_path": list(plan.critical_path),
            "cycles": plan.cycles,
            "tasks": rows,
            "findings": [f.as_json() for f in plan.findings],
        }
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        raise typer.Exit(exit_status(plan.findings))
    table = Table(title=f"{model.name}: {plan.start} → {plan.finish}", show_lines=False)
    for column in ("Task", "Name", "Start", "Finish", "Total float", "Free float", "Crit.", "Var. (wd)"):
        table.add_column(column, overflow="fold")
    for row in rows:
        variance = "NA" if row["variance"] is None else f"{row['variance']:+g}"
        crit = "yes" if row["critical"] else ("near" if row["near_critical"] else "")
        table.add_row(row["id"], row["name"], row["start"], row["finish"], f"{row['total_float']:g}",
                      f"{row['free_float']:g}", crit, variance)
    console.print(table)
    console.print(f"Critical path: {' → '.join(plan.critical_path) or 'NA (no task)'}", markup=False)
    print_findings([f for f in plan.findings if f.code == "dependency-cycle"], as_json=False)
    raise typer.Exit(exit_status(plan.findings))

def forecast(
    as_of: AsOfOpt = None,
    iterations: Annotated[int, typer.Option("--iterations", "-n", min=100, help="Monte Carlo runs.")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="Seed, for reproducible runs.")] = 1,
    distribution: Annotated[str, typer.Option("--distribution", help="pert or triangular.")] = "pert",
    as_json: Annotated[bool, typer.Option("--json", help="Print the forecast as JSON.")] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    project: ProjectOpt = None,
) -> None:
    """Monte Carlo forecast: P50/P80/P95 dates, chances of meeting commitments, what drives the spread."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    from pmo.api import forecast_workspace

    settings = _settings(workspace, db, project)
    with Progress(TextColumn("Simulating"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,}"),
                  TimeRemainingColumn(), console=console, transient=True, disable=as_json) as bar:
        job = bar.add_task("mc", total=iterations)
        forecasted = forecast_workspace(settings, parse_date(as_of), iterations=iterations, seed=seed,
                                        distribution=distribution,
                                        on_progress=lambda done, total: bar.update(job, completed=done, total=total))
    model, result = forecasted.project, forecasted.forecast
    names = {t.id: t.name for t in model.tasks}
    if as_json:
        document = {
            "project": model.key, "iterations": result.iterations, "seed": result.seed,
            "distribution": result.distribution,
            "finish": {k: v.isoformat() for k, v in result.finish.items()},
            "milestones": {m: {k: v.isoformat() for k, v in p.items()} for m, p in result.milestones.items()},
            "commitments": result.commitments,
            "criticality": result.criticality,
            "sensitivity": [{"task": t, "correlation": c} for t, c in result.sensitivity],
            "findings": [f.as_json() for f in result.findings],
        }
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        raise typer.Exit(exit_status(result.findings))
    table = Table(title=f"{model.name}: {result.iterations:,} runs ({result.distribution}, seed {result.seed})")
    for column in ("Milestone", "Deterministic", "P50", "P80", "P95"):
        table.add_column(column)
    plan = result.deterministic
    table.add_row("Project finish", str(plan.finish), *(str(result.finish[p]) for p in ("P50", "P80", "P95")))
    for milestone, points in result.milestones.items():
        dates = plan.tasks.get(milestone)
        table.add_row(f"{milestone} {names.get(milestone, '')}", str(dates.finish) if dates else "NA",
                      *(str(points[p]) for p in ("P50", "P80", "P95")))
    console.print(table)
    for name, chance in result.commitments.items():
        console.print(f"Chance of meeting {name}: {chance:.0%}", markup=False)
    top = ", ".join(f"{t} ({c:+.2f})" for t, c in result.sensitivity[:5]) or "NA"
    console.print(f"Tasks driving the spread: {top}", markup=False)
    print_findings(result.findings, as_json=False)
    raise typer.Exit(exit_status(result.findings))
