"""Calendars people subscribe to: three reminders per dated duty (7, 3, 1 days before) read back by
icalendar and vobject, the feed's readable address from --public-url (unique per agency and place),
and a changed duty keeping its event's UID with a higher SEQUENCE."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import kehoach
from kehoach.cli.app import app
from kehoach.graph.calendar import REMINDER_DAYS, duties_calendar, duty_uid, feed_path
from kehoach.graph.duties import corpus_duties
from kehoach.graph.queries import agency_duties
from kehoach.store import SQLiteStore
from tests.conftest import SEEDS

runner = CliRunner()
PUBLIC = "https://kehoach.hungyen.gov.vn"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("feeds")
    assert kehoach.batch(SEEDS, out, workers=1, timeout=None, ocr="never").counts["ok"] == 2
    return out


def test_three_alarms_per_dated_duty_in_icalendar_and_vobject(seed_plans):
    import icalendar
    import vobject

    duties = corpus_duties(seed_plans)
    dated = {duty_uid(d) for d in duties if d.deadline}
    data = duties_calendar(duties, name="Tất cả")
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == len(dated) > 0
    for e in events:
        alarms = e.walk("VALARM")
        assert sorted(-a.decoded("trigger").days for a in alarms) == sorted(REMINDER_DAYS) == [1, 3, 7]
        assert all(str(a["action"]) == "DISPLAY" and "ngày đến hạn" in str(a["description"]) for a in alarms)
    parsed = vobject.readOne(data.decode("utf-8"))
    for v in parsed.contents["vevent"]:
        triggers = sorted(a.trigger.value for a in v.contents["valarm"])
        assert triggers == [dt.timedelta(days=-7), dt.timedelta(days=-3), dt.timedelta(days=-1)]
    print(f"{len(events)} events, {data.count(b'BEGIN:VALARM')} alarms")


def test_feed_addresses_are_readable_and_unique_per_agency_and_place():
    assert feed_path("Công an tỉnh", "Hưng Yên") == "/lich/hung-yen/cong-an-tinh.ics"
    assert feed_path("Công an tỉnh", "Lai Châu") != feed_path("Công an tỉnh", "Hưng Yên")
    assert feed_path("Sở Tư pháp", None) == "/lich/toan-quoc/so-tu-phap.ics"
    assert "%" not in feed_path("Ủy ban nhân dân các xã, phường", "Lào Cai")


def test_a_changed_duty_keeps_its_uid_with_a_higher_sequence(store_dir):
    import icalendar

    corpus = kehoach.open_store(store_dir)
    first = icalendar.Calendar.from_ical(corpus.calendar("Công an tỉnh", "Hưng Yên")).walk("VEVENT")
    again = icalendar.Calendar.from_ical(corpus.calendar("Công an tỉnh", "Hưng Yên")).walk("VEVENT")
    assert [(str(e["uid"]), int(e["sequence"])) for e in first] == [(str(e["uid"]), int(e["sequence"])) for e in again]
    assert all(int(e["sequence"]) == 0 for e in first)
    duties = agency_duties(corpus.duties(), "Công an tỉnh", "Hưng Yên")
    dated = next(d for d in duties if d.deadline)
    moved = dated.model_copy(update={"deadline": "2026-03-20", "deadline_text": "20/3/2026"})
    with SQLiteStore(store_dir / "kehoach.db") as store:
        changed = duties_calendar([moved], name="x", sequence=store.event_sequence)
        same = duties_calendar([moved], name="x", sequence=store.event_sequence)
    [event] = icalendar.Calendar.from_ical(changed).walk("VEVENT")
    assert str(event["uid"]) == duty_uid(dated) and int(event["sequence"]) == 1
    assert event.decoded("dtstart") == dt.date(2026, 3, 20)
    assert int(icalendar.Calendar.from_ical(same).walk("VEVENT")[0]["sequence"]) == 1  # unchanged: no new version


def test_cli_calendar_uses_the_public_url(store_dir, tmp_path, monkeypatch):
    import icalendar

    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["calendar", "--agency", "Công an tỉnh", "--in", "Hưng Yên", "--public-url", PUBLIC,
                            "--corpus", str(store_dir)])
    assert r.exit_code == 0, r.output
    url = f"{PUBLIC}/lich/hung-yen/cong-an-tinh.ics"
    assert url in r.output.replace("\n", "")
    cal = icalendar.Calendar.from_ical((tmp_path / "cong-an-tinh-hung-yen.ics").read_bytes())
    assert str(cal["url"]) == url and str(cal["source"]) == url


def test_web_feed_link_uses_the_public_url_and_serves_the_calendar(store_dir):
    import icalendar

    from kehoach.web.app import WebConfig, create_app

    app_ = create_app(WebConfig(corpus=store_dir, ocr="never", public_url=PUBLIC))
    with TestClient(app_) as c:
        page = c.get("/co-quan", params={"ten": "Công an tỉnh", "in": "Hưng Yên"}).text
        assert f"{PUBLIC}/lich/hung-yen/cong-an-tinh.ics" in page and "127.0.0.1" not in page
        r = c.get("/lich/hung-yen/cong-an-tinh.ics")
        assert r.status_code == 200 and 'filename="cong-an-tinh-hung-yen.ics"' in r.headers["content-disposition"]
        events = icalendar.Calendar.from_ical(r.content).walk("VEVENT")
        assert events and all(len(e.walk("VALARM")) == 3 for e in events)
        other = c.get("/lich/lai-chau/cong-an-huyen.ics")
        assert other.status_code in {200, 404}
        assert c.get("/lich/hung-yen/khong-co.ics").status_code == 404
        assert c.get("/calendar/Công an tỉnh.ics", params={"in": "Hưng Yên"}, follow_redirects=False
                     ).headers["location"] == "/lich/hung-yen/cong-an-tinh.ics"
