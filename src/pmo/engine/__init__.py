"""Engines: pure functions of a project and a status date, returning figures and findings."""
