"""numba compilation for the engine's kernels: optional, cached on disk, never in the way.

numba is an optional extra (``pip install 'pmo-copilot[fast]'``). `compiler()` returns
the decorator the kernels use, or None when numba is absent or ``NUMBA_DISABLE_JIT=1``
(the kernels then run as plain Python on numpy arrays, same results).

Compiled kernels are cached on disk (``cache=True``) so only the first run after an
install or a change of the kernels compiles: numba writes next to the source
(``__pycache__``), or, where the package folder is read-only (a wheel in a system
site-packages), in ``NUMBA_CACHE_DIR`` or the user's cache folder. A cache that cannot
be used never breaks a run: with no writable place the kernels compile in memory at each
run, and a cache file that cannot be read or written is skipped with a warning.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

Decorator = Callable[[Callable[..., Any]], Any]


def compiler() -> Decorator | None:
    """numba's ``njit(cache=True, nogil=True)``, made safe; None without numba or with the JIT disabled."""
    try:
        import numba
    except ImportError:
        return None
    if getattr(numba.config, "DISABLE_JIT", False):
        return None
    cached, plain = numba.njit(cache=True, nogil=True), numba.njit(nogil=True)

    def compile_(fn: Callable[..., Any]) -> Any:
        try:
            dispatcher = cached(fn)
        except (RuntimeError, OSError) as exc:  # "no locator available": nowhere writable to cache
            _warn(fn, exc)
            return plain(fn)
        _tolerate(dispatcher, fn)
        return dispatcher

    return compile_


def _tolerate(dispatcher: Any, fn: Callable[..., Any]) -> None:
    """Make the dispatcher's disk cache skip what it cannot read or write instead of failing the call."""
    cache: Any = getattr(dispatcher, "_cache", None)
    load, save = getattr(cache, "load_overload", None), getattr(cache, "save_overload", None)
    if load is None or save is None:
        return

    def load_overload(*args: Any, **kwargs: Any) -> Any:
        try:
            return load(*args, **kwargs)
        except Exception as exc:  # a stale or unreadable cache file: compile instead
            _warn(fn, exc)
            return None

    def save_overload(*args: Any, **kwargs: Any) -> None:
        try:
            save(*args, **kwargs)
        except Exception as exc:  # a read-only or full disk: the compiled code is used, not kept
            _warn(fn, exc)

    cache.load_overload = load_overload
    cache.save_overload = save_overload


def _warn(fn: Callable[..., Any], exc: BaseException) -> None:
    name = getattr(fn, "__qualname__", repr(fn))
    warnings.warn(
        f"pmo: the compiled {name} is not cached on disk ({type(exc).__name__}: {exc}); "
        "set NUMBA_CACHE_DIR to a writable folder to keep it between runs",
        RuntimeWarning,
        stacklevel=3,
    )
