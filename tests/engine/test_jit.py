"""The numba kernels are cached on disk, and a cache that cannot be used never breaks a run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pmo.engine import jit


def add_one(x: float) -> float:
    return x + 1.0


def test_without_numba_there_is_no_compiler(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "numba", None)  # `import numba` fails as if it were not installed
    assert jit.compiler() is None


numba = pytest.importorskip("numba", reason="numba is absent: the kernels run as Python and nothing is cached")
caching = pytest.importorskip("numba.core.caching")


@pytest.fixture
def compile_(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """pmo's compiler with numba's cache in a temporary folder (NUMBA_CACHE_DIR)."""
    if getattr(numba.config, "DISABLE_JIT", False):
        pytest.skip("NUMBA_DISABLE_JIT is set: nothing is compiled")
    monkeypatch.setattr(numba.config, "CACHE_DIR", str(tmp_path))
    compiler = jit.compiler()
    assert compiler is not None
    return compiler


def test_compiled_kernels_are_cached_on_disk(compile_, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert compile_(add_one)(1.0) == 2.0
    assert list(tmp_path.rglob("*.nbi")), "numba wrote no cache index"
    again = compile_(add_one)  # a new process would do this: it loads what was cached
    assert again(2.0) == 3.0
    assert again.stats.cache_hits, "the second compile did not come from the disk cache"


def test_nowhere_to_cache_compiles_in_memory(compile_, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(caching.CacheImpl, "_locator_classes", [])  # "cannot cache function: no locator"
    with pytest.warns(RuntimeWarning, match="not cached on disk"):
        kernel = compile_(add_one)
    assert kernel(1.0) == 2.0


def test_a_cache_that_cannot_be_written_is_skipped(compile_, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(caching.IndexDataCacheFile, "save", full)
    kernel = compile_(add_one)
    with pytest.warns(RuntimeWarning, match="No space left"):
        assert kernel(1.0) == 2.0


def test_a_cache_that_cannot_be_read_is_skipped(compile_, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert compile_(add_one)(1.0) == 2.0  # cached

    def corrupt(*args: object, **kwargs: object) -> None:
        raise EOFError("Ran out of input")

    monkeypatch.setattr(caching.IndexDataCacheFile, "load", corrupt)
    kernel = compile_(add_one)
    with pytest.warns(RuntimeWarning, match="Ran out of input"):
        assert kernel(4.0) == 5.0
