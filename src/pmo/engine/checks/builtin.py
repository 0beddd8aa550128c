"""The built-in checks, listed here and only here: finding code -> check of the context.

Checks that need only the project and the status date (rigour, questions) are adapted
with `project_check`; the others read what the `AnalysisContext` computed. The order is
the order they run in; findings are sorted afterwards.
"""

from __future__ import annotations

from pmo.engine.anticipate import calendar_checks
from pmo.engine.checks import anticipation, foresight, liaison, questions, rigor
from pmo.engine.checks.registry import Check, project_check

BUILTIN_CHECKS: tuple[tuple[str, Check], ...] = (
    ("blank-field", project_check(rigor.check_blank_fields)),
    ("pending-overdue", project_check(rigor.check_pending_overdue)),
    ("action-no-owner", project_check(rigor.check_action_owner)),
    ("action-no-due", project_check(rigor.check_action_due)),
    ("action-overdue", project_check(rigor.check_action_overdue)),
    ("risk-no-owner", project_check(rigor.check_risk_owner)),
    ("risk-no-mitigation", project_check(rigor.check_risk_mitigation)),
    ("task-stale", project_check(rigor.check_task_stale)),
    ("plan-not-tracked", project_check(rigor.check_plan_tracked)),
    ("progress-inconsistent", project_check(rigor.check_progress)),
    ("milestone-past-open", project_check(rigor.check_milestone_past)),
    ("dependency-unknown-task", project_check(rigor.check_link_targets)),
    ("owner-unresolved", project_check(rigor.check_people)),
    ("question", project_check(questions.ask_what_is_missing)),
    ("schedule-failed", foresight.schedule_failed),
    ("dependency-cycle", foresight.dependency_cycle),
    ("near-critical", foresight.near_critical),
    ("constraint-conflict", foresight.constraint_conflict),
    ("milestone-slip", foresight.milestone_slip),
    ("forecast-risk", foresight.forecast_risk),
    ("trend-slip", foresight.trend_slip),
    ("resource-overload", foresight.resource_overload),
    ("prep-due", anticipation.prep_due),
    ("deliverable-due-soon", anticipation.deliverable_due_soon),
    ("absence-on-critical", anticipation.absence_on_critical),
    ("contact-overdue", liaison.contact_overdue),
    ("pulse-low", liaison.pulse_low),
    ("checkin-missing", liaison.checkin_missing),
    ("actions-piling-up", project_check(liaison.actions_piling_up)),
    ("meeting-missing", project_check(calendar_checks.check_meeting_missing)),
    ("meeting-attendee-missing", project_check(calendar_checks.check_attendee_missing)),
)
