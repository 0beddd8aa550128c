"""The public API is small, sorted and importable."""

from __future__ import annotations

import pmo
import pmo.model


def isort_style(name: str) -> tuple[int, str]:
    """Constants first, then classes, then the rest, each alphabetically (ruff's RUF022 order)."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_exported() -> None:
    for module in (pmo, pmo.model):
        assert list(module.__all__) == sorted(module.__all__, key=isort_style)
        for name in module.__all__:
            assert hasattr(module, name), name


def test_load_and_review_a_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.yaml"
    path.write_text("project: {key: P, name: Tiny, status_date: 2026-01-05}\n")
    review = pmo.review(pmo.load(path))
    assert review.project.key == "P"
    assert str(review.as_of) == "2026-01-05"
