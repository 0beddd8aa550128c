"""The MSPDI reader: what it takes from MS Project XML, and how it refuses hostile input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.errors import FormatError
from pmo.model import Assignment, Constraint, ConstraintType, Dependency, LagUnit, LinkType
from pmo.sources import ReadResult, detect
from pmo.sources.mspdi.reader import MspdiReader, read_mspdi

DATA = Path(__file__).resolve().parent.parent / "data" / "mspdi"
HANDMADE = DATA / "handmade.xml"
D = dt.date


def plan(body: str, header: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<Project xmlns="http://schemas.microsoft.com/project">{header}\n{body}\n</Project>\n'
    ).encode()


def task(uid: int, extra: str = "", level: int | str = 1) -> str:
    return f"<Task><UID>{uid}</UID><Name>T{uid}</Name><OutlineLevel>{level}</OutlineLevel>{extra}</Task>"


def refused(data: bytes, tmp_path: Path) -> FormatError:
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    with pytest.raises(FormatError) as caught:
        read_mspdi(path)
    assert str(caught.value).startswith(str(path))
    return caught.value


# -- what the reader takes ---------------------------------------------------------------


@pytest.fixture(scope="module")
def handmade() -> ReadResult:
    return read_mspdi(HANDMADE)


def test_header(handmade: ReadResult) -> None:
    project = handmade.project
    assert handmade.header is True
    assert handmade.findings == ()
    assert (project.key, project.name) == ("handmade", "Hand-made plan")
    assert project.status_date == D(2026, 3, 20)
    assert project.start == D(2026, 3, 2)
    assert (project.manager, project.author, project.calendar) == ("Marie Curie", "pmo tests", "1")
    assert project.source.file == str(HANDMADE)


def test_outline_gives_parents_and_wbs(handmade: ReadResult) -> None:
    tasks = {t.id: t for t in handmade.project.tasks}
    assert "0" not in tasks  # the project summary task is the project itself
    assert [t.id for t in handmade.project.tasks] == ["10", "11", "12", "20", "21", "22", "23", "24", "30"]
    assert {t.id: t.parent for t in tasks.values()} == {
        "10": None,
        "11": "10",
        "12": "10",
        "20": None,
        "21": "20",
        "22": "20",
        "23": "20",
        "24": "20",
        "30": None,
    }
    assert tasks["12"].wbs == "D.2"
    assert tasks["30"].milestone and tasks["30"].duration == 0.0
    assert tasks["11"].source.line is not None and tasks["11"].source.line > 100


def test_durations_count_working_days_of_the_project(handmade: ReadResult) -> None:
    tasks = {t.id: t for t in handmade.project.tasks}
    # MinutesPerDay is 420: 35 hours are 5 working days
    assert tasks["11"].duration == 5.0
    assert tasks["11"].effort == 52.5  # hours of work
    assert tasks["10"].remaining == 4.0


def test_progress_and_baseline(handmade: ReadResult) -> None:
    tasks = {t.id: t for t in handmade.project.tasks}
    done = tasks["11"]
    assert (done.percent_complete, done.actual_start, done.actual_finish) == (
        100.0,
        D(2026, 3, 2),
        D(2026, 3, 6),
    )
    assert (done.baseline_start, done.baseline_finish) == (D(2026, 3, 2), D(2026, 3, 5))
    assert done.actual_cost == 4100.5
    assert tasks["10"].budget == 12000.0
    assert tasks["12"].percent_complete == 20.0 and tasks["12"].done is False


def test_baselines_1_to_10_and_other_custom_fields_are_kept_in_notes(handmade: ReadResult) -> None:
    notes = {t.id: t for t in handmade.project.tasks}["11"].notes
    assert notes.splitlines() == [
        "-- MS Project fields (kept by pmo) --",
        "Baseline1: start=2026-02-23 finish=2026-02-27 duration=35h work=35h cost=3500",
        "Baseline2: start=2026-02-16 finish=2026-02-20",
        "Text3: Flags: qe,pm",
        "Ticket: ERP-12",
    ]


def test_custom_fields_by_alias(handmade: ReadResult) -> None:
    tasks = {t.id: t for t in handmade.project.tasks}
    assert tasks["11"].owner == "Marie Curie"
    assert tasks["11"].deliverable and tasks["24"].deliverable
    assert not tasks["12"].deliverable


def test_every_constraint(handmade: ReadResult) -> None:
    found = {t.id: t.constraint for t in handmade.project.tasks}
    assert found == {
        "10": None,  # ASAP is the default: no constraint
        "11": Constraint(ConstraintType.SNET, D(2026, 3, 2)),
        "12": Constraint(ConstraintType.SNLT, D(2026, 3, 10)),
        "20": None,
        "21": Constraint(ConstraintType.MSO, D(2026, 3, 16)),
        "22": Constraint(ConstraintType.MFO, D(2026, 4, 3)),
        "23": Constraint(ConstraintType.FNET, D(2026, 4, 1)),
        "24": Constraint(ConstraintType.FNLT, D(2026, 4, 10)),
        "30": Constraint(ConstraintType.ALAP),
    }
    tasks = {t.id: t for t in handmade.project.tasks}
    assert tasks["24"].deadline == D(2026, 4, 8)
    assert (tasks["12"].calendar, tasks["24"].calendar) == ("3", "2")


def test_every_link_type_and_lag_format(handmade: ReadResult) -> None:
    W, E = LagUnit.WORKING, LagUnit.ELAPSED
    assert list(handmade.project.dependencies) == [
        Dependency("11", "12", LinkType.FS),
        Dependency("12", "21", LinkType.SS, 2.0, W),  # 8400 tenths of a minute, 420 minutes a day
        Dependency("11", "21", LinkType.FS, 2.0, E),  # elapsed days: 1440 minutes a day
        Dependency("21", "22", LinkType.FF, -0.5, W),  # hours format, negative lag
        Dependency("21", "22", LinkType.SS, 5.0, W),  # 50 % of the predecessor's 10 days
        Dependency("21", "23", LinkType.SF, 10.0, W),  # weeks format: still minutes in LinkLag
        Dependency("22", "24", LinkType.FS, 0.3, E),  # elapsed hours
        Dependency("24", "30", LinkType.FS, -1.0, W),
        Dependency("23", "30", LinkType.FS),  # no Type: finish-to-start
    ]


def test_calendars(handmade: ReadResult) -> None:
    calendars = {c.id: c for c in handmade.project.calendars}
    standard = calendars["1"]
    assert standard.working_weekdays == (0, 1, 2, 3, 4)
    assert standard.hours_per_day == 7.0 and standard.day_start == dt.time(9, 0)
    # a four-day closure Wednesday to Saturday: the Saturday was not working anyway
    assert standard.holidays == (D(2026, 4, 6), D(2026, 5, 13), D(2026, 5, 14), D(2026, 5, 15))
    assert standard.working_dates == (D(2026, 3, 14),)
    night = calendars["2"]
    assert night.working_weekdays == (0, 1, 2, 3, 4, 5)
    assert night.day_start == dt.time(0, 0) and night.hours_per_day == 8.0
    # recurring exceptions: every 1 May, every first Monday of the month
    assert night.holidays == (D(2026, 3, 2), D(2026, 4, 6), D(2026, 5, 1), D(2026, 5, 4), D(2027, 5, 1))
    derived = calendars["3"]  # a resource calendar inherits its base calendar
    assert derived.working_weekdays == (0, 1, 2, 3)
    assert D(2026, 3, 23) in derived.holidays and D(2026, 4, 6) in derived.holidays


def test_people_and_assignments(handmade: ReadResult) -> None:
    people = handmade.project.people
    assert [(p.id, p.name, p.team, p.capacity, p.calendar) for p in people] == [
        ("1", "Marie Curie", "PMO", 1.0, "1"),
        ("2", "Pierre Curie", "Dev", 0.5, "3"),
    ]  # the nameless placeholder and the material resource are not people
    assert people[0].email == "marie@example.org"
    tasks = {t.id: t for t in handmade.project.tasks}
    assert tasks["11"].assignments == (Assignment("1", 1.0), Assignment("2", 0.5))
    assert tasks["21"].assignments == (Assignment("2", 0.5),)
    assert tasks["24"].assignments == ()  # the "unassigned" resource -65535


def test_identify_and_detect(tmp_path: Path) -> None:
    reader = MspdiReader()
    head = HANDMADE.read_bytes()[:4096]
    assert reader.identify(HANDMADE, head)
    assert not reader.identify(tmp_path / "plan.yaml", head)
    assert not reader.identify(tmp_path / "other.xml", b'<?xml version="1.0"?><Project xmlns="urn:other"/>')
    assert detect(HANDMADE).name == "mspdi"


# -- hostile and broken input ----------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE Project [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Project xmlns="http://schemas.microsoft.com/project"><Name>&lol9;</Name></Project>
"""

EXTERNAL = b"""<?xml version="1.0"?>

<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Project xmlns="http://schemas.microsoft.com/project"><Name>&secret;</Name></Project>
"""


def test_entity_bomb_is_refused(tmp_path: Path) -> None:
    error = refused(BILLION_LAUGHS, tmp_path)
    assert error.line == 2 and "DOCTYPE" in error.reason


def test_external_entity_is_refused(tmp_path: Path) -> None:
    error = refused(EXTERNAL, tmp_path)
    assert error.line == 3 and "DOCTYPE" in error.reason


def test_utf16_doctype_is_refused(tmp_path: Path) -> None:
    error = refused(
        BILLION_LAUGHS.decode().replace('"1.0"?>', '"1.0" encoding="UTF-16"?>').encode("utf-16"), tmp_path
    )
    assert error.line == 2


def test_truncated_file(tmp_path: Path) -> None:
    data = HANDMADE.read_bytes()
    error = refused(data[: len(data) // 2], tmp_path)
    assert error.line is not None and error.line > 50
    assert "not well-formed XML" in error.reason


def test_not_mspdi(tmp_path: Path) -> None:
    error = refused(b'<?xml version="1.0"?>\n<Plan><Task/></Plan>', tmp_path)
    assert error.line == 2 and "not MS Project XML" in error.reason
    assert "empty" in refused(b"", tmp_path).reason or refused(b"", tmp_path).line is not None


def test_bad_header_value_names_its_line(tmp_path: Path) -> None:
    error = refused(plan("", "\n<StatusDate>2026-02-30T08:00:00</StatusDate>"), tmp_path)
    assert error.line == 3 and "not a date" in error.reason


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ("<Start>2026-13-01T08:00:00</Start>", "not a date"),
        ("<Duration>eight hours</Duration>", "not a duration"),
        ("<Duration>PT99999999999999H0M0S</Duration>", "out of range"),
        ("<PercentComplete>250</PercentComplete>", "not 0..100"),
        ("<PercentComplete>1e999</PercentComplete>", "out of range"),
        ("<ConstraintType>12</ConstraintType>", "not 0..7"),
        ("<OutlineLevel>one</OutlineLevel>", "not a whole number"),
        ("<Deadline>yesterday</Deadline>", "not a date"),
    ],
)
def test_one_bad_task_is_skipped_with_its_line(tmp_path: Path, extra: str, words: str) -> None:
    if extra.startswith("<OutlineLevel>"):
        middle = task(2, "", extra.removeprefix("<OutlineLevel>").removesuffix("</OutlineLevel>"))
    else:
        middle = task(2, extra)
    body = "<Tasks>\n" + task(1) + "\n" + middle + "\n" + task(3) + "\n</Tasks>"
    path = tmp_path / "plan.xml"
    path.write_bytes(plan(body))
    result = read_mspdi(path)
    assert [t.id for t in result.project.tasks] == ["1", "3"]
    [finding] = result.findings
    assert finding.code == "import-skipped" and words in finding.message
    assert finding.source.file == str(path) and finding.source.line == 5  # the line of task 2


def test_bad_links_are_skipped(tmp_path: Path) -> None:
    links = (
        "<PredecessorLink><PredecessorUID>99</PredecessorUID></PredecessorLink>"
        "<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>7</Type></PredecessorLink>"
        "<PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>1e300</LinkLag></PredecessorLink>"
        "<PredecessorLink><PredecessorUID>1</PredecessorUID><CrossProject>1</CrossProject></PredecessorLink>"
        "<PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink>"
        "<PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>4800</LinkLag></PredecessorLink>"
    )
    path = tmp_path / "plan.xml"
    path.write_bytes(plan("<Tasks>" + task(1) + task(2, links) + "</Tasks>"))
    result = read_mspdi(path)
    assert result.project.dependencies == (Dependency("1", "2", LinkType.FS, 1.0),)
    assert [f.code for f in result.findings] == ["import-skipped"] * 3


def test_duplicate_uid_and_null_rows(tmp_path: Path) -> None:
    path = tmp_path / "plan.xml"
    body = task(1) + task(1) + "<Task><UID>5</UID><IsNull>1</IsNull></Task>" + task(2, "", level=3)
    path.write_bytes(plan("<Tasks>" + body + "</Tasks>"))
    project = read_mspdi(path).project
    assert [(t.id, t.parent) for t in project.tasks] == [("1", None), ("2", "1")]


def test_pmo_id_field_names_the_task(tmp_path: Path) -> None:
    fields = (
        "<ExtendedAttributes><ExtendedAttribute><FieldID>188744016</FieldID><Alias>pmo id</Alias>"
        "</ExtendedAttribute></ExtendedAttributes>"
    )
    custom = "<ExtendedAttribute><FieldID>188744016</FieldID><Value>design</Value></ExtendedAttribute>"
    link = "<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink>"
    path = tmp_path / "plan.xml"
    path.write_bytes(plan("<Tasks>" + task(1, custom) + task(2, link) + "</Tasks>", fields))
    project = read_mspdi(path).project
    assert [t.id for t in project.tasks] == ["design", "2"]
    assert project.dependencies == (Dependency("design", "2"),)


_TAGS = (
    "UID",
    "OutlineLevel",
    "Duration",
    "Start",
    "Finish",
    "PercentComplete",
    "ConstraintType",
    "ConstraintDate",
    "Work",
    "RemainingDuration",
    "Deadline",
    "CalendarUID",
    "Milestone",
)
_VALUES = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        [
            "PT8H0M0S",
            "P1D",
            "-PT1H",
            "PT",
            "P",
            "2026-02-29T08:00:00",
            "9999-12-31T23:59:59",
            "0001-01-01T00:00:00",
            "1e308",
            "-1",
            "0",
        ]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.lists(st.tuples(st.sampled_from(_TAGS), _VALUES), max_size=6),
    links=st.lists(st.tuples(st.integers(-3, 5), st.integers(-2, 25), _VALUES, _VALUES), max_size=3),
    cut=st.integers(0, 4000),
)
def test_fuzzed_tasks_never_crash(
    tmp_path: Path, fields: list[tuple[str, str]], links: list[tuple[int, int, str, str]], cut: int
) -> None:
    from xml.sax.saxutils import escape

    body = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields)
    body += "".join(
        f"<PredecessorLink><PredecessorUID>{uid}</PredecessorUID><Type>{kind}</Type>"
        f"<LinkLag>{escape(lag)}</LinkLag><LagFormat>{escape(fmt)}</LagFormat></PredecessorLink>"
        for uid, kind, lag, fmt in links
    )
    data = plan("<Tasks>" + task(1) + task(2, body) + "</Tasks>")
    for candidate in (data, data[:cut]):
        path = tmp_path / "fuzz.xml"
        path.write_bytes(candidate)
        try:
            result = read_mspdi(path)
        except FormatError as exc:
            assert exc.file == str(path)
            continue
        assert {t.id for t in result.project.tasks} <= {"1", "2", *(v for _, v in fields)}


def test_owner_is_the_contact_else_the_person_assigned(tmp_path: Path) -> None:
    """MS Project gives a milestone an owner by assigning a person to it; the Contact field wins."""
    people = (
        "<Resources><Resource><UID>1</UID><Name>Ann Lee</Name><Type>1</Type></Resource>"
        "<Resource><UID>2</UID><Name>Bob Stone</Name><Type>1</Type></Resource></Resources>"
    )
    booked = "".join(
        f"<Assignment><TaskUID>{t}</TaskUID><ResourceUID>{r}</ResourceUID><Units>{u}</Units></Assignment>"
        for t, r, u in ((1, 1, 0.5), (1, 2, 1), (2, 2, 1), (3, 1, 1), (3, 2, 1))
    )
    tasks = (
        "<Tasks>" + task(1) + task(2, "<Milestone>1</Milestone>") + task(3)
        + task(4, "<Contact>Carla</Contact>") + "</Tasks>"
    )
    path = tmp_path / "plan.xml"
    path.write_bytes(plan(tasks + people + f"<Assignments>{booked}</Assignments>"))
    owners = {t.id: t.owner for t in read_mspdi(path).project.tasks}
    assert owners == {"1": "2", "2": "2", "3": "1", "4": "Carla"}  # most units, else the first listed


def test_tasks_are_updated_with_the_plan_status_date_else_last_saved(tmp_path: Path) -> None:
    path = tmp_path / "plan.xml"
    saved = "<LastSaved>2026-05-20T10:00:00</LastSaved>"
    path.write_bytes(plan("<Tasks>" + task(1) + "</Tasks>", saved))
    project = read_mspdi(path).project
    [only] = project.tasks
    assert project.last_saved == D(2026, 5, 20) and only.updated_with_plan and only.last_updated is None
    assert project.last_update(only) == D(2026, 5, 20)
    path.write_bytes(plan("<Tasks>" + task(1) + "</Tasks>", saved + "<StatusDate>2026-06-12T17:00:00</StatusDate>"))
    project = read_mspdi(path).project
    assert project.last_update(project.tasks[0]) == D(2026, 6, 12)
