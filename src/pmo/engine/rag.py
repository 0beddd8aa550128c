"""RAG ratings by declared rules: each colour comes with the rule that produced it."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pmo.model import Finding, ItemStatus, NotApplicable, Project, RagOverride, RagThresholds


class Colour(str, enum.Enum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def rank(self) -> int:
        return {"green": 0, "amber": 1, "red": 2}[self.value]


@dataclass(frozen=True)
class Rating:
    """The colour of one dimension (or NA, and why), and the rule that gave it."""

    dimension: str
    colour: Colour | NotApplicable
    rule: str

    @property
    def label(self) -> str:
        return self.colour.value.upper() if isinstance(self.colour, Colour) else str(self.colour)


def rate_schedule(
    worst_slip_days: int | None, past_open: int, spi: float | None, bands: RagThresholds
) -> Rating:
    """Red when a milestone is past and open, or slips beyond the red band, or SPI is under amber."""
    if not past_open and worst_slip_days is None and spi is None:
        return Rating("schedule", NotApplicable("no milestone has a baseline to compare with"), "needs baselines")
    colour = Colour.RED if past_open else Colour.GREEN
    rules = [f"{past_open} milestone(s) past their date and not done → red"] if past_open else []
    if worst_slip_days is not None:
        by_slip = (
            Colour.RED
            if worst_slip_days > bands.slip_red_days
            else Colour.AMBER if worst_slip_days > bands.slip_amber_days else Colour.GREEN
        )
        colour = max(colour, by_slip, key=lambda c: c.rank)
        rules.append(
            f"worst milestone slip {worst_slip_days} working days (green ≤ {bands.slip_amber_days}, "
            f"amber ≤ {bands.slip_red_days}, red above)"
        )
    if spi is not None:
        by_spi = Colour.GREEN if spi >= bands.spi_green else Colour.AMBER if spi >= bands.spi_amber else Colour.RED
        colour = max(colour, by_spi, key=lambda c: c.rank)
        rules.append(f"SPI {spi:.2f} (green ≥ {bands.spi_green:.2f}, amber ≥ {bands.spi_amber:.2f})")
    return Rating("schedule", colour, "; ".join(rules))


def rate_cost(cpi: float | None, bands: RagThresholds) -> Rating:
    """Cost performance index bands (default: green ≥ 0.95, amber ≥ 0.90, red below)."""
    if cpi is None:
        return Rating("cost", NotApplicable("no task carries both a budget and an actual cost"), "needs costs")
    colour = Colour.GREEN if cpi >= bands.cpi_green else Colour.AMBER if cpi >= bands.cpi_amber else Colour.RED
    return Rating("cost", colour, f"CPI {cpi:.2f} (green ≥ {bands.cpi_green:.2f}, amber ≥ {bands.cpi_amber:.2f})")


def rate_risk(project: Project, bands: RagThresholds) -> Rating:
    """Red when a severe open risk has no mitigation; amber when a severe one is mitigated."""
    if not project.risks:
        return Rating("risk", NotApplicable("no risk register: a project without risks is not a green one"),
                      "needs a risk register")
    open_risks = [r for r in project.risks if r.status.is_open]
    if not open_risks:
        return Rating("risk", Colour.GREEN, "every risk in the register is closed")
    limit = bands.risk_red_score
    unrated = [r for r in open_risks if r.score is None]
    if len(unrated) == len(open_risks):
        return Rating("risk", NotApplicable("no open risk has a probability and an impact yet"),
                      f"needs probability and impact on the {len(open_risks)} open risk(s); "
                      "a question asks their owners")
    severe = [r for r in open_risks if (r.score or 0) >= limit]
    bare = [r for r in severe if r.mitigation is None]
    if bare:
        return Rating("risk", Colour.RED, f"{len(bare)} open risk(s) scoring ≥ {limit} without mitigation → red")
    if severe:
        return Rating("risk", Colour.AMBER, f"{len(severe)} open risk(s) scoring ≥ {limit}, all mitigated → amber")
    also = f"; {len(unrated)} open risk(s) not rated yet" if unrated else ""
    return Rating("risk", Colour.GREEN, f"no open risk scores {limit} or more (probability × impact){also}")


def rate_scope(project: Project) -> Rating:
    """Amber while change requests await a decision."""
    waiting = [c for c in project.changes if c.status in ("submitted", "under-review", "open")]
    if not project.changes:
        if not project.tasks:
            return Rating("scope", NotApplicable("no plan and no change request"), "needs a plan")
        return Rating("scope", Colour.GREEN, "no change request against the plan")
    if waiting:
        return Rating("scope", Colour.AMBER, f"{len(waiting)} change request(s) awaiting a decision → amber")
    return Rating("scope", Colour.GREEN, "every change request is decided")


def rate_actions(project: Project, overdue: int, bands: RagThresholds) -> Rating:
    """Action plan health: red when over a share (default a quarter) of open actions are overdue."""
    open_count = sum(1 for a in project.actions if a.status in (ItemStatus.OPEN, ItemStatus.IN_PROGRESS))
    if not project.actions:
        return Rating("actions", NotApplicable("no action plan"), "needs an action plan")
    if not open_count:
        return Rating("actions", Colour.GREEN, "every action is closed")
    share = overdue / open_count
    colour = Colour.RED if share > bands.overdue_red_share else Colour.AMBER if overdue else Colour.GREEN
    return Rating(
        "actions",
        colour,
        f"{overdue} of {open_count} open actions overdue ({share:.0%}; amber > 0, red > {bands.overdue_red_share:.0%})",
    )


def rate_resources(findings: Sequence[Finding], leveled: bool) -> Rating:
    """Amber when someone is booked over capacity."""
    overloads = [f for f in findings if f.code == "resource-overload"]
    if overloads:
        people = sorted({f.subject.id for f in overloads})
        return Rating("resources", Colour.AMBER, f"{len(people)} person(s) booked over capacity → amber")
    if not leveled:
        return Rating("resources", NotApplicable("no assignment carries a workload to check"), "needs assignments")
    return Rating("resources", Colour.GREEN, "nobody is booked over capacity")


def overall(ratings: Sequence[Rating]) -> Rating:
    """The worst colour among the dimensions that have one; NA while the schedule cannot be rated."""
    rated = [r for r in ratings if isinstance(r.colour, Colour)]
    schedule = next((r for r in ratings if r.dimension == "schedule"), None)
    if schedule is not None and not isinstance(schedule.colour, Colour):
        return Rating("overall", NotApplicable(f"the schedule cannot be rated: {schedule.colour.why}"),
                      "needs a schedule with baselines")
    if not rated:
        return Rating("overall", NotApplicable("no dimension could be rated"), "needs data")
    worst = max(rated, key=lambda r: r.colour.rank if isinstance(r.colour, Colour) else -1)
    return Rating("overall", worst.colour, f"the worst dimension, {worst.dimension}, is {worst.label}")


def apply_overrides(
    ratings: Sequence[Rating], overrides: Sequence[RagOverride], names: Mapping[str, str] | None = None
) -> tuple[Rating, ...]:
    """Ratings with the manager's overrides applied; each shows the computed colour and why."""
    by_dimension: dict[str, RagOverride] = {o.dimension: o for o in overrides}
    result = []
    for rating in ratings:
        override = by_dimension.get(rating.dimension)
        who = (names or {}).get(override.by or "") if override else None
        result.append(rating if override is None else overridden(rating, override, who))
    return tuple(result)


def overridden(rating: Rating, override: RagOverride, who_name: str | None = None) -> Rating:
    """A rating set by hand: the colour given, the computed one and the justification in the rule."""
    colour = Colour(override.colour.lower())
    who = f" by {who_name or override.by}" if override.by else ""
    when = f" on {override.date.isoformat()}" if override.date else ""
    rule = (
        f"OVERRIDDEN{who}{when}: {override.justification} (computed: {rating.label} — {rating.rule})"
    )
    return Rating(rating.dimension, colour, rule)
