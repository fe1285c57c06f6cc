"""The web app's safety and its pages, through FastAPI's test client: hostile uploads (a zip with
../ paths, an oversized file, HTML named .pdf, agency names holding <script>), CSRF, the password."""
from __future__ import annotations

import io
import re
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kehoach.models import AgencyRef, Plan, Task
from kehoach.models.plan import Deadline, DocumentMeta
from kehoach.store import FileRecord, SQLiteStore
from kehoach.web.app import WebConfig, create_app
from kehoach.web.uploads import UploadLimits
from tests.conftest import SEEDS

LIMITS = UploadLimits(max_file_bytes=64_000, max_files=5, max_total_bytes=200_000)
EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def csrf_of(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)


def upload(client: TestClient, files: list[tuple[str, bytes]], token: str | None = None):
    return client.post("/nap", data={"csrf": token or csrf_of(client)},
                       files=[("files", (n, b, "application/octet-stream")) for n, b in files], follow_redirects=False)


def finished(client: TestClient, response) -> dict:
    assert response.status_code == 303, response.text[:500]
    job_id = response.headers["location"].rsplit("/", 1)[1]
    deadline = time.time() + 60
    while (job := client.get(f"/api/jobs/{job_id}").json())["state"] in {"queued", "running"}:
        assert time.time() < deadline
        time.sleep(0.1)
    return job


@pytest.fixture()
def client(tmp_path):
    app = create_app(WebConfig(corpus=tmp_path / "corpus", limits=LIMITS, ocr="never", timeout=None))
    with TestClient(app) as c:
        c.tmp = tmp_path
        yield c


def files_on_disk(root: Path) -> set[str]:
    return {p.name for p in root.rglob("*") if p.is_file()}


def test_upload_runs_the_batch_and_reports_each_file(client):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    job = finished(client, upload(client, [(seed.name, seed.read_bytes()), ("ghi chú.docx", b"not a zip at all")]))
    assert job["state"] == "done" and job["total"] == 1 and job["done"] == 1
    [f] = job["files"]
    assert f["name"] == seed.name and f["status"] == "ok" and f["plan_id"]
    assert re.fullmatch(r"[0-9a-f]{16}\.txt", f["rel"])  # stored under a generated name
    [refused] = job["refused"]
    assert refused["name"] == "ghi chú.docx" and refused["reason"].startswith("not_a_docx")
    page = client.get(f"/van-ban/{f['plan_id']}")
    assert page.status_code == 200 and seed.name in page.text
    assert client.get("/tra-cuu", params={"q": "vay von"}).text.count('class="agency-hit"') >= 1


def test_the_same_file_uploaded_again_is_one_plan(client):
    seed = sorted(SEEDS.glob("*.txt"))[1]
    first = finished(client, upload(client, [(seed.name, seed.read_bytes())]))
    again = finished(client, upload(client, [("ban-sao.txt", seed.read_bytes()), (seed.name, seed.read_bytes())]))
    assert [f["status"] for f in again["files"]] == ["skipped", "skipped"]
    assert {f["plan_id"] for f in again["files"]} == {first["files"][0]["plan_id"]}
    assert seed.name in again["files"][0]["reason"]
    assert len(client.get("/api/plans").json()) == 1


def test_zip_with_parent_paths_is_refused_whole(client):
    seed = sorted(SEEDS.glob("*.txt"))[0].read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("ok.txt", seed)
        zf.writestr("../../escape.txt", seed)
        zf.writestr("/etc/cron.d/evil.txt", seed)
    before = files_on_disk(client.tmp)
    job = finished(client, upload(client, [("plans.zip", buf.getvalue())]))
    assert job["files"] == [] and job["state"] == "done"
    [refused] = job["refused"]
    assert refused["reason"].startswith("unsafe_path") and "../" in refused["reason"]
    assert not (client.tmp / "escape.txt").exists() and not list(client.tmp.parent.glob("escape.txt"))
    assert {n for n in files_on_disk(client.tmp) - before if not n.endswith((".db-wal", ".db-shm"))} == set()


def test_zip_members_are_checked_like_uploads(client):
    seed = sorted(SEEDS.glob("*.txt"))[0].read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("thu-muc/ke-hoach.txt", seed)
        zf.writestr("trang.pdf", b"<!doctype html><html><body>not a pdf</body></html>")
        zf.writestr("bomb.txt", b"a" * 60_000)  # inflates ~250:1
    job = finished(client, upload(client, [("lo.zip", buf.getvalue())]))
    assert [f["name"] for f in job["files"]] == ["lo.zip/ke-hoach.txt"] and job["files"][0]["status"] == "ok"
    reasons = {r["name"]: r["reason"] for r in job["refused"]}
    assert reasons["lo.zip/trang.pdf"].startswith("not_a_pdf")
    assert reasons["lo.zip/bomb.txt"].startswith("zip_bomb")


def test_oversized_file_and_body_are_refused(client):
    job = finished(client, upload(client, [("lon.txt", "Kế hoạch ".encode() * 8_000)]))  # 80 kB > 64 kB
    assert job["files"] == [] and "vượt quá giới hạn" in job["refused"][0]["reason"]
    jobs = len(client.app.state.kehoach.jobs.jobs)
    r = upload(client, [("a.txt", b"x" * 150_000), ("b.txt", b"y" * 150_000)])  # the body: 300 kB > 200 kB
    assert r.status_code == 413 and "tối đa" in r.text
    assert len(client.app.state.kehoach.jobs.jobs) == jobs  # refused before any file was stored

    token = csrf_of(client)

    def chunked():  # a body sent without Content-Length is counted as it streams
        boundary = "kehoach-test"
        yield (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n'
               f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n').encode()
        for _ in range(30):
            yield b"x" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    r = client.post("/nap", content=chunked(), headers={"content-type": "multipart/form-data; boundary=kehoach-test"},
                    follow_redirects=False)
    assert r.status_code == 413 and r.request.headers.get("transfer-encoding") == "chunked"
    assert len(client.app.state.kehoach.jobs.jobs) == jobs


def test_html_named_pdf_is_refused(client):
    job = finished(client, upload(client, [("ke-hoach.pdf", b"<html><script>alert(1)</script></html>"),
                                           ("trang.txt", b"<!DOCTYPE html><html><body>x</body></html>")]))
    reasons = [r["reason"] for r in job["refused"]]
    assert reasons[0].startswith("not_a_pdf") and reasons[1].startswith("html_page")
    assert job["files"] == []


def test_html_pages_are_accepted_by_their_bytes(client):
    page = ("<!-- saved from url=(0030)https://portal.example/vb -->\n<!DOCTYPE html><html><head>"
            "<meta charset='utf-8'><script>alert(1)</script></head><body><p>ỦY BAN NHÂN DÂN TỈNH NGHỆ AN</p>"
            "<p>KẾ HOẠCH</p><p>1. Sở Tài chính chủ trì bố trí kinh phí thực hiện kế hoạch trước ngày 30/6/2026.</p>"
            "</body></html>").encode()
    word = ("<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta http-equiv=Content-Type "
            "content='text/html; charset=windows-1252'><meta name=Generator content='Microsoft Word 15'></head>"
            "<body><p class=MsoNormal>S&#7903; N&#7897;i v&#7909; h&#432;&#7899;ng d&#7851;n<o:p></o:p></p>"
            "</body></html>").encode("cp1252")
    job = finished(client, upload(client, [("ke-hoach.html", page), ("Kế hoạch.HTM", word),
                                           ("trang.html", bytes(range(256)) * 8), ("ke-hoach-2.pdf", page)]))
    reasons = [r["reason"] for r in job["refused"]]
    assert reasons[0].startswith("not_html") and reasons[1].startswith("not_a_pdf")
    assert job["total"] == 2 and job["done"] == 2
    stored = sorted(p.suffix for p in (client.tmp / "corpus").rglob("*.html"))
    assert stored == [".html", ".html"]  # stored under generated names, the extension from the bytes


def test_post_without_csrf_token_is_refused(client):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    r = upload(client, [(seed.name, seed.read_bytes())], token="forged")
    assert r.status_code == 403
    fresh = TestClient(client.app)  # no session cookie at all
    r = fresh.post("/nap", data={"csrf": csrf_of(client)}, files=[("files", ("a.txt", b"x"))], follow_redirects=False)
    assert r.status_code == 403


def test_agency_names_with_script_are_rendered_inert(client):
    corpus = client.tmp / "corpus"
    plan = Plan(file="evil.txt", document=DocumentMeta(number="7/KH-UBND", doc_type="Kế hoạch", issuer=f"UBND {EVIL}",
                                                       title=f"Kế hoạch {EVIL}"),
                tasks=[Task(text=f"Tổ chức vay vốn {EVIL}", lead=[AgencyRef(name=f"Sở {EVIL}")],
                            support=[AgencyRef(name=f"Phòng {EVIL}")], deadline=Deadline(date="2026-05-01", text="1/5"))])
    with SQLiteStore(corpus / "kehoach.db") as store:
        store.save(FileRecord("evil.txt", "0" * 64, 1, 1, "evil", "ok"), plan)
    client.app.state.kehoach.invalidate()
    pages = ["/", "/van-ban", "/van-ban/evil", "/van-ban/evil/nguon/0", "/tra-cuu?q=vay+von", "/co-quan",
             f"/co-quan?ten=Sở {EVIL}", "/so-sanh?topic=Kế hoạch"]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        assert "<script>alert" not in r.text and "<img src=x" not in r.text, url
    assert "&lt;script&gt;alert" in client.get("/van-ban/evil").text
    r = client.get("/van-ban/evil")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert re.findall(r"<script[^>]*>", r.text) == []  # only the progress page loads a script, from /static
    from urllib.parse import quote

    ics = client.get(f"/calendar/{quote('Sở ' + EVIL, safe='')}.ics")  # as the agency page links it
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert client.get("/api/plans/evil").json()["tasks"][0]["lead"][0]["name"] == f"Sở {EVIL}"  # data, unchanged


def test_password_guards_every_page(tmp_path):
    app = create_app(WebConfig(corpus=tmp_path / "corpus", password="mật-khẩu", ocr="never"))
    with TestClient(app) as c:
        for url in ["/", "/tra-cuu?q=x", "/van-ban", "/co-quan", "/docs", "/lich/hung-yen/cong-an-tinh.ics"]:
            r = c.get(url, follow_redirects=False)
            assert r.status_code == 303 and r.headers["location"].startswith("/dang-nhap"), url
        assert c.get("/api/plans").status_code == 401
        form = c.get("/dang-nhap").text
        token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
        assert c.post("/dang-nhap", data={"password": "sai", "csrf": token, "next": "/"}).status_code == 401
        r = c.post("/dang-nhap", data={"password": "mật-khẩu", "csrf": token, "next": "/van-ban"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/van-ban"
        assert c.get("/van-ban").status_code == 200 and c.get("/api/plans").status_code == 200
    with TestClient(app) as other:  # a feed link carries its own key: phones have no session
        key = app.state.kehoach.secret
        from kehoach.web.security import sign

        path = "/lich/toan-quoc/x.ics"
        ok = other.get(path, params={"k": sign(key, "ics", path)}, follow_redirects=False)
        assert ok.status_code in {200, 404}  # past the guard (the agency is not in the empty store)
        assert other.get(path, params={"k": "bad"}, follow_redirects=False).status_code == 303
        assert other.get("/lich/toan-quoc/y.ics", params={"k": sign(key, "ics", path)},
                         follow_redirects=False).status_code == 303  # a key opens its own feed only


def test_api_is_documented_and_answers(client):
    seed = sorted(SEEDS.glob("*.txt"))[1]
    finished(client, upload(client, [(seed.name, seed.read_bytes())]))
    spec = client.get("/openapi.json").json()
    assert {"/api/who", "/api/agency", "/api/plans", "/api/plans/{pid}", "/api/compare", "/api/jobs/{job_id}",
            "/lich/{place_slug}/{agency_slug}.ics"} <= set(spec["paths"])
    docs = client.get("/docs")
    js = re.search(r'src="([^"]*swagger-ui-bundle\.js)"', docs.text).group(1)
    assert docs.status_code == 200 and not js.startswith("http")  # served here, not from a CDN
    assert client.get(js).status_code == 200
    who = client.get("/api/who", params={"q": "vay von"}).json()
    assert who and who[0]["duties"][0]["text"]
    assert client.get("/api/agency", params={"ten": "Công an huyện"}).json()
    assert client.get("/api/agency", params={"ten": "Không Có Cơ Quan Này"}).status_code == 404


def _yellow_share(image, box) -> float:
    """Share of pixels in ``box`` tinted yellow by the highlight (red and green high, blue low)."""
    crop = image.crop(box)
    px = [crop.getpixel((x, y)) for x in range(crop.width) for y in range(crop.height)]
    return sum(r > 200 and g > 190 and b < 200 for r, g, b in px) / max(1, len(px))


def test_pdf_page_is_drawn_with_the_block_highlighted():
    from PIL import Image

    from kehoach.models import BBox, Provenance
    from kehoach.web.provenance import RENDER_SCALE, page_png
    from tests.pdfgen import make_pdf

    pdf = Path(tempfile.mkdtemp()) / "p.pdf"
    pdf.write_bytes(make_pdf(["KE HOACH so 1", "Trang hai"]))
    prov = Provenance(file="p.pdf", block=0, page=2, bbox=BBox(x0=72, top=110, x1=200, bottom=126))
    image = Image.open(io.BytesIO(page_png(pdf, 2, prov))).convert("RGB")
    assert abs(image.size[0] - 595 * RENDER_SCALE) <= 1 and abs(image.size[1] - 842 * RENDER_SCALE) <= 1
    s = RENDER_SCALE
    assert _yellow_share(image, (int(80 * s), int(112 * s), int(190 * s), int(124 * s))) > 0.3
    assert _yellow_share(image, (int(300 * s), int(400 * s), int(500 * s), int(600 * s))) == 0
    plain = Image.open(io.BytesIO(page_png(pdf, 1, prov))).convert("RGB")  # the box is on page 2 only
    assert _yellow_share(plain, (int(80 * s), int(112 * s), int(190 * s), int(124 * s))) == 0


def test_a_pdf_duty_links_to_its_page_image(client, shared):
    from PIL import Image

    pdf = shared / "corpus" / "raw" / "kh-057.pdf"
    if not pdf.is_file():
        pytest.skip("kh-057.pdf is not in ../shared")
    app = create_app(WebConfig(corpus=client.tmp / "pdf-corpus", ocr="never", timeout=None))
    with TestClient(app) as c:
        job = finished(c, upload(c, [(pdf.name, pdf.read_bytes())]))
        [f] = job["files"]
        assert f["status"] in {"ok", "partial"} and f["plan_id"]
        plan = c.get(f"/api/plans/{f['plan_id']}").json()
        k, task = next((i, t) for i, t in enumerate(plan["tasks"]) if t["provenance"] and t["provenance"]["bbox"])
        page = c.get(f"/van-ban/{f['plan_id']}/nguon/{k}")
        assert 'id="source-page"' in page.text and f"trang {task['provenance']['page']}" in page.text
        png = c.get(f"/van-ban/{f['plan_id']}/nguon/{k}/trang.png")
        assert png.status_code == 200 and png.headers["content-type"] == "image/png"
        image = Image.open(io.BytesIO(png.content)).convert("RGB")
        b, s = task["provenance"]["bbox"], 1.5
        assert _yellow_share(image, (int(b["x0"] * s), int(b["top"] * s), int(b["x1"] * s), int(b["bottom"] * s))) > 0.3


def test_a_folder_on_the_machine_is_batched_in_place(tmp_path):
    app = create_app(WebConfig(corpus=tmp_path / "corpus", ocr="never", timeout=None, folder_roots=(SEEDS.parent,)))
    with TestClient(app) as client:
        r = client.post("/nap", data={"csrf": csrf_of(client), "folder": str(SEEDS)}, follow_redirects=False)
        job = finished(client, r)
        assert sorted((f["name"], f["status"]) for f in job["files"]) == [(p.name, "ok") for p in sorted(SEEDS.glob("*.txt"))]
        assert {p["id"] for p in client.get("/api/plans").json()} == {p.stem for p in SEEDS.glob("*.txt")}
        page = client.get(f"/van-ban/{sorted(SEEDS.glob('*.txt'))[0].stem}/nguon/0")
        assert '<mark id="hl">' in page.text  # the original file is found in its own folder
        r = client.post("/nap", data={"csrf": csrf_of(client), "folder": str(SEEDS.parent / "khong-co")})
        assert r.status_code == 400 and "Không có thư mục" in r.text


@pytest.mark.parametrize("folder", ["/etc", "{root}/../../..", "{tmp}/link-to-etc", "{tmp}/corpus"])
def test_the_folder_import_reads_only_the_folders_named_at_start(tmp_path, folder):
    (tmp_path / "link-to-etc").symlink_to("/etc")
    app = create_app(WebConfig(corpus=tmp_path / "corpus", ocr="never", timeout=None, folder_roots=(SEEDS.parent,)))
    with TestClient(app) as client:
        path = folder.format(root=SEEDS.parent, tmp=tmp_path)
        r = client.post("/nap", data={"csrf": csrf_of(client), "folder": path}, follow_redirects=False)
        assert r.status_code == 403 and "chỉ được nạp trong các thư mục" in r.text, r.text[-600:]
        assert client.app.state.kehoach.jobs.jobs == {} and client.get("/api/plans").json() == []
        assert str(SEEDS.parent) in client.get("/").text  # the form says which folders it reads


def test_the_folder_import_is_off_without_roots(client):
    r = client.post("/nap", data={"csrf": csrf_of(client), "folder": str(SEEDS)})
    assert r.status_code == 403 and "không cho nạp theo thư mục" in r.text
    assert 'name="folder"' not in client.get("/").text


def test_templates_never_mark_text_safe():
    """No template turns autoescape off or marks a value safe (the pages' escaping is tested above)."""
    from kehoach.web import app as web_app

    folder = Path(web_app.__file__).parent / "templates"
    for t in folder.glob("*.html"):
        text = t.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false|Markup", text), t.name


def test_a_plan_shows_its_kind_and_parts_and_a_duty_why_it_was_read(client):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    [f] = finished(client, upload(client, [(seed.name, seed.read_bytes())]))["files"]
    page = client.get(f"/van-ban/{f['plan_id']}").text
    assert 'id="doc-kind"' in page and "Kế hoạch" in page
    assert 'data-zone="body"' in page and "nội dung văn bản" in page and "căn cứ" in page
    source = client.get(f"/van-ban/{f['plan_id']}/nguon/0").text
    assert 'id="vi-sao"' in source and "nằm trong nội dung văn bản" in source and "Độ tin cậy" in source
