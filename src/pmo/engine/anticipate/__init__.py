"""Anticipation: what the calendar and the plan say is coming, and what should have happened."""
