"""The model: immutable typed records, each knowing where it came from.

Nothing here does I/O; `pmo.model` imports only the standard library.
"""

from pmo.model.calendar import Absence, Calendar
from pmo.model.finding import Finding, Severity, Subject
from pmo.model.governance import (
    Attendee,
    Cadence,
    GovernanceRule,
    GovernanceSettings,
    Meeting,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
    Override,
    PrepStep,
    Response,
)
from pmo.model.people import Person
from pmo.model.project import COLLECTIONS, Branding, Commitment, Project, RagOverride, RagThresholds, Settings
from pmo.model.registers import (
    Action,
    Assumption,
    ChangeRequest,
    Decision,
    DecisionStatus,
    Issue,
    ItemStatus,
    Risk,
)
from pmo.model.source import Source
from pmo.model.tasks import Assignment, Constraint, ConstraintType, Dependency, Estimate, LagUnit, LinkType, Task
from pmo.model.team import CheckIn, Note, Snapshot
from pmo.model.values import Known, NotApplicable, Pending

__all__ = [
    "COLLECTIONS",
    "Absence",
    "Action",
    "Assignment",
    "Assumption",
    "Attendee",
    "Branding",
    "Cadence",
    "Calendar",
    "ChangeRequest",
    "CheckIn",
    "Commitment",
    "Constraint",
    "ConstraintType",
    "Decision",
    "DecisionStatus",
    "Dependency",
    "Estimate",
    "Finding",
    "GovernanceRule",
    "GovernanceSettings",
    "Issue",
    "ItemStatus",
    "Known",
    "LagUnit",
    "LinkType",
    "Meeting",
    "MeetingKind",
    "MeetingSeries",
    "MeetingStatus",
    "NotApplicable",
    "Note",
    "Override",
    "Pending",
    "Person",
    "PrepStep",
    "Project",
    "RagOverride",
    "RagThresholds",
    "Response",
    "Risk",
    "Settings",
    "Severity",
    "Snapshot",
    "Source",
    "Subject",
    "Task",
]
