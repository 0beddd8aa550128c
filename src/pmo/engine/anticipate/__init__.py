"""Anticipation: what is coming within the look-ahead horizon (governance meetings and their
preparation, deliverables falling due, absences on the critical path). Pure functions of a project."""
