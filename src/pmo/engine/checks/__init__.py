"""The checks: the registry (`registry.py`) and the built-in checks (rigour, questions)."""
