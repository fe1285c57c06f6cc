"""One agency, one entry: the directory of the real corpus lists no agency twice and no piece of a
name; places in words; search owners first with the words marked; compare by topic in duties;
administrative units from the vietnam-provinces package."""
from __future__ import annotations

from collections import Counter

import pytest

from kehoach.graph.directory import directory, highlight, is_fragment, place_words
from kehoach.graph.queries import cited_bases, plans_on_topic, select_plans, NotFound


@pytest.fixture(scope="module")
def corpus(shared, tmp_path_factory):
    import kehoach

    out = tmp_path_factory.mktemp("directory")
    kehoach.batch(shared / "corpus" / "raw", out, workers=1, timeout=None, ocr="never")
    return kehoach.open_store(out)


def test_the_corpus_directory_lists_each_agency_once_and_no_fragment(corpus):
    from kehoach.web.app import _place

    entries = directory(corpus.duties(), _place)
    seen = Counter((e.name.casefold(), e.place) for e in entries)
    assert [k for k, n in seen.items() if n > 1] == []
    names = [e.name for e in entries]
    for piece in ("Văn phòng", "Ban Đại diện", "Sở, Ngành", "Trung tâm Phát triển", "Ban Quản lý các"):
        assert piece not in names
    assert not [n for n in names if is_fragment(n)]
    assert not [e.place for e in entries if "*" in e.place or "/" in e.place]  # places in words
    print(f"{len(entries)} agencies listed, keys {len({k for e in entries for k in e.keys})}")


@pytest.mark.parametrize("name,fragment", [("Văn phòng", True), ("Sở, Ngành", True), ("Trung tâm Phát triển", True),
                                           ("Ban Quản lý các", True), ("Ban Quản lý các khu công nghiệp", False),
                                           ("Văn phòng UBND tỉnh", False), ("Các sở, ban, ngành", False),
                                           ("Trung tâm Phát triển quỹ đất", False)])
def test_fragments(name, fragment):
    assert is_fragment(name) is fragment


def test_places_in_words():
    assert place_words("Đồng Nai/*/*") == "các xã, phường (Đồng Nai)"
    assert place_words("Hà Nội") == "thành phố Hà Nội" and place_words("Hưng Yên") == "tỉnh Hưng Yên"
    assert place_words("Lai Châu/Tam Đường") == "Tam Đường, Lai Châu" and place_words("TW") == "Trung ương"


def test_search_marks_the_words_found_without_diacritics():
    assert [p for p, found in highlight("Ngân hàng cho vay vốn ưu đãi", "vay von") if found] == ["vay", "vốn"]


def test_a_topic_is_found_in_duties_too_and_bases_need_two_plans(corpus):
    plans = corpus.plans()
    assert all(n >= 2 for n in cited_bases(plans).values())
    found = {p.file for p in plans_on_topic(plans, "kinh te so")}
    assert {"kh-001.md", "kh-002.md"} <= found, found  # "phát triển kinh tế số và xã hội số"
    with pytest.raises(NotFound) as exc:
        select_plans(plans, topic="khong co chu de nay xyz")
    assert exc.value.what == "plan on the topic"


def test_units_come_from_the_package():
    from kehoach.models import units
    from kehoach.nlp.jurisdiction import commune_province, find_jurisdiction

    assert len(units.provinces()) == 34 and sum(units.provinces().values()) == 6
    assert commune_province("xã", "Mường Khương") == "Lào Cai"
    assert find_jurisdiction("UBND xã Mường Khương", None, "").province_now == "Lào Cai"
    assert find_jurisdiction("UBND tỉnh Yên Bái", None, "").province_now == "Lào Cai"  # a unit merged away
