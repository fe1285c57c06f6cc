"""The parsers never raise on arbitrary or adversarial text, and their spans point inside it."""
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.models import Block, BlockKind, SourceDocument
from kehoach.nlp.agencies import find_agencies
from kehoach.nlp.deadlines import find_deadline, parse_time_cell
from kehoach.nlp.pipeline import parse
from kehoach.nlp.references import find_citations

PIECES = list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãấầẩẫậèéẹẻẽìíịỉĩòóọỏõùúụủũABCĐGHKLMNPQSTUVXYỦỞẾỐ0123456789 ,.;:/-()\n–") + [
    "Sở ", "UBND ", "Công an ", "phối hợp ", "chủ trì ", "Giao ", "I. ", "1. ", "- ", "trước ngày ", "Quý I/",
    "Nghị định số ", "/2020/NĐ-CP", "các sở, ban, ngành ", "Luật "]
VIET = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)
ANY = st.one_of(VIET, st.text(max_size=300))


@settings(max_examples=150, deadline=None)
@given(ANY)
def test_matchers_never_raise_and_spans_inside(text):
    for c in find_citations(text):
        assert 0 <= c.start <= c.end <= len(text)
    for m in find_agencies(text):
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start:m.end] == m.name
    hit = find_deadline(text)
    if hit:
        assert 0 <= hit.start <= hit.end <= len(text)
    parse_time_cell(text)


@settings(max_examples=40, deadline=None)
@given(st.lists(ANY, max_size=30))
def test_parse_never_raises(paragraphs):
    blocks = [Block(kind=BlockKind.paragraph, text=p) for p in paragraphs if p.strip()]
    plan = parse(SourceDocument(path="x.txt", format="text", blocks=blocks), segmenter="syllable")
    for t in plan.tasks:
        assert t.provenance is None or 0 <= t.provenance.start <= t.provenance.end


def test_huge_line_and_unbalanced_numbering():
    text = "1.1.1.1.1. " + "Sở Tài chính phối hợp " * 3000 + "III. a) + - I."
    plan = parse(SourceDocument(path="x.txt", format="text", blocks=[Block(text=text)]), segmenter="syllable")
    assert plan.file == "x.txt"
