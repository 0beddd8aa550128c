"""PSPLIB reader: our fixtures, a round trip, the solution tables and errors that cite file:line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pmo.benchmarks.psplib import format_sm, instance_key, read_sm, read_solutions
from pmo.errors import FormatError

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "psplib"


def test_reads_the_small_fixture() -> None:
    inst = read_sm(FIXTURES / "pmo_small.sm")
    assert inst.size == 7
    assert inst.name == "pmo_small"
    assert inst.durations.tolist() == [0, 3, 2, 4, 2, 1, 0]
    assert inst.successors[0] == (1, 2, 3)  # jobs 2, 3, 4 in the file (1-based)
    assert inst.successors[6] == ()
    assert inst.demands[2].tolist() == [3, 1]
    assert inst.capacities.tolist() == [4, 2]


def test_round_trip_through_the_writer(tmp_path: Path) -> None:
    inst = read_sm(FIXTURES / "pmo_ten.sm")
    again = tmp_path / "again.sm"
    again.write_text(format_sm(inst))
    back = read_sm(again)
    assert back.successors == inst.successors
    assert np.array_equal(back.durations, inst.durations)
    assert np.array_equal(back.demands, inst.demands)
    assert np.array_equal(back.capacities, inst.capacities)


def test_reads_a_solution_table() -> None:
    assert read_solutions(FIXTURES / "pmohrs.sm") == {(1, 1): 9, (1, 2): 18}


def test_instance_keys() -> None:
    assert instance_key("j3012_7.sm") == (12, 7)
    assert instance_key("/x/j12060_10.sm") == (60, 10)
    assert instance_key("j301_1") == (1, 1)
    with pytest.raises(ValueError):
        instance_key("pmo_small.sm")


def test_reads_real_files_and_tables(shared_data: Path) -> None:
    inst = read_sm(shared_data / "psplib" / "j30" / "j301_1.sm")
    assert (inst.size, len(inst.capacities)) == (32, 4)
    assert inst.durations[1] == 8 and inst.demands[1].tolist() == [4, 0, 0, 0]
    assert inst.network.cp_bound == 38
    assert len(read_solutions(shared_data / "psplib" / "j30hrs.sm")) == 480
    assert read_solutions(shared_data / "psplib" / "j120hrs.sm")[(1, 1)] == 105


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (FIXTURES / "pmo_small.sm").read_text()
    assert old in text
    path = tmp_path / "broken.sm"
    path.write_text(text.replace(old, new, 1))
    return path


def line_of(path: Path, fragment: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


PREC_2 = "   2        1         1       5"  # job 2: 1 mode, 1 successor (job 5)
PREC_3 = "   3        1         1       6"
REQ_3 = "   3      1     2       3    1"  # job 3: mode 1, 2 periods, 3 and 1 units
JOBS = "jobs (incl. supersource/sink ):  7"
MALFORMED = [
    (PREC_2, PREC_2[:-1] + "x", "expected whole numbers", PREC_2[:-1] + "x"),
    (PREC_2, PREC_2.replace("1       5", "2       5"), "announces 2 successors but lists 1", "2       5"),
    (PREC_2, PREC_2[:-1] + "9", "successors [9] outside 1..7", PREC_2[:-1] + "9"),
    (PREC_3, PREC_3.replace("3", "4", 1), "expected job 3, found job 4", PREC_3.replace("3", "4", 1)),
    (REQ_3, REQ_3.replace("1", "2", 1), "only single-mode files", REQ_3.replace("1", "2", 1)),
    (REQ_3, REQ_3[:-5], "expected at least 5 numbers", REQ_3[:-5]),
    (REQ_3, REQ_3.replace("   2 ", "  -2 "), "negative duration or request", REQ_3.replace("   2 ", "  -2 ")),
    (JOBS, JOBS[:-1] + "x", "expected a number after", JOBS[:-1] + "x"),
]


@pytest.mark.parametrize(("old", "new", "message", "at"), MALFORMED)
def test_malformed_rows_name_file_and_line(tmp_path: Path, old: str, new: str, message: str, at: str) -> None:
    path = broken(tmp_path, old, new)
    with pytest.raises(FormatError) as info:
        read_sm(path)
    assert message in info.value.reason
    assert info.value.file == str(path)
    assert info.value.line == line_of(path, at)
    assert str(info.value).startswith(f"{path}:{info.value.line}: ")


def test_missing_section_and_truncation(tmp_path: Path) -> None:
    path = broken(tmp_path, "RESOURCEAVAILABILITIES:", "AVAILABILITIES:")
    with pytest.raises(FormatError, match="no 'RESOURCEAVAILABILITIES' section"):
        read_sm(path)
    cut = tmp_path / "cut.sm"
    cut.write_text("\n".join((FIXTURES / "pmo_small.sm").read_text().splitlines()[:18]) + "\n")
    with pytest.raises(FormatError, match="the file ends where job 5 of the precedence relations"):
        read_sm(cut)


def test_a_demand_above_capacity_is_a_format_error(tmp_path: Path) -> None:
    path = broken(tmp_path, "    4    2\n", "    2    2\n")
    with pytest.raises(FormatError, match="needs 3 units of resource 0, whose capacity is 2") as info:
        read_sm(path)
    assert info.value.file == str(path)


def test_a_cycle_is_a_format_error(tmp_path: Path) -> None:
    path = broken(tmp_path, "   5        1         1       7", "   5        1         1       2")
    with pytest.raises(FormatError, match="the links form a cycle through activities"):
        read_sm(path)


def test_malformed_solution_tables(tmp_path: Path) -> None:
    bad = tmp_path / "badhrs.sm"
    bad.write_text("Par Inst Makespan\n1\t1\t9\n1\tx\t3\n")
    with pytest.raises(FormatError) as info:
        read_solutions(bad)
    assert info.value.line == 3
    bad.write_text("1\t1\t9\n1\t1\t10\n")
    with pytest.raises(FormatError, match="appears twice") as info:
        read_solutions(bad)
    assert info.value.line == 2
    bad.write_text("nothing here\n")
    with pytest.raises(FormatError, match="no solution rows"):
        read_solutions(bad)
