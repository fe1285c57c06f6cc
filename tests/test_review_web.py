"""Review and progress through the web app (FastAPI's test client): two people saving one duty, an
edited upload replacing its earlier version, deleting a document, CSRF on every new form, hostile text
in what a person types, a report proposed as an agency's answer."""
from __future__ import annotations

import datetime as dt
import io
import re
import time

import pytest
from fastapi.testclient import TestClient

from kehoach.models import AgencyRef, Plan, Reference, Task
from kehoach.models.plan import Deadline, DocumentMeta
from kehoach.store import FileRecord, SQLiteStore
from kehoach.web.app import WebConfig, create_app
from tests.conftest import SEEDS
from tests.test_web import EVIL, csrf_of, finished, upload

PROVINCE_SEED = SEEDS / "000_1cdde12f011c0099.txt"


@pytest.fixture()
def web(tmp_path):
    app = create_app(WebConfig(corpus=tmp_path / "corpus", ocr="never", timeout=None))
    with TestClient(app) as c:
        c.tmp = tmp_path
        yield c


def uploaded(client: TestClient, name: str, data: bytes) -> dict:
    job = finished(client, upload(client, [(name, data)]))
    [f] = job["files"]
    assert f["status"] == "ok", f
    return f


def task_form(client: TestClient, pid: str, task: int) -> dict[str, str]:
    """The task form's fields as the page fills them (hidden revision and token included)."""
    html = client.get(f"/van-ban/{pid}/nhiem-vu/{task}").text
    form = html[html.index('id="task-form"'):html.index("</form>", html.index('id="task-form"'))]
    fields = dict(re.findall(r'<input type="(?:hidden|text)" name="([^"]+)"[^>]*value="([^"]*)"', form))
    fields.update(re.findall(r'<select name="([^"]+)"[^>]*>(?:(?!</select>).)*?<option value="([^"]*)" selected',
                             form, flags=re.S))
    fields["noi_dung"] = re.search(r'<textarea name="noi_dung"[^>]*>([^<]*)</textarea>', form).group(1)
    return {k: v.replace("&amp;", "&") for k, v in fields.items()}


def test_two_people_saving_one_duty_no_update_is_lost(web):
    pid = uploaded(web, PROVINCE_SEED.name, PROVINCE_SEED.read_bytes())["plan_id"]
    other = TestClient(web.app)  # a second browser: its own session and token
    lan, mai = task_form(web, pid, 3), task_form(other, pid, 3)
    assert lan["revision"] == mai["revision"] == "0" and lan["ten_0"] == "Sở Tài chính"
    r = web.post(f"/van-ban/{pid}/nhiem-vu/3", data={**lan, "ten_0": "Sở Tư pháp", "nguoi": "Lan", "action": "luu"},
                 follow_redirects=False)
    assert r.status_code == 303
    r = other.post(f"/van-ban/{pid}/nhiem-vu/3", data={**mai, "ten_0": "Sở Nội vụ", "nguoi": "Mai", "action": "luu"},
                   follow_redirects=False)
    assert r.status_code == 409
    assert "Lan đã lưu thay đổi" in r.text and 'id="theirs"' in r.text and "Sở Tư pháp" in r.text  # the other's change
    assert 'value="Sở Nội vụ"' in r.text  # and Mai's own, kept in the form to save again
    state = web.get(f"/api/plans/{pid}").json()["tasks"][3]
    assert [a["name"] for a in state["lead"]] == ["Sở Tư pháp"]
    again = dict(re.findall(r'name="(revision|csrf)" value="([^"]+)"', r.text))
    assert again["revision"] == "1"
    r = other.post(f"/van-ban/{pid}/nhiem-vu/3", data={**mai, **again, "ten_0": "Sở Tư pháp", "ten_1": "Sở Nội vụ",
                                                      "vai_1": "support", "nguoi": "Mai", "action": "luu"},
                   follow_redirects=False)
    assert r.status_code == 303
    history = web.get(f"/van-ban/{pid}/nhiem-vu/3").text
    assert history.count("<tr><td class=\"num\">") == 2 and "Mai" in history and "Lan" in history
    # the same for a status
    key = "police|province|Hưng Yên"
    pages = [c.get(f"/tien-do/{pid}/13", params={"co_quan": key}).text for c in (web, other)]
    tokens = [dict(re.findall(r'name="(revision|csrf)" value="([^"]+)"', p)) for p in pages]
    base = {"co_quan": key, "trang_thai": "done", "ngay": "12/03/2026"}
    assert web.post(f"/tien-do/{pid}/13", data={**base, **tokens[0], "so_bao_cao": "45/BC-CAT", "nguoi": "Hùng"},
                    follow_redirects=False).status_code == 303
    r = other.post(f"/tien-do/{pid}/13", data={**base, **tokens[1], "so_bao_cao": "46/BC-CAT", "nguoi": "Hoa"},
                   follow_redirects=False)
    assert r.status_code == 409 and "Hùng" in r.text and "45/BC-CAT" in r.text and 'value="46/BC-CAT"' in r.text
    history = web.get(f"/api/progress/{pid}/13", params={"agency": key}).json()
    assert [h["progress"]["report_number"] for h in history] == ["45/BC-CAT"]


def test_an_edited_upload_replaces_its_earlier_version_with_the_reviews(web):
    first = uploaded(web, "ke-hoach-tong-ket.txt", PROVINCE_SEED.read_bytes())
    old = first["plan_id"]
    fields = task_form(web, old, 3)
    web.post(f"/van-ban/{old}/nhiem-vu/3", data={**fields, "ten_0": "Sở Tư pháp", "nguoi": "Lan"})
    police = len(web.get("/api/agency", params={"ten": "Công an tỉnh"}).json())
    edited = PROVINCE_SEED.read_text(encoding="utf-8").replace("ngày tháng 02 năm 2026", "ngày 12 tháng 02 năm 2026")
    second = uploaded(web, "ke-hoach-tong-ket.txt", edited.encode())
    assert second["plan_id"] != old and "thay phiên bản cũ" in second["reason"] and "giữ 1" in second["reason"]
    assert [p["id"] for p in web.get("/api/plans").json()] == [second["plan_id"]]  # replaced, not doubled
    assert len(web.get("/api/agency", params={"ten": "Công an tỉnh"}).json()) == police
    tasks = web.get(f"/api/plans/{second['plan_id']}").json()["tasks"]
    assert [a["name"] for a in tasks[3]["lead"]] == ["Sở Tư pháp"] and tasks[3]["review"] == "edited"
    assert web.get(f"/van-ban/{old}").status_code == 404
    inbox = web.tmp / "corpus" / "web" / "inbox"
    assert sorted(p.stem for p in inbox.iterdir()) == [second["plan_id"]]  # the old copy is gone
    other = uploaded(web, "ke-hoach-tong-ket.txt", (SEEDS / "002_6db69d9744caca0f.txt").read_bytes())
    assert len(web.get("/api/plans").json()) == 2 and "thay" not in (other["reason"] or "")  # another issuer: two documents


def test_deleting_a_document_asks_first_then_takes_its_work(web):
    pid = uploaded(web, PROVINCE_SEED.name, PROVINCE_SEED.read_bytes())["plan_id"]
    page = web.get(f"/van-ban/{pid}/xoa")
    assert page.status_code == 200 and "Không thể hoàn tác" in page.text and "20 nhiệm vụ" in page.text
    token = csrf_of(web)
    assert web.post(f"/van-ban/{pid}/xoa", data={"csrf": "forged", "nguoi": "Lan"}).status_code == 403
    assert web.post(f"/van-ban/{pid}/xoa", data={"csrf": token, "nguoi": ""}).status_code == 400  # who deletes?
    r = web.post(f"/van-ban/{pid}/xoa", data={"csrf": token, "nguoi": "Lan"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/van-ban"
    assert web.get("/api/plans").json() == [] and web.get(f"/van-ban/{pid}").status_code == 404
    assert not list((web.tmp / "corpus" / "web" / "inbox").iterdir())
    again = finished(web, upload(web, [(PROVINCE_SEED.name, PROVINCE_SEED.read_bytes())]))
    assert again["files"][0]["status"] == "ok"  # uploaded again on purpose: back in the store


def test_every_new_form_needs_its_token_and_text_stays_text(web):
    pid = uploaded(web, PROVINCE_SEED.name, PROVINCE_SEED.read_bytes())["plan_id"]
    posts = [(f"/van-ban/{pid}/nhiem-vu/3", {"noi_dung": "x", "ten_0": "Sở", "vai_0": "lead"}),
             (f"/van-ban/{pid}/them", {"noi_dung": "x", "ten": "Sở"}), (f"/van-ban/{pid}/xac-nhan", {"xac_nhan": "0"}),
             (f"/tien-do/{pid}/13", {"co_quan": "Công an tỉnh", "trang_thai": "done"}),
             ("/bao-cao/ghi-nhan", {"de_xuat": "{}"}), (f"/van-ban/{pid}/xoa", {})]
    for url, data in posts:
        assert web.post(url, data={**data, "nguoi": "Lan"}).status_code == 403, url
    token = csrf_of(web)
    r = web.post(f"/van-ban/{pid}/them", data={"csrf": token, "noi_dung": f"Tổ chức {EVIL}", "ten": f"Sở {EVIL}",
                                               "vai": "lead", "han": "31/12/2026", "nguoi": f"Lan {EVIL}"},
                 follow_redirects=False)
    assert r.status_code == 303
    bad = web.post(f"/van-ban/{pid}/them", data={"csrf": token, "noi_dung": "x", "ten": "Sở Y tế", "han": "32/13/2026",
                                                 "nguoi": "Lan"})
    assert bad.status_code == 400 and "ngày/tháng/năm" in bad.text
    for url in [f"/van-ban/{pid}", f"/van-ban/{pid}/duyet", f"/van-ban/{pid}/nhiem-vu/20", f"/co-quan?ten=Sở {EVIL}"]:
        page = web.get(url)
        assert page.status_code == 200, url
        assert "<script>alert" not in page.text and "<img src=x" not in page.text, url
        assert "&lt;script&gt;" in page.text, url
    assert "31/12/2026" in web.get(f"/co-quan?ten=Sở {EVIL}").text  # its deadline, as the page shows dates


def test_the_agency_page_proposes_a_report_and_shows_the_status(web):
    plan = Plan(file="kh-42.txt", document=DocumentMeta(number="42/KH-UBND", doc_type="Kế hoạch", level="province",
                                                        issuer="Ủy ban nhân dân tỉnh Hưng Yên"),
                tasks=[Task(text="Tổ chức hội nghị tổng kết", lead=[AgencyRef(name="Công an tỉnh")],
                            deadline=Deadline(date="2026-03-10", precision="day", text="10/3/2026"))])
    report = Plan(file="bc-45.txt", document=DocumentMeta(number="45/BC-CAT", doc_type="Báo cáo", date="2026-03-09",
                                                          level="province", issuer="Công an tỉnh"),
                  references=[Reference(number="42/KH-UBND", name="Kế hoạch 42/KH-UBND")])
    with SQLiteStore(web.tmp / "corpus" / "kehoach.db") as store:
        store.save(FileRecord("kh-42.txt", "a" * 64, 1, 1, "kh-42", "ok"), plan)
        store.save(FileRecord("bc-45.txt", "b" * 64, 1, 2, "bc-45", "ok"), report)
    page = web.get("/co-quan", params={"ten": "Công an tỉnh", "as_of": "2026-03-01"}).text
    assert 'id="report-proposals"' in page and "45/BC-CAT" in page
    proposal = re.search(r'name="de_xuat" value="([^"]+)"', page).group(1).replace("&#34;", '"').replace("&quot;", '"')
    r = web.post("/bao-cao/ghi-nhan", data={"csrf": csrf_of(web), "de_xuat": proposal, "nguoi": "Hùng",
                                            "next": "/co-quan?ten=Công an tỉnh"}, follow_redirects=False)
    assert r.status_code == 303
    page = web.get("/co-quan", params={"ten": "Công an tỉnh", "as_of": "2026-03-01"}).text
    assert 'id="report-proposals"' not in page
    assert "Hoàn thành trước hạn: 1" in page and "Báo cáo 45/BC-CAT" in page and "09/03/2026" in page
    xlsx = web.get("/co-quan/tai-ve.xlsx", params={"ten": "Công an tỉnh", "as_of": "2026-03-01"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["G3"].value.startswith("Đã hoàn thành 09/03/2026 · Báo cáo 45/BC-CAT")
    assert sheet["E3"].value == "Hoàn thành trước hạn"
    ics = web.get("/calendar/Công an tỉnh.ics").text
    assert "SUMMARY:✓ [Chủ trì]" in ics and "45/BC-CAT" in ics


def test_the_password_guards_the_review_pages(tmp_path):
    app = create_app(WebConfig(corpus=tmp_path / "corpus", password="mật-khẩu", ocr="never"))
    with TestClient(app) as c:
        for url in ["/van-ban/x/duyet", "/van-ban/x/nhiem-vu/0", "/tien-do/x/0?co_quan=y", "/van-ban/x/xoa"]:
            r = c.get(url, follow_redirects=False)
            assert r.status_code == 303 and r.headers["location"].startswith("/dang-nhap"), url
        for url in ["/van-ban/x/nhiem-vu/0", "/van-ban/x/them", "/tien-do/x/0", "/van-ban/x/xoa", "/bao-cao/ghi-nhan"]:
            r = c.post(url, data={"nguoi": "Lan"}, follow_redirects=False)
            assert r.status_code == 303 and r.headers["location"].startswith("/dang-nhap"), url
        assert c.get("/api/plans/x/review").status_code == 401


def test_a_refused_save_keeps_what_the_person_typed(web):
    pid = uploaded(web, PROVINCE_SEED.name, PROVINCE_SEED.read_bytes())["plan_id"]
    fields = task_form(web, pid, 3)
    r = web.post(f"/van-ban/{pid}/nhiem-vu/3", data={**fields, "ten_0": "Sở Tư pháp", "han": "30/02/2026",
                                                     "nguoi": "Lan"})
    assert r.status_code == 400 and "30/02/2026" in r.text and 'value="Sở Tư pháp"' in r.text
    assert [a["name"] for a in web.get(f"/api/plans/{pid}").json()["tasks"][3]["lead"]] == ["Sở Tài chính"]
