"""Every page a user reaches, and every error page, in Chromium: no English word of the app's own
(a word list), dates dd/mm/yyyy; the source view of a scanned page and of a table row shows its
highlight (screenshots to the test artifacts folder). Scans and tables come from ../shared/corpus."""
from __future__ import annotations

import re
import shutil
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.test_web_browser import CHROMIUM, DRIVER, _free_port, chromium, shot

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Debian chromium and chromium-driver are not installed")

# words of the app's own English that must never reach a page (document text is Vietnamese; codes
# stay in the JSON): statuses, reasons, framework errors, labels
ENGLISH = {"queued", "running", "done", "failed", "partial", "skipped", "ok", "error", "the", "not", "found", "no",
           "matches", "agency", "plan", "page", "pages", "file", "files", "status", "reason", "deadline", "overdue",
           "due", "soon", "open", "lead", "support", "requested", "unread", "number", "date", "method", "allowed",
           "closest", "corpus", "held", "legible", "blank", "left", "empty", "checklist", "download", "calendar",
           "source", "internal", "server", "unprocessable", "entity", "field", "required", "missing", "invalid",
           "words", "of", "is", "in", "and", "or", "with", "without", "none", "null", "true", "false"}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory, shared):
    """The seeds, a scan (kh-048) and a PDF with an assignment table (kh-049), batched with OCR."""
    import kehoach

    inbox = tmp_path_factory.mktemp("inbox")
    for f in [*SEEDS.glob("*.txt"), shared / "corpus/raw/kh-048.pdf", shared / "corpus/raw/kh-049.pdf"]:
        shutil.copy(f, inbox / f.name)
    out = tmp_path_factory.mktemp("vi-corpus")
    report = kehoach.batch(inbox, out, workers=1, timeout=None, ocr="auto")
    assert not report.counts.get("failed"), report.rows
    return out


@pytest.fixture(scope="module")
def server(corpus_dir):
    import threading

    import uvicorn

    from kehoach.web.app import WebConfig, create_app

    app = create_app(WebConfig(corpus=corpus_dir, ocr="never", public_url="https://kehoach.example.gov.vn"))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    yield from chromium(tmp_path_factory.mktemp("downloads"))


def english_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH}


def _pages(base: str, app) -> list[str]:
    from kehoach.graph.identity import plan_id

    plans = app.state.kehoach.corpus().plans()
    q = urllib.parse.quote
    pages = ["/", "/tra-cuu", "/tra-cuu?q=vay+von", "/tra-cuu?q=khongcotunay", "/co-quan",
             "/co-quan?ten=" + q("Công an tỉnh") + "&in=" + q("Hưng Yên"), "/van-ban", "/so-sanh",
             "/so-sanh?basis=" + q("49/2020/NĐ-CP"), "/so-sanh?topic=" + q("tai hoa nhap cong dong"),
             "/truy-vet?so=" + q("49/2020/NĐ-CP"), "/dang-nhap"]
    for p in plans:
        pid = plan_id(p)
        pages += [f"/van-ban/{q(pid)}"] + [f"/van-ban/{q(pid)}/nguon/{i}" for i in range(min(2, len(p.tasks)))]
    errors = ["/khong-co-trang-nay", "/van-ban/khong-co", "/co-quan?ten=" + q("Sở Không Có"),
              "/so-sanh?topic=" + q("xyz khong co chu de"), "/co-quan?ten=" + q("Công an tỉnh") + "&as_of=31-02-2026",
              "/co-quan/tai-ve.pdf?ten=x", "/co-quan/bieu-01.xlsx", "/nap/khong-co", "/truy-vet?so=" + q("1/XX-YY")]
    return pages + errors


def test_every_page_speaks_vietnamese(server, browser):
    base, app = server
    d = browser
    checked, words = 0, 0
    for url in _pages(base, app):
        d.get(base + url)
        main = d.find_element("tag name", "main").text + " " + d.title
        found = english_words(main)
        assert not found, (url, found)
        assert not ISO_DATE.search(main), (url, ISO_DATE.search(main).group(0))
        checked += 1
        words += len(main.split())
    print(f"{checked} pages, {words} words checked")
    assert checked >= 20


def test_job_page_counts_refused_files_and_speaks_vietnamese(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    from tests.test_web_browser import wait

    base, _ = server
    d = browser
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip at all")
    d.get(base + "/")
    d.find_element(By.ID, "files").send_keys(str(bad))
    d.find_element(By.ID, "upload-button").click()
    wait(lambda: d.find_element(By.ID, "job-state").get_attribute("data-state") == "done", what="the batch")
    text = d.find_element(By.TAG_NAME, "main").text
    assert "0/0" not in text and "1 tệp bị từ chối" in d.find_element(By.ID, "job-count").text
    assert not english_words(text), english_words(text)
    shot(d, "lo-nap-bi-tu-choi")


def _yellow(image, box) -> float:
    import numpy as np

    px = np.asarray(image.crop(box).convert("RGB")).reshape(-1, 3).astype(int)
    return float(((px[:, 0] > 200) & (px[:, 1] > 180) & (px[:, 2] < 170)).mean()) if len(px) else 0.0


def _source_shot(d, base: str, app, pick, name: str) -> None:
    import io

    from PIL import Image

    from kehoach.graph.identity import plan_id
    from kehoach.web.provenance import highlight_box

    corpus = app.state.kehoach.corpus()
    for p in corpus.plans():
        for i, t in enumerate(p.tasks):
            if t.provenance is not None and pick(p, t):
                path = corpus.source_file(plan_id(p))
                box, _ = highlight_box(path, t.provenance)
                assert box is not None
                d.get(f"{base}/van-ban/{urllib.parse.quote(plan_id(p))}/nguon/{i}")
                img = d.find_element("id", "source-page")
                assert d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img)
                png = Image.open(io.BytesIO(__import__("urllib.request").request.urlopen(img.get_attribute("src")).read()))
                s = 1.5
                inner = (int(box.x0 * s) + 2, int(box.top * s) + 2, int(box.x1 * s) - 2, int(box.bottom * s) - 2)
                assert _yellow(png, inner) > 0.3, name
                d.execute_script("arguments[0].scrollIntoView()", img)
                shot(d, name)
                return
    pytest.fail(f"no duty for {name}")


def test_scanned_page_and_table_row_show_their_highlight(server, browser):
    base, app = server
    _source_shot(browser, base, app, lambda p, t: p.file == "kh-048.pdf" and t.provenance.page, "nguon-trang-quet")
    _source_shot(browser, base, app, lambda p, t: p.file == "kh-049.pdf" and t.provenance.row is not None,
                 "nguon-dong-bang")
