"""The responsibility graph, queries, checklists and comparisons on the two seeds and on fixtures."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kehoach.cli.app import app
from kehoach.graph import queries, reports
from kehoach.graph.build import build_graph
from kehoach.graph.duties import corpus_duties
from kehoach.graph.export import export_graph, load_graph
from kehoach.graph.identity import identify, plan_id
from kehoach.graph.trace import trace
from kehoach.models import AgencyRef, Jurisdiction, Plan, Reference, Task
from kehoach.models.plan import Deadline, DocumentMeta

HUNG_YEN, TAM_DUONG = "000_1cdde12f011c0099", "002_6db69d9744caca0f"
runner = CliRunner()


@pytest.fixture(scope="module")
def duties(seed_plans):
    return corpus_duties(seed_plans)


def test_police_lead_in_both_jurisdictions(seed_plans, duties):
    c = queries.compare(queries.select_plans(seed_plans, basis="49/2020/NĐ-CP"), duties, subject="49/2020/NĐ-CP")
    assert len(c.plans) == 2 and len(c.jurisdictions) == 2
    assert all(c.lead.get(("police", j), 0) > 0 for j in c.jurisdictions), c.lead
    names = {d.agency_name for d in duties if d.agency.function == "police" and d.role == "lead"}
    assert {"Công an tỉnh", "Công an huyện"} <= names


@pytest.mark.parametrize("words", ["vay vốn", "vay von", "VAY VON"])
def test_who_finds_social_policy_bank_in_both_seeds(duties, words):
    ranked = queries.who(duties, words, limit=0)
    bank = [a for a in ranked if a.agency.function == "social_policy_bank"]
    assert {d.plan_id for a in bank for d in a.duties} == {HUNG_YEN, TAM_DUONG}
    assert ranked[0].agency.function == "social_policy_bank"  # the bank's duties are about loans


def test_who_requires_every_word(duties):
    assert queries.who(duties, "vay von khong-co-tu-nay") == []


def test_checklist_marks_the_conference_due_within_14_days(duties):
    rows = queries.checklist(queries.agency_duties(duties, "Công an tỉnh"), dt.date(2026, 3, 1))
    conference = [r for r in rows if r.duty.deadline == "2026-03-10"]
    assert conference and "Hội nghị" in conference[0].duty.text
    assert conference[0].status == "due_soon"
    assert rows[0] is conference[0]  # sorted by deadline, undated last
    assert queries.status_of("2026-02-28", dt.date(2026, 3, 1)) == "overdue"
    assert queries.status_of("2026-06-30", dt.date(2026, 3, 1)) == "open"
    assert queries.status_of(None, dt.date(2026, 3, 1)) == "no_deadline"


def test_a_duty_recorded_done_is_judged_against_its_deadline():
    from kehoach.models import Progress

    def done(day: str) -> Progress:
        return Progress(state="done", changed_on=dt.date.fromisoformat(day))

    as_of = dt.date(2026, 5, 1)
    assert queries.status_of("2026-03-31", as_of, done("2026-03-12")) == "done_early"
    assert queries.status_of("2026-03-31", as_of, done("2026-03-31")) == "done_on_time"
    assert queries.status_of("2026-03-31", as_of, done("2026-04-02")) == "done_late"
    assert queries.status_of(None, as_of, done("2026-04-02")) == "done"
    assert queries.status_of("2026-03-31", as_of, Progress(state="in_progress")) == "overdue"


def test_unknown_agency_gives_closest_matches(duties):
    with pytest.raises(queries.NotFound) as exc:
        queries.agency_duties(duties, "Sở Tài chánh")
    assert "Sở Tài chính" in exc.value.suggestions


def test_function_taxonomy_aligns_levels_and_the_2025_reorganisation():
    province = Jurisdiction(level="province", province="Hưng Yên", province_now="Hưng Yên")
    district = Jurisdiction(level="district", province="Lai Châu", province_now="Lai Châu", district="Tam Đường")
    so = identify(AgencyRef(name="Sở Tư pháp", level="province"), province)
    phong = identify(AgencyRef(name="phòng Tư pháp", level="district"), district)
    assert so.function == phong.function == "justice" and so.key != phong.key
    ldtbxh = identify(AgencyRef(name="Phòng Lao động, Thương binh và Xã hội", level="district"), district)
    assert ldtbxh.function == "labour_social" and ldtbxh.function_now == "home_affairs"
    assert identify(AgencyRef(name="Sở Kế hoạch và Đầu tư"), province).function_now == "finance"
    # one agency, two spellings, one node
    a = identify(AgencyRef(name="Công an tỉnh", level="province"), province)
    b = identify(AgencyRef(name="Công an tỉnh Hưng Yên", level="province"), province)
    assert a.key == b.key


def test_trace_follows_citations_both_ways(seed_plans):
    g = build_graph(seed_plans)
    node, up, down = trace(g, "42/KH-BCA-C11")
    assert [n.node for n in down] == [f"plan:{HUNG_YEN}"]
    _, _, down = trace(g, "1492/KH-CAT-PC10")
    assert [n.node for n in down] == [f"plan:{TAM_DUONG}"]
    _, _, down = trace(g, "Nghị định 49/2020/NĐ-CP".split()[-1])
    assert {n.node for n in down} == {f"plan:{HUNG_YEN}", f"plan:{TAM_DUONG}"}
    with pytest.raises(queries.NotFound) as exc:
        trace(g, "42/KH-BCA-C12")
    assert "42/KH-BCA-C11" in exc.value.suggestions


def _plan(file: str, number: str, bases: list[str], tasks: list[Task], province="Hưng Yên", district=None) -> Plan:
    level = "district" if district else "province"
    return Plan(file=file, document=DocumentMeta(
        number=number, doc_type="Kế hoạch", level=level, title=f"Kế hoạch {number}",
        jurisdiction=Jurisdiction(level=level, province=province, province_now=province, district=district)),
        references=[Reference(number=b, name=b, is_legal_basis=True) for b in bases],
        legal_bases=[Reference(number=b, name=b, is_legal_basis=True) for b in bases], tasks=tasks)


def test_cascade_links_plans_in_the_corpus():
    top = _plan("top.md", "10/KH-UBND", ["49/2020/NĐ-CP"], [])
    low = _plan("low.md", "25/KH-UBND", ["10/KH-UBND"], [], district="Tam Đường")
    g = build_graph([top, low])
    assert g.has_edge("plan:low", "plan:top")  # not an external stub
    assert not any(a.get("number") == "10/KH-UBND" for n, a in g.nodes(data=True) if a["kind"] == "document")
    _, up, _ = trace(g, "25/KH-UBND")
    assert up[0].node == "plan:top" and up[0].children[0].label == "49/2020/NĐ-CP"
    _, _, down = trace(g, "49/2020/NĐ-CP")
    assert down[0].node == "plan:top" and down[0].children[0].node == "plan:low"


@pytest.mark.parametrize("suffix", ["graphml", "gexf", "json"])
def test_exports_load_back(seed_plans, tmp_path: Path, suffix):
    g = build_graph(seed_plans)
    back = load_graph(export_graph(g, tmp_path / f"g.{suffix}"))
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    kinds = nx.get_node_attributes(back, "kind")
    assert {"plan", "agency", "task", "document"} <= set(kinds.values())


def test_checklist_files_carry_every_duty(duties, tmp_path: Path):
    from docx import Document
    from openpyxl import load_workbook

    rows = queries.checklist(queries.agency_duties(duties, "Công an tỉnh"), dt.date(2026, 3, 1))
    reports.checklist_xlsx("Công an tỉnh", rows, dt.date(2026, 3, 1), tmp_path / "c.xlsx")
    reports.checklist_docx("Công an tỉnh", rows, dt.date(2026, 3, 1), tmp_path / "c.docx")
    ws = load_workbook(tmp_path / "c.xlsx").active
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref
    assert [ws.cell(3 + i, 2).value for i in range(len(rows))] == [r.duty.text for r in rows]
    table = Document(tmp_path / "c.docx").tables[0]
    assert [row.cells[1].text for row in table.rows[1:]] == [r.duty.text for r in rows]
    assert table.rows[0].cells[-1].text == "Đã hoàn thành"


def test_document_text_is_escaped_everywhere(tmp_path: Path):
    from docx import Document
    from openpyxl import load_workbook

    from kehoach.graph.draw import plan_html

    evil = ["<script>alert(1)</script> tổ chức hội nghị", "=HYPERLINK(\"http://x\",\"bấm\") tổ chức"]
    tasks = [Task(text=t, lead=[AgencyRef(name="Sở Tư pháp", level="province")],
                  deadline=Deadline(date="2026-05-01", precision="day", text="01/5/2026")) for t in evil]
    plan = _plan("evil.md", "1/KH-UBND", [], tasks)
    rows = queries.checklist(corpus_duties([plan]), dt.date(2026, 3, 1))
    md = reports.checklist_markdown("Sở Tư pháp", rows, dt.date(2026, 3, 1))
    assert "<script>" not in md and "&lt;script&gt;" in md
    html = plan_html(plan, tmp_path / "v.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    reports.checklist_xlsx("Sở Tư pháp", rows, dt.date(2026, 3, 1), tmp_path / "e.xlsx")
    ws = load_workbook(tmp_path / "e.xlsx").active
    cells = [ws.cell(3 + i, 2) for i in range(2)]
    formula = next(c for c in cells if str(c.value).startswith("="))
    assert formula.data_type == "s"
    reports.checklist_docx("Sở Tư pháp", rows, dt.date(2026, 3, 1), tmp_path / "e.docx")
    texts = [r.cells[1].text for r in Document(tmp_path / "e.docx").tables[0].rows[1:]]
    assert set(texts) == set(evil)


def test_cli_on_the_seeds(seed_plan_dir: Path, tmp_path: Path):
    for words in ("vay vốn", "vay von"):
        r = runner.invoke(app, ["who", words, "-c", str(seed_plan_dir)])
        assert r.exit_code == 0, r.output
        assert "Ngân hàng" in r.output
    r = runner.invoke(app, ["checklist", "-a", "Công an tỉnh", "--as-of", "2026-03-01", "-f", "xlsx",
                            "-o", str(tmp_path / "ca.xlsx"), "-c", str(seed_plan_dir)])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "ca.xlsx").stat().st_size > 0
    r = runner.invoke(app, ["checklist", "--all", "-f", "docx", "-o", str(tmp_path / "all"), "-c", str(seed_plan_dir)])
    assert r.exit_code == 0, r.output
    assert len(list((tmp_path / "all").glob("*.docx"))) >= 20
    r = runner.invoke(app, ["compare", "--basis", "49/2020/NĐ-CP", "-o", str(tmp_path / "cmp"), "-c", str(seed_plan_dir)])
    assert r.exit_code == 0, r.output
    assert {p.suffix for p in (tmp_path / "cmp").iterdir()} == {".md", ".xlsx", ".png"}
    r = runner.invoke(app, ["trace", "42/KH-BCA-C11", "-c", str(seed_plan_dir)])
    assert r.exit_code == 0 and "Tổng kết 05 năm" in r.output
    r = runner.invoke(app, ["view", HUNG_YEN, "-o", str(tmp_path / "v"), "-c", str(seed_plan_dir)])
    assert r.exit_code == 0, r.output
    assert {p.suffix for p in (tmp_path / "v").iterdir()} == {".png", ".svg", ".html"}
    r = runner.invoke(app, ["graph", "-o", str(tmp_path / "g.gexf"), "-c", str(seed_plan_dir)])
    assert r.exit_code == 0 and nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() > 50


@pytest.mark.parametrize("args", [
    ["tasks", "-a", "Sở Không Có"],
    ["checklist", "-a", "Sở Không Có", "--as-of", "2026-03-01"],
    ["trace", "999/KH-XYZ"],
    ["compare", "--basis", "1/2099/NĐ-CP"],
    ["view", "no-such-plan"],
    ["checklist", "-a", "Công an tỉnh", "--as-of", "01/03/2026"],
])
def test_cli_bad_input_is_a_message_not_a_traceback(seed_plan_dir: Path, args):
    r = runner.invoke(app, args + ["-c", str(seed_plan_dir)])
    assert r.exit_code == 1
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "Traceback" not in r.output


def test_plan_ids_are_file_stems(seed_plans):
    assert sorted(plan_id(p) for p in seed_plans) == [HUNG_YEN, TAM_DUONG]
