"""Anticipation: what the calendar and the plan say is coming (governance meetings and their
preparation, deliverables falling due, absences on the critical path) and what should have
happened (meetings missing). Pure functions of a project."""
