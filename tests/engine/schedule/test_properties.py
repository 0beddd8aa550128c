"""Property: on any acyclic network, the schedule respects every link and its own floats."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo.engine.schedule.cpm import Bounds, floats, run_passes
from pmo.engine.schedule.network import build_network, levelise


@st.composite
def networks(draw: st.DrawFn) -> tuple[list[float], list[tuple[int, int, str, float, bool]]]:
    n = draw(st.integers(1, 25))
    durations = draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 7.0]), min_size=n, max_size=n))
    links = []
    for succ in range(1, n):
        for pred in draw(st.sets(st.integers(0, succ - 1), max_size=3)):
            kind = draw(st.sampled_from(["FS", "SS", "FF", "SF"]))
            lag = draw(st.sampled_from([-2.0, 0.0, 0.0, 1.0, 3.5]))
            links.append((pred, succ, kind, lag, False))
    order = draw(st.permutations(range(n)))  # number the nodes in any order
    return [durations[order.index(i)] for i in range(n)], [(order[p], order[s], k, g, e)
                                                          for p, s, k, g, e in links]


@given(networks())
@settings(max_examples=150, deadline=None)
def test_every_link_holds_and_floats_are_consistent(
        case: tuple[list[float], list[tuple[int, int, str, float, bool]]]) -> None:
    durations, links = case
    network = build_network([str(i) for i in range(len(durations))], durations, links)
    passes = run_passes(network, levelise(network), Bounds.free(network.size))
    es, ef, ls, lf = passes.early_start, passes.early_finish, passes.late_start, passes.late_finish
    for start, finish in ((es, ef), (ls, lf)):
        for p, s, kind, lag, _ in links:
            after = {"FS": finish[p], "SS": start[p], "FF": finish[p], "SF": start[p]}[kind] + lag
            before = start[s] if kind in ("FS", "SS") else finish[s]
            assert before >= after - 1e-9, (p, s, kind, lag)
    assert (es >= -1e-9).all()
    assert np.allclose(ef - es, durations)
    total, free = floats(passes)
    assert (total >= -1e-9).all() and (free >= -1e-9).all() and (free <= total + 1e-9).all()
    assert lf.max() <= passes.finish + 1e-9
    assert np.isclose(ef.max(), passes.finish)
    assert (total <= 1e-9).any()  # some path is critical
