"""The library functions the CLI and the web call: import, review, report, run, demo, the plan
commands, the brief and alerts, check-ins and the copybook.

They orchestrate sources, store, engines and renderers; they hold no domain logic. One module
per duty: `workspace` (the store, init, load, review), `imports`, `outputs` (report, run, demo,
export), `plan` (schedule, level, forecast), `notify` (brief, alerts), `team` (check-ins, notes,
agenda, decisions), `deck` (the steering committee deck), `oversight` (the questions by person,
the overview of every project).
"""

from __future__ import annotations

from pmo.api.deck import (
    DECK_NAME,
    deck_path,
    deck_workspace,
    draft_deck,
    write_deck,
)
from pmo.api.imports import (
    Imported,
    Remote,
    import_paths,
    read_files,
    read_remote,
)
from pmo.api.notify import (
    BRIEF_FORMATS,
    AlertOutput,
    BriefOutput,
    alert_workspace,
    brief_workspace,
    write_brief,
)
from pmo.api.outputs import (
    EXPORT_FORMATS,
    REPORT_FORMATS,
    Pack,
    demo_source,
    export_project,
    make_demo,
    run_cycle,
    write_report,
)
from pmo.api.oversight import (
    Overview,
    QuestionSheet,
    overview_to_json,
    overview_workspace,
    questions_workspace,
    sheet_markdown,
    sheet_to_json,
)
from pmo.api.plan import (
    FORECAST_DISTRIBUTIONS,
    Forecasted,
    Leveled,
    Scheduled,
    forecast_workspace,
    level_workspace,
    schedule_workspace,
)
from pmo.api.team import (
    CHECKIN_ORIGIN,
    CheckInAnswer,
    NoteRecorded,
    StoredCheckIn,
    agenda_workspace,
    decisions_workspace,
    notes_folder,
    record_checkin,
    record_note,
)
from pmo.api.workspace import (
    ProjectHeader,
    init_workspace,
    load,
    load_workspace,
    open_store,
    review,
    review_workspace,
    status_date,
    workspace_store,
)

__all__ = [
    "BRIEF_FORMATS",
    "CHECKIN_ORIGIN",
    "DECK_NAME",
    "EXPORT_FORMATS",
    "FORECAST_DISTRIBUTIONS",
    "REPORT_FORMATS",
    "AlertOutput",
    "BriefOutput",
    "CheckInAnswer",
    "Forecasted",
    "Imported",
    "Leveled",
    "NoteRecorded",
    "Overview",
    "Pack",
    "ProjectHeader",
    "QuestionSheet",
    "Remote",
    "Scheduled",
    "StoredCheckIn",
    "agenda_workspace",
    "alert_workspace",
    "brief_workspace",
    "decisions_workspace",
    "deck_path",
    "deck_workspace",
    "demo_source",
    "draft_deck",
    "export_project",
    "forecast_workspace",
    "import_paths",
    "init_workspace",
    "level_workspace",
    "load",
    "load_workspace",
    "make_demo",
    "notes_folder",
    "open_store",
    "overview_to_json",
    "overview_workspace",
    "questions_workspace",
    "read_files",
    "read_remote",
    "record_checkin",
    "record_note",
    "review",
    "review_workspace",
    "run_cycle",
    "schedule_workspace",
    "sheet_markdown",
    "sheet_to_json",
    "status_date",
    "workspace_store",
    "write_brief",
    "write_deck",
    "write_report",
]
