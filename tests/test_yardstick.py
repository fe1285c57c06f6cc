"""The yardstick scripts (scripts/pairs_sample.py, pairs_report.py, unlabeled_pages.py, inflow_headers.py):
their pure parts on made-up plans and tables, one sample drawn and reported end to end on the seed plans, and
the inflow index and its kinds table where ../shared is present."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kehoach.models import AgencyRef, Block, BlockKind, Cell, Plan, Provenance, SourceDocument, Task
from kehoach.models.plan import DocumentMeta, Signer

from .conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "scripts"))

import inflow_headers  # noqa: E402
import pairs_report  # noqa: E402
import pairs_sample  # noqa: E402
import unlabeled_pages  # noqa: E402
import yardlib  # noqa: E402


def a_plan() -> Plan:
    def task(text: str, block: int, lead: list[str], support: list[str] = (), requested: list[str] = ()) -> Task:
        return Task(text=text, lead=[AgencyRef(name=n) for n in lead], support=[AgencyRef(name=n) for n in support],
                    requested=[AgencyRef(name=n, confidence=0.4) for n in requested], confidence=0.8,
                    provenance=Provenance(file="x.md", block=block, start=0, end=len(text)))

    return Plan(file="x.md", document=DocumentMeta(number="1/KH-UBND", doc_type="Kế hoạch", date="2025-11-21",
                                                   signer=Signer(name="Nguyễn Văn A")),
                tasks=[task("Tổ chức tập huấn.", 1, ["Sở Nội vụ"], ["Sở Tài chính", "Công an tỉnh"]),
                       task("Báo cáo kết quả.", 2, [], requested=["Bộ Tài chính"])])


# yardlib ------------------------------------------------------------------------------------------------------

def test_wilson_matches_known_intervals():
    lo, hi = yardlib.wilson(5, 10)
    assert (round(lo, 4), round(hi, 4)) == (0.2366, 0.7634)
    lo, hi = yardlib.wilson(0, 10)
    assert lo == 0.0 and round(hi, 4) == 0.2775
    lo, hi = yardlib.wilson(76, 150)
    assert lo < 76 / 150 < hi and (round(lo, 3), round(hi, 3)) == (0.427, 0.586)
    assert yardlib.wilson(0, 0) == (0.0, 1.0)


def test_share_cell_and_norm_text():
    assert yardlib.share_cell(1, 2).startswith("50.0 % (")
    assert yardlib.share_cell(0, 0) == "–"
    assert yardlib.norm_text("  Nguyễn  Văn\tA ") == yardlib.norm_text("nguyễn văn a")
    assert yardlib.norm_text("Hòa") != yardlib.norm_text("Hoà")  # spelling is kept: only spaces and case go


def test_table_round_trip_survives_a_spreadsheet(tmp_path: Path):
    f = tmp_path / "t.csv"
    yardlib.write_table(f, {"seed": "7", "commit": "abc1234"}, ["id", "text", "verdict"],
                        [{"id": "a", "text": "hai\ndòng, phẩy", "verdict": None}, {"id": "b", "text": "x\u2028y"}])
    meta, rows = yardlib.read_table(f)
    assert meta == {"seed": "7", "commit": "abc1234"}
    assert rows == [{"id": "a", "text": "hai\ndòng, phẩy", "verdict": ""}, {"id": "b", "text": "x\u2028y", "verdict": ""}]
    padded = "".join(ln.rstrip("\n") + ",,\n" if ln.startswith("#") else ln
                     for ln in f.read_text(encoding="utf-8").splitlines(keepends=True))
    f.write_text("\ufeff" + padded, encoding="utf-8")  # what a spreadsheet saves: BOM, padded header lines
    assert yardlib.read_table(f) == (meta, rows)


def test_kind_prefers_the_portal_type():
    assert yardlib.kind_of("Công văn", "Chỉ thị") == "Công văn"
    assert yardlib.kind_of(None, "Chỉ thị") == "Chỉ thị"
    assert yardlib.kind_of(None, None) == "(none)"


# pairs_sample -------------------------------------------------------------------------------------------------

def test_every_pair_of_a_plan_in_order():
    pairs = pairs_sample.plan_pairs("d1", a_plan())
    assert [(p.id, p.agency, p.role) for p in pairs] == [
        ("d1/t0/lead/0", "Sở Nội vụ", "lead"), ("d1/t0/support/0", "Sở Tài chính", "support"),
        ("d1/t0/support/1", "Công an tỉnh", "support"), ("d1/t1/requested/0", "Bộ Tài chính", "requested")]
    assert pairs[3].confidence == 0.4 and pairs[3].task_confidence == 0.8 and pairs[3].block == 2


def test_draw_is_seeded_without_replacement_in_population_order():
    population = [p for i in range(30) for p in pairs_sample.plan_pairs(f"d{i:02d}", a_plan())]
    one, again, other = (pairs_sample.draw(population, 25, s) for s in (5, 5, 6))
    assert [p.id for p in one] == [p.id for p in again] != [p.id for p in other]
    assert len({p.id for p in one}) == 25
    assert [population.index(p) for p in one] == sorted(population.index(p) for p in one)
    assert len(pairs_sample.draw(population[:3], 150, 1)) == 3


def test_halves_and_document_choice():
    ids = [f"i-{n:03d}" for n in range(1, 12)]
    a, b = pairs_sample.halves(ids, 7)
    assert len(a) == 6 and len(b) == 5 and sorted(a + b) == ids
    assert pairs_sample.halves(list(reversed(ids)), 7) == (a, b)
    assert pairs_sample.choose_documents(ids, None, "B", 7, set()) == b
    assert pairs_sample.choose_documents(ids, {"i-001", "i-002", "i-003"}, None, 7, {"i-002"}) == ["i-001", "i-003"]


def test_span_marked_in_a_window():
    text = "a" * 3000 + "DUTY" + "b" * 3000
    shown = pairs_sample.marked(text, 3000, 3004, limit=100)
    assert "⟦DUTY⟧" in shown and shown.startswith("… ") and shown.endswith(" …") and len(shown) < 120
    assert pairs_sample.marked("short", 0, 99) == "short"  # a span outside the text: the text, unmarked
    assert pairs_sample.clip("x" * 50, 21) == "x" * 9 + " … " + "x" * 9


def test_passage_shows_the_source_block_and_its_neighbours():
    rows = [[Cell(text="Nội dung", row=0, col=0), Cell(text="Đơn vị", row=0, col=1)],
            [Cell(text="Tập huấn", row=1, col=0), Cell(text="Sở Nội vụ", row=1, col=1)]]
    src = SourceDocument(path="x.md", format="md", blocks=[
        Block(text="I. NHIỆM VỤ", kind=BlockKind.heading), Block(text="1. Sở Nội vụ: Tổ chức tập huấn."),
        Block(text="bảng", kind=BlockKind.table, rows=rows), Block(text="Nơi nhận:")])
    pair = pairs_sample.Pair(id="x", document="d", task=0, role="lead", agency="Sở Nội vụ", duty="Tổ chức tập huấn.",
                             block=1, start=14, end=31)
    lines = pairs_sample.passage_lines(src, pair, context=1)
    assert lines[0] == "  [0 heading] I. NHIỆM VỤ"
    assert lines[1] == "▶ [1 paragraph] 1. Sở Nội vụ: ⟦Tổ chức tập huấn.⟧"
    assert lines[2].startswith("  [2 table]") and len(lines) == 3
    in_table = pair.model_copy(update={"block": 2, "row": 1})
    assert "▶ [2 table] (table row 1) Nội dung | Đơn vị\nTập huấn | Sở Nội vụ" in pairs_sample.passage_lines(src, in_table, 0)
    gone = pair.model_copy(update={"block": 9})
    assert "not in the document" in pairs_sample.passage_lines(src, gone, 1)[0]


def test_source_found_under_a_root(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.md").write_text("x", encoding="utf-8")
    assert pairs_sample.source_path(a_plan(), [tmp_path]) == tmp_path / "sub" / "x.md"
    assert pairs_sample.source_path(a_plan(), [tmp_path / "sub"]) == tmp_path / "sub" / "x.md"
    assert pairs_sample.source_path(a_plan(), [tmp_path / "nowhere"]) is None


def test_out_paths_take_a_prefix_with_or_without_suffix(tmp_path: Path):
    want = (tmp_path / "s-1.csv", tmp_path / "s-1.md")
    assert pairs_sample.out_paths(tmp_path / "s-1") == want == pairs_sample.out_paths(tmp_path / "s-1.csv")
    assert pairs_sample.out_paths(tmp_path / "inflow.v2")[0].name == "inflow.v2.csv"


def judge_all(path: Path, verdict_of) -> None:
    """Fill a sample's CSV as a judge would, keeping its header lines."""
    meta, rows = yardlib.read_table(path)
    for n, r in enumerate(rows):
        r["verdict"], r["error"], r["note"] = verdict_of(n)
    yardlib.write_table(path, meta, list(rows[0]), rows)


def test_sample_drawn_judged_and_reported_end_to_end(seed_plan_dir: Path, tmp_path: Path, capsys):
    out = tmp_path / "seeds-3"
    args = [str(seed_plan_dir), "--out", str(out), "-n", "12", "--seed", "3", "--sources", str(SEEDS),
            "--index", str(tmp_path / "no-index.csv"), "--commit", "abc1234"]
    assert pairs_sample.main(args) == 0
    meta, rows = yardlib.read_table(out.with_suffix(".csv"))
    assert meta["seed"] == "3" and meta["size"] == "12" and meta["commit"] == "abc1234"
    assert len(rows) == 12 and all(r["passage"] and "⟦" in r["passage"] for r in rows)
    assert all(r["kind"] == r["doc_type"] == "Kế hoạch" and r["verdict"] == "" for r in rows)
    md = out.with_suffix(".md").read_text(encoding="utf-8")
    assert md.count("\n### ") == 12 and "- seed: 3" in md and "- commit: abc1234" in md

    judge_all(out.with_suffix(".csv"), lambda n: ("right", "", "") if n % 4 else ("wrong", "not_a_duty", "a goal"))
    assert pairs_sample.main(args + ["--verdicts", str(out.with_suffix(".csv"))]) == 0
    assert out.with_suffix(".md").read_text(encoding="utf-8").count("- verdict: **wrong — not_a_duty** — a goal") == 3
    capsys.readouterr()
    assert pairs_report.main([str(out.with_suffix(".csv"))]) == 0
    printed = capsys.readouterr().out
    assert "| 12 | 9 | 75.0 % (46.8–91.1) |" in printed and "| not_a_duty | 3 |" in printed
    assert "seeds-3.csv | 3 | 12 | 12 | abc1234 |" in printed


def test_a_second_sample_can_leave_out_the_documents_already_shown(seed_plan_dir: Path, tmp_path: Path):
    first = tmp_path / "first"
    common = ["--sources", str(SEEDS), "--index", str(tmp_path / "none.csv")]
    assert pairs_sample.main([str(seed_plan_dir), "--out", str(first), "-n", "1", "--seed", "1"] + common) == 0
    shown = {r["document"] for r in yardlib.read_table(first.with_suffix(".csv"))[1]}
    second = tmp_path / "second"
    assert pairs_sample.main([str(seed_plan_dir), "--out", str(second), "-n", "500", "--exclude-sampled",
                              str(first.with_suffix(".csv"))] + common) == 0
    meta, rows = yardlib.read_table(second.with_suffix(".csv"))
    assert rows and not shown & {r["document"] for r in rows} and "left out" in meta["subset"]


# pairs_report -------------------------------------------------------------------------------------------------

def test_rows_that_cannot_be_counted_are_named():
    assert pairs_report.check_row({"verdict": "Right"}) is None
    assert "none of" in pairs_report.check_row({"verdict": "ok"})
    assert "none of" in pairs_report.check_row({"verdict": "wrong", "error": "typo"})
    assert "a right pair has an error" in pairs_report.check_row({"verdict": "right", "error": "other"})


def test_report_by_kind_error_and_the_issue_bar():
    def judged(kind: str, right: bool, error: str | None = None) -> pairs_report.Judged:
        return pairs_report.Judged(id="x", kind=kind, role="lead", subkind="(none)", right=right, error=error)

    pairs = [judged("Quyết định", True)] * 18 + [judged("Quyết định", False, "not_a_duty")] * 4 + \
        [judged("Công văn", True)] * 5
    assert pairs_report.by(pairs, lambda p: p.kind) == [("Quyết định", 22, 18), ("Công văn", 5, 5)]
    line = pairs_report.verdict_line(pairs)
    assert "overall: not met" in line and "not met (Quyết định 82 %)" in line
    text = pairs_report.report([], pairs)
    assert "| Công văn | 5 | 5 | 100.0 % (56.6–100.0) | < 20 pairs |" in text
    assert "| not_a_duty | 4 | 14.8 % (5.9–32.5) | 100 % |" in text
    assert "sub-kind" not in text


def test_report_refuses_a_bad_verdict(tmp_path: Path, capsys):
    f = tmp_path / "s.csv"
    yardlib.write_table(f, {"seed": "1"}, ["id", "kind", "verdict", "error"], [{"id": "p1", "kind": "K", "verdict": "maybe"}])
    assert pairs_report.main([str(f)]) == 2
    assert "p1: verdict 'maybe'" in capsys.readouterr().err


# unlabeled_pages ----------------------------------------------------------------------------------------------

def test_pages_split_at_blank_lines():
    text = "Trang một\ndòng hai\n\nTrang hai\n \t\nTrang ba\n\n\n"
    assert unlabeled_pages.split_pages(text) == ["Trang một\ndòng hai", "Trang hai", "Trang ba"]
    assert unlabeled_pages.page_id(42) == "u-00042"


def test_pages_drawn_seeded_in_file_order():
    drawn = unlabeled_pages.draw_pages(13000, 500, 1)
    assert drawn == sorted(set(drawn)) and len(drawn) == 500 == len(unlabeled_pages.draw_pages(13000, 500, 1))
    assert drawn == unlabeled_pages.draw_pages(13000, 500, 1) != unlabeled_pages.draw_pages(13000, 500, 2)
    assert unlabeled_pages.draw_pages(3, 500, 1) == [0, 1, 2]


def test_listing_quotes_only_as_much_as_asked():
    r = unlabeled_pages.PageResult(id="u-00001", chars=10, status="ok", seconds=0.1, pairs=1,
                                   first=[("UBND cấp tỉnh", "lead", "cấp giấy chứng nhận")])
    assert "UBND cấp tỉnh (lead): cấp giấy…" in unlabeled_pages.listing([r], quote=8)
    assert "cấp giấy" not in unlabeled_pages.listing([r], quote=0)


# inflow_headers -----------------------------------------------------------------------------------------------

def test_portal_dates_and_numbers():
    assert inflow_headers.portal_date_iso("1/2/2025") == "2025-02-01"
    assert inflow_headers.portal_date_iso("Đã biết") is None
    assert inflow_headers.norm_number("5402/ CT-cs") == inflow_headers.norm_number("5402/CT-CS")


def test_header_fields_scored_against_the_portal():
    kinds = {"Kế hoạch": inflow_headers.KindRule(doc_types=["Kế hoạch"]), "Văn bản khác": None,
             "Văn bản hợp nhất": inflow_headers.KindRule(subkinds=["consolidated"])}

    def row(portal_type: str, **kw) -> yardlib.PortalRow:
        base = dict(id="i-1", file="inflow/i-1.md", portal_type=portal_type, number="1/KH-UBND", issuer="UBND",
                    signer="NGUYỄN VĂN  A", date="21/11/2025")
        return yardlib.PortalRow(**(base | kw))

    got = {o.field: o.right for o in inflow_headers.field_outcomes(row("Kế hoạch"), a_plan(), kinds)}
    assert got == {"number": True, "date": True, "signer": True, "kind": True}
    got = {o.field: o for o in inflow_headers.field_outcomes(row("Văn bản khác", date="22/11/2025"), a_plan(), kinds)}
    assert set(got) == {"number", "date", "signer"} and not got["date"].right
    consolidated = a_plan().model_copy(update={"document": DocumentMeta(doc_type="Thông tư", subkind="consolidated")})
    assert [o.right for o in inflow_headers.field_outcomes(row("Văn bản hợp nhất"), consolidated, kinds)
            if o.field == "kind"] == [True]
    missing = inflow_headers.field_outcomes(row("Kế hoạch"), None, kinds)
    assert len(missing) == 4 and not any(o.right for o in missing) and all(o.ours is None for o in missing)


def test_every_portal_type_of_the_inflow_has_a_row_in_the_kinds_table(shared: Path):
    index = yardlib.load_index(shared / "corpus" / "inflow" / "index.csv")
    kinds = inflow_headers.load_kinds(inflow_headers.KINDS)
    assert len(index) >= 169
    assert {r.portal_type for r in index.values()} <= set(kinds)
    assert all(inflow_headers.portal_date_iso(r.date) for r in index.values())


def test_the_unlabeled_text_splits_into_its_pages(shared: Path):
    import gzip

    with gzip.open(shared / "corpus" / "unlabeled" / "legal-text.txt.gz", "rt", encoding="utf-8") as f:
        pages = unlabeled_pages.split_pages(f.read())
    assert 13000 <= len(pages) <= 14000  # the README: about 13,200 pages
    assert all(p == p.strip() and "\n\n" not in p for p in pages[:2000])


def test_the_shipped_kinds_table_reads():
    kinds = inflow_headers.load_kinds(inflow_headers.KINDS)
    assert kinds["Văn bản khác"] is None and "Quyết định" in kinds["Quyết định"].doc_types
    with (ROOT / "scripts" / "portal_kinds.json").open(encoding="utf-8") as f:
        assert "_comment" in f.read()


def test_an_official_documents_text_is_told_from_an_article():
    decision = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 84/2025/QĐ-UBND\nQUYẾT ĐỊNH\n…\nĐiều 3. Các sở chịu trách nhiệm thi hành."
                "\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT, KT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    article = ("Ai có thẩm quyền cấp giấy phép?\nNội dung chính\nTheo khoản 2 Điều 5 Nghị định số 15/2025/NĐ-CP, "
               "UBND cấp tỉnh có trách nhiệm cấp giấy phép.\nQuý khách cần hỏi thêm thông tin về có thể đặt câu hỏi tại đây.")
    assert unlabeled_pages.document_marks(decision) == ["number", "recipients", "signature", "archive"]
    assert unlabeled_pages.document_marks(article) == []
    page = unlabeled_pages.PageResult(id="u-1", chars=1, status="ok", seconds=0.1, pairs=2,
                                      marks=unlabeled_pages.document_marks(decision))
    assert unlabeled_pages.is_document_text(page)
    table = unlabeled_pages.summary([page, page.model_copy(update={"marks": [], "pairs": 0})], 9, 1, 1.0, "abc")
    assert "| … of the pages that are no official document's text (< 2 marks) | 0 of 1 — 0.0 % (0.0–79.3) |" in table
    assert "| pages yielding any pair | 1 of 2 — 50.0 % (9.5–90.5) |" in table


def test_verdicts_of_another_sample_are_reported_not_dropped_quietly(seed_plan_dir: Path, tmp_path: Path, capsys):
    common = ["--sources", str(SEEDS), "--index", str(tmp_path / "none.csv")]
    assert pairs_sample.main([str(seed_plan_dir), "--out", str(tmp_path / "a"), "-n", "3", "--seed", "1"] + common) == 0
    judge_all(tmp_path / "a.csv", lambda n: ("right", "", ""))
    assert pairs_sample.main([str(seed_plan_dir), "--out", str(tmp_path / "b"), "-n", "3", "--seed", "2",
                              "--verdicts", str(tmp_path / "a.csv")] + common) == 0
    assert "judged pairs are not in this sample" in capsys.readouterr().err
