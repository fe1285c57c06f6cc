"""The web app in a real browser (Debian's chromium + chromedriver, driven by selenium): upload the
two seeds, wait for the batch, search "vay von", open Công an tỉnh and download its XLSX and .ics,
open a plan and follow a duty to its highlighted source. A screenshot of each page goes to
outputs/test-artifacts/browser/ (or $KEHOACH_ARTIFACTS), listed at the end of the run."""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS as SHOTS, ROOT, SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="Debian chromium and chromium-driver are not installed (scripts/setup.sh installs them)")



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from kehoach.web.app import WebConfig, create_app

    corpus = tmp_path_factory.mktemp("web-corpus")
    app = create_app(WebConfig(corpus=corpus, ocr="never"))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        assert time.time() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def chromium(downloads: Path):
    """Debian's Chromium, headless, in Vietnamese, downloading into ``downloads`` (a generator: the
    driver, then quit)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kehoach-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=vi", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.implicitly_wait(0)
    driver.downloads = downloads
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    yield from chromium(tmp_path_factory.mktemp("downloads"))


def _shots() -> Path:
    folder = Path(os.environ.get("KEHOACH_ARTIFACTS") or ROOT / "outputs" / "test-artifacts" / "browser")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shot(driver, name: str) -> None:
    path = _shots() / f"{len(SHOTS) + 1:02d}-{name}.png"
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1366, min(max(900, height + 40), 4000))
    driver.save_screenshot(str(path))
    driver.set_window_size(1366, 900)
    SHOTS.append(path)


def wait(predicate, timeout: float = 30.0, what: str = "condition"):
    """Poll ``predicate`` until it holds; an element not there yet (the page after a click is still
    loading) is a "not yet", not a failure."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    end = time.time() + timeout
    while time.time() < end:
        try:
            value = predicate()
        except (NoSuchElementException, StaleElementReferenceException):
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _downloaded(folder: Path, suffix: str) -> Path | None:
    done = [f for f in folder.iterdir() if f.suffix == suffix]
    return done[0] if done else None


def test_office_flow_in_chromium(server, browser):
    from selenium.webdriver.common.by import By

    d = browser
    # 1. upload the two seed plans; the batch runs in the background with a live progress bar
    d.get(server + "/")
    assert "Nạp văn bản" in d.title
    seeds = sorted(SEEDS.glob("*.txt"))
    d.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in seeds))
    shot(d, "nap-van-ban")
    d.find_element(By.ID, "upload-button").click()
    wait(lambda: d.find_element(By.ID, "job-state").get_attribute("data-state") == "done", what="the batch")
    rows = d.find_elements(By.CSS_SELECTOR, "#job-files tbody tr")
    assert len(rows) == 2
    assert [r.find_elements(By.TAG_NAME, "td")[1].get_attribute("data-status") for r in rows] == ["ok", "ok"]
    assert {r.find_elements(By.TAG_NAME, "td")[0].text for r in rows} == {p.name for p in seeds}
    assert d.find_element(By.ID, "job-count").text == "2/2 tệp đã xử lý"
    shot(d, "tien-do")

    # 2. who owns "vay von" (typed without diacritics)
    d.find_element(By.LINK_TEXT, "Tra cứu").click()
    box = d.find_element(By.ID, "q")
    box.send_keys("vay von")
    d.find_element(By.ID, "search-button").click()
    wait(lambda: d.find_elements(By.CSS_SELECTOR, ".agency-hit"), what="search results")
    first = d.find_elements(By.CSS_SELECTOR, ".agency-hit h2 a")[0].text
    assert "Ngân hàng Chính sách xã hội" in first, first
    assert "vay vốn" in d.find_element(By.CSS_SELECTOR, ".agency-hit table").text
    shot(d, "tra-cuu-vay-von")

    # 3. Công an tỉnh: checklist, XLSX and the calendar file
    d.find_element(By.LINK_TEXT, "Cơ quan").click()
    d.find_element(By.LINK_TEXT, "Công an tỉnh").click()
    assert d.find_element(By.ID, "agency-name").text.startswith("Công an tỉnh")
    checklist = d.find_elements(By.CSS_SELECTOR, "#checklist tbody tr")
    assert checklist
    shot(d, "co-quan-cong-an-tinh")
    d.find_element(By.ID, "dl-xlsx").click()
    xlsx = wait(lambda: _downloaded(d.downloads, ".xlsx"), what="the XLSX download")
    d.find_element(By.ID, "dl-ics").click()
    ics = wait(lambda: _downloaded(d.downloads, ".ics"), what="the .ics download")
    from icalendar import Calendar
    from openpyxl import load_workbook

    time.sleep(0.3)  # the browser renames the file when it is complete; let it settle
    sheet = load_workbook(xlsx).active
    assert sheet.max_row - 1 >= len(checklist) > 0
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert events and all(e.get("uid") for e in events)

    # 4. a plan: its lanes, and one duty followed to its highlighted source
    d.find_element(By.LINK_TEXT, "Văn bản").click()
    d.find_elements(By.CSS_SELECTOR, "table.grid tbody tr td a")[0].click()
    assert d.find_elements(By.CSS_SELECTOR, "#lanes .lane")
    shot(d, "van-ban")
    task_text = d.find_element(By.CSS_SELECTOR, "#tasks tbody tr td:nth-child(2)").text
    d.find_elements(By.CSS_SELECTOR, "#tasks a.src")[0].click()
    mark = wait(lambda: d.find_elements(By.ID, "hl"), what="the highlighted source")[0]
    assert mark.text and mark.text.split()[0] in task_text
    assert d.execute_script("return getComputedStyle(arguments[0]).backgroundColor", mark) != "rgba(0, 0, 0, 0)"
    shot(d, "nguon-nhiem-vu")

    # 5. the comparison page for the basis both seeds implement
    d.get(server + "/so-sanh?basis=" + "49/2020/NĐ-CP")
    assert d.find_elements(By.CSS_SELECTOR, "#heatmap tbody tr")
    shot(d, "so-sanh")

    # 6. the API's OpenAPI page renders offline (Swagger UI served from the package)
    d.get(server + "/docs")
    title = wait(lambda: d.find_elements(By.CSS_SELECTOR, ".swagger-ui .info .title"), what="Swagger UI")[0]
    assert "kehoach" in title.text
    wait(lambda: "/api/who" in d.find_element(By.TAG_NAME, "body").text, what="the API's paths")
    shot(d, "api-docs")


HOSTILE_PLAN = """ỦY BAN NHÂN DÂN
TỈNH HƯNG YÊN

Số: 12/KH-UBND

Hưng Yên, ngày 05 tháng 02 năm 2026

KẾ HOẠCH
Tổ chức tuyên truyền <script>alert(1)</script> năm 2026

I. TỔ CHỨC THỰC HIỆN

1. Sở Tư pháp <script>alert</script> chủ trì tổ chức tuyên truyền về vay vốn <img src=x onerror=alert(2)>, hoàn thành trước ngày 30/6/2026.

2. Giao Công an tỉnh <b onmouseover=alert(3)>Hưng Yên</b> chủ trì, phối hợp với Sở Tư pháp <script>x()</script> tổ chức hội nghị.
"""


def test_a_plan_full_of_markup_is_inert_in_chromium(server, browser, tmp_path):
    """The parser keeps "<script>alert" inside an agency name (it is text in the document): every page
    shows it as text, runs none of it, and puts no element of it into the page."""
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    d = browser
    f = tmp_path / "ke-hoach-doc-hai.txt"
    f.write_text(HOSTILE_PLAN, encoding="utf-8")
    d.get(server + "/")
    d.find_element(By.ID, "files").send_keys(str(f))
    d.find_element(By.ID, "upload-button").click()
    wait(lambda: d.find_element(By.ID, "job-state").get_attribute("data-state") == "done", what="the batch")
    d.find_element(By.CSS_SELECTOR, "#job-files tbody tr td a").click()
    body = d.find_element(By.TAG_NAME, "main").text
    assert "<script>alert(1)</script>" in body and "<img src=x onerror=alert(2)>" in body  # shown, as text
    import json
    import urllib.request

    pid = d.current_url.rstrip("/").rsplit("/", 1)[-1]
    plan = json.load(urllib.request.urlopen(f"{server}/api/plans/{pid}"))
    marked = sorted({a["name"] for t in plan["tasks"] for a in t["lead"] + t["support"] if "<" in a["name"]})
    lanes = [e.text for e in d.find_elements(By.CSS_SELECTOR, "#lanes .lane h3")]
    assert not marked or set(lanes) & set(marked)  # a lane is titled by such a name, as text
    shot(d, "van-ban-doc-hai")
    for url in [d.current_url, server + "/tra-cuu?q=vay+von", server + "/co-quan"]:
        d.get(url)
        assert not d.find_elements(By.CSS_SELECTOR, "main script, img[src='x'], [onmouseover], [onerror]"), url
        with pytest.raises(NoAlertPresentException):
            d.switch_to.alert.text
    from urllib.parse import quote

    for name in marked:  # the parser keeps "<script>alert" in an agency's name: its page shows it as text
        d.get(server + "/co-quan?ten=" + quote(name))
        assert d.find_element(By.ID, "agency-name").text.startswith(name)
        assert not d.find_elements(By.CSS_SELECTOR, "main script, img[src='x'], [onmouseover], [onerror]")
        with pytest.raises(NoAlertPresentException):
            d.switch_to.alert.text
    shot(d, "co-quan-doc-hai")
