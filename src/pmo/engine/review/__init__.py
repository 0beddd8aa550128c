"""The Review: everything pmo knows about a project at a status date, built from the analysis.

`build.py` assembles it; `cells.py` turns shown fields into Known/Pending/NA cells;
`rows.py` holds the row types; `schedule_parts.py`, `period.py` and `summary.py` the parts
taken from the schedule, the next period and the executive summary.
"""
