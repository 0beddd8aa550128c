"""The generator's JSON fast path: same network as `json`, same CPM as networkx."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from pmo.benchmarks.generator import _read_with_json, read_generated
from pmo.engine.schedule import schedule_network, simulate_network

BASELINES = Path(__file__).resolve().parents[4] / "shared" / "baselines"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (BASELINES / "gen_tjp.py").exists():
        pytest.skip(f"{BASELINES} is absent")
    out = tmp_path_factory.mktemp("gen") / "n2000"
    subprocess.run([sys.executable, str(BASELINES / "gen_tjp.py"), "2000", str(out), "--json-only", "--seed", "5"],
                   check=True, capture_output=True)
    return out.with_suffix(".json")


def test_fast_reader_equals_json(generated: Path) -> None:
    fast, slow = read_generated(generated), _read_with_json(generated)
    a, b = fast.network, slow.network
    assert list(a.ids) == list(b.ids)
    for name in ("duration", "pred", "succ", "type", "lag"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert np.array_equal(fast.pessimistic, slow.pessimistic)
    assert fast.start == slow.start


def test_cpm_equals_networkx_baseline(generated: Path) -> None:
    spec = importlib.util.spec_from_file_location("cpm_networkx", BASELINES / "cpm_networkx.py")
    assert spec and spec.loader
    baseline = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(baseline)
    end, es, _, _, _, tf, _ff, critical = baseline.cpm(baseline.build_graph(json.loads(generated.read_text())))
    data = read_generated(generated)
    result = schedule_network(data.network, data.start)
    passes = result.internals.passes
    assert result.finish_days == end
    ids = list(data.network.ids)
    assert np.array_equal(passes.early_start, np.array([es[i] for i in ids], dtype=float))
    total = np.array([result.tasks.arrays.total_float[k] for k in range(len(ids))])
    assert np.array_equal(total, np.array([tf[i] for i in ids], dtype=float))
    assert set(result.critical) == set(critical)


def test_monte_carlo_on_the_fast_path(generated: Path) -> None:
    data = read_generated(generated)
    result = schedule_network(data.network, data.start)
    exact = simulate_network(result, data.most_likely, data.most_likely, data.most_likely, iterations=64)
    assert set(exact.finish.values()) == {result.finish}
    spread = simulate_network(result, data.optimistic, data.most_likely, data.pessimistic, iterations=500, seed=4)
    assert result.finish < spread.finish["P50"] <= spread.finish["P80"] <= spread.finish["P95"]
