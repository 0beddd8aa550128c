"""The RCPSP solver on hand-checked instances, on our PSPLIB fixtures and on real j30 instances."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pmo.benchmarks.psplib import read_sm
from pmo.engine.leveling.instance import RcpspInstance
from pmo.engine.leveling.kernels import HAVE_NUMBA, serial_sgs
from pmo.engine.leveling.solve import (
    Rule,
    Scheme,
    improve,
    sample,
    schedule_by_rule,
    solve,
    violations,
)

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "psplib"


def chain_free(durations: list[int], demands: list[list[int]], capacities: list[int]) -> RcpspInstance:
    """Activities between a dummy source and sink, with no other link."""
    m = len(durations)
    return RcpspInstance(
        durations=np.array([0, *durations, 0]),
        successors=(tuple(range(1, m + 1)), *[(m + 1,)] * m, ()),
        demands=np.array([[0] * len(capacities), *demands, [0] * len(capacities)]),
        capacities=np.array(capacities),
    )


def test_one_machine_runs_jobs_one_after_another() -> None:
    # capacity 1, three jobs of 2, 3 and 4 periods needing 1 unit: makespan 2 + 3 + 4 = 9
    inst = chain_free([2, 3, 4], [[1], [1], [1]], [1])
    assert inst.network.cp_bound == 4
    assert inst.network.lower_bound == 9
    for scheme in Scheme:
        assert schedule_by_rule(inst, Rule.LFT, scheme).makespan == 9
    assert solve(inst, 50).makespan == 9


def test_two_at_a_time() -> None:
    # three jobs of 2 periods needing 2 units: capacity 3 runs one at a time (6),
    # capacity 4 two at a time (2 + 2 = 4)
    assert solve(chain_free([2, 2, 2], [[2], [2], [2]], [3]), 100).makespan == 6
    assert solve(chain_free([2, 2, 2], [[2], [2], [2]], [4]), 100).makespan == 4


def test_small_fixture_optimum_is_nine() -> None:
    # pmo_small.sm: jobs 3, 4 and 5 all need the second resource (capacity 2) so they
    # run one after another (2 + 4 + 2 = 8 periods); job 6 needs all 4 units of the first
    # resource after jobs 3 and 4, so it can neither overlap the last of them nor job 5:
    # the optimum is 9 (critical path 5, energy bound 7)
    inst = read_sm(FIXTURES / "pmo_small.sm")
    assert (inst.network.cp_bound, inst.network.lower_bound) == (5, 7)
    best = solve(inst, 500, seed=3)
    assert best.makespan == 9
    assert not violations(inst, best.starts)
    assert best.schedules <= 500


def test_ten_job_fixture_reaches_the_enumerated_optimum() -> None:
    # pmo_ten.sm: the best of all 22,500 activity lists decoded by the serial SGS is 18
    inst = read_sm(FIXTURES / "pmo_ten.sm")
    best = solve(inst, 5000, seed=1)
    assert best.makespan == 18
    assert best.schedules <= 5000
    assert not violations(inst, best.starts)


def test_the_budget_is_never_exceeded_and_the_seed_reproduces() -> None:
    inst = read_sm(FIXTURES / "pmo_ten.sm")
    for budget in (1, 2, 5, 8, 9, 10, 11, 100, 301):
        result = solve(inst, budget, seed=5)
        assert result.schedules <= budget
    one, two = solve(inst, 300, seed=5), solve(inst, 300, seed=5)
    assert one.makespan == two.makespan
    assert (one.starts == two.starts).all()


def test_sampling_and_improvement_keep_schedules_feasible() -> None:
    inst = read_sm(FIXTURES / "pmo_ten.sm")
    for rule in Rule:
        sampled = sample(inst, 60, rule=rule, seed=2)
        assert sampled.schedules <= 60
        assert not violations(inst, sampled.starts)
        first = schedule_by_rule(inst, rule, Scheme.PARALLEL)
        better = improve(inst, first.starts)
        assert better.makespan <= first.makespan
        assert not violations(inst, better.starts)


def test_violations_names_a_broken_link_and_an_exceeded_capacity() -> None:
    inst = chain_free([2, 2], [[1], [1]], [1])
    problems = violations(inst, np.array([0, 0, 0, 1]))
    assert any("resource 0 is used 2 > 1" in p for p in problems)
    assert any("activity 3 starts at 1" in p for p in problems)


def test_instance_rejects_bad_data() -> None:
    with pytest.raises(ValueError, match="needs 3 units of resource 0, whose capacity is 2"):
        chain_free([1], [[3]], [2])
    none = np.zeros(0, dtype=np.int64)
    loop = RcpspInstance(np.array([1, 1]), ((1,), (0,)), np.zeros((2, 0), dtype=np.int64), none)
    with pytest.raises(ValueError, match="cycle"):
        _ = loop.network
    with pytest.raises(ValueError, match="do not agree"):
        RcpspInstance(np.array([1]), ((), ()), np.zeros((1, 1), dtype=np.int64), np.ones(1, dtype=np.int64))


@pytest.mark.skipif(not HAVE_NUMBA, reason="numba is absent or disabled: the kernels already run as Python")
def test_the_python_fallback_decodes_like_the_compiled_kernel() -> None:
    inst = read_sm(FIXTURES / "pmo_ten.sm")
    net = inst.network
    args = (net.durations, net.demands, net.capacities, net.pred_ptr, net.pred_idx, net.pred_delay)
    compiled, python = np.zeros(inst.size, dtype=np.int64), np.zeros(inst.size, dtype=np.int64)
    one = serial_sgs(net.topo, *args, net.horizon, compiled)
    two = serial_sgs.py_func(net.topo, *args, net.horizon, python)  # type: ignore[attr-defined]
    assert one == two
    assert (compiled == python).all()


# (file, optimum from j30hrs.sm), none of them at its lower bound
REAL = [("j301_1.sm", 43), ("j305_7.sm", 76), ("j3021_9.sm", 69)]


@pytest.mark.parametrize(("name", "optimum"), REAL)
def test_real_j30_instances_reach_their_optimum(shared_data: Path, name: str, optimum: int) -> None:
    inst = read_sm(shared_data / "psplib" / "j30" / name)
    best = solve(inst, 5000, seed=0)
    assert best.makespan == optimum
    assert not violations(inst, best.starts)
