"""The pdfium word source, rule detection, stamp checks, and the cost model's refusals."""
from __future__ import annotations

import csv
import difflib
from pathlib import Path

import pdfplumber
import pytest

from kehoach.extract import ReadOptions, read_document
from kehoach.extract.pdf_chars import Word, chars_to_words, page_chars
from kehoach.extract.pdf_stamps import Stamp, check
from kehoach.models import DocStatus

from .hostile import ENGLISH, entity_bomb_docx, looping_pdf
from .pdfgen import make_pdf

TEXT_PDFS = ["kh-042", "kh-043", "kh-044", "kh-049", "kh-050", "kh-051", "kh-052", "kh-054", "kh-055"]


def test_words_match_pdfplumber_on_a_generated_pdf(tmp_path: Path):
    f = tmp_path / "a.pdf"
    f.write_bytes(make_pdf(["Ke hoach so 42 ngay 1 thang 2"]))
    chars = page_chars(f, 0)
    assert chars and {c.font for c in chars} == {"Helvetica"} and all(c.mapped for c in chars)
    ours = chars_to_words(chars)
    with pdfplumber.open(f) as pdf:
        theirs = pdf.pages[0].extract_words(x_tolerance=1.5, y_tolerance=3)
    assert [w.text for w in ours] == [w["text"] for w in theirs]
    for a, b in zip(ours, theirs):
        assert abs(a.x0 - b["x0"]) < 0.5 and abs(a.x1 - b["x1"]) < 0.5 and abs(a.bottom - b["bottom"]) < 1.0


def test_glyph_runs_join_and_gaps_split():
    from kehoach.extract.pdf_chars import Char

    def c(t, x0, x1, top=100.0):
        return Char(t, "F", ord(t), True, 12.0, x0, x1, top, top + 12)

    # "KẾ" drawn as two runs that touch (gap 0.5) is one word; a 3-point gap splits; a space splits
    words = chars_to_words([c("K", 10, 18), c("Ế", 18.5, 26), c("H", 29, 37), c(" ", 37, 40), c("O", 40, 48),
                            c("x", 10, 16, top=130)])
    assert [w.text for w in words] == ["KẾ", "H", "O", "x"]


@pytest.mark.parametrize("name", TEXT_PDFS)
def test_pdfium_words_equal_pdfplumber_words_on_the_corpus(shared, name):
    f = shared / "corpus" / "raw" / f"{name}.pdf"
    with pdfplumber.open(f) as pdf:
        for i, page in enumerate(pdf.pages):
            theirs = [w["text"] for w in page.extract_words(x_tolerance=1.5, y_tolerance=3)]
            ours = [w.text for w in chars_to_words(page_chars(f, i))]
            # pdfium joins a few glyph runs pdfplumber leaves apart ("T M ." → "TM.") and keeps a
            # line-end hyphen; everything else is the same word for word
            same = sum(m.size for m in difflib.SequenceMatcher(None, theirs, ours, autojunk=False).get_matching_blocks())
            assert same >= 0.98 * len(theirs), (name, i)


def test_broken_font_chars_carry_raw_codes(shared):
    chars = page_chars(shared / "corpus" / "raw" / "kh-058.pdf", 0)
    unmapped = [c for c in chars if not c.mapped]
    assert len(unmapped) > 50 and all(c.code == ord(c.text) for c in unmapped)
    assert any("+" in c.font for c in unmapped)  # the subset font that lacks the map


def _stamp(text_a: str, text_b: str, role: str, signed: str | None = "2024-11-04T08:53:00") -> Stamp:
    return Stamp(Word(text_a, 0, 10, 0, 10), (text_a, text_b), signed, role)


def test_stamp_checks():
    words, issues = check([_stamp("807", "807", "number"), _stamp("07", "807", "number"),
                           _stamp("04", "04", "day"), _stamp("01", "01", "day"), _stamp("1", "", "month")], None)
    assert [w.text for w in words] == ["807", "04", "04", "11"]
    codes = [c for c, _ in issues]
    assert codes == ["stamp_unread", "stamp_date_from_signature", "stamp_date_from_signature"]
    # without a signing time an unagreed day is left out too
    words, issues = check([_stamp("11", "01", "day", None)], None)
    assert words == [] and issues[0][0] == "stamp_unread"


def test_corpus_stamps_right_and_none_guessed(shared):
    """Every stamped number and date of the corpus's signed text PDFs, against the manifest."""
    truth = {r["id"]: r for r in csv.DictReader((shared / "corpus" / "manifest.csv").open(encoding="utf-8"))}
    for name in TEXT_PDFS:
        doc = read_document(shared / "corpus" / "raw" / f"{name}.pdf")
        stamps = doc.metadata.get("stamps") or []
        number = next((s["text"] for s in stamps if s["role"] == "number" and s["source"] != "left out"), None)
        want = truth[name]["doc_number"].split("/")[0]
        if want.isdigit():
            assert number == want, (name, stamps)
        day = next((s for s in stamps if s["role"] == "day"), None)
        if day is not None and truth[name]["date"].count("-") == 2:
            assert day["text"] == truth[name]["date"][-2:], (name, day)
        for s in stamps:  # kept only on agreement, or from the signing time
            assert s["source"] == "left out" or s["readings"][0] == s["readings"][1] or s["source"] == "signing time"


def test_cost_model_refusals(tmp_path: Path):
    cases = {
        "big.txt": ("Kế hoạch số 1. " * 2000).encode(),
        "bin.md": bytes(range(256)) * 20,
        "en.txt": ENGLISH.encode(),
        "bomb.docx": entity_bomb_docx(),
        "loop.pdf": looping_pdf(),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    opts = ReadOptions(max_text_bytes=20_000)
    big = read_document(tmp_path / "big.txt", opts)
    assert big.status is DocStatus.failed and big.issues[0].code == "too_large" and f"{len(cases['big.txt']):,} bytes" in big.issues[0].message
    assert read_document(tmp_path / "bin.md").issues[0].code == "not_text"
    en = read_document(tmp_path / "en.txt")
    assert en.status is DocStatus.partial and [i.code for i in en.issues] == ["not_vietnamese"]
    assert read_document(tmp_path / "bomb.docx").issues[0].code == "xml_entity_bomb"
    assert read_document(tmp_path / "loop.pdf").issues[0].code == "damaged_pdf"
    # a Vietnamese text file under the limit reads as before
    (tmp_path / "ok.txt").write_text("Kế hoạch số 1. Sở Tài chính chủ trì thực hiện kế hoạch này.\n" * 5, encoding="utf-8")
    assert read_document(tmp_path / "ok.txt", opts).status is DocStatus.ok


def test_long_text_never_hits_spacy_max_length():
    from kehoach.models import Block, BlockKind, SourceDocument
    from kehoach.nlp import parse

    text = "Sở Tài chính chủ trì thực hiện nhiệm vụ. " * 30_000  # 1.2 M characters > spaCy's 1,000,000
    src = SourceDocument(path="long.txt", format="text", blocks=[Block(kind=BlockKind.paragraph, text=text)])
    plan = parse(src, segmenter="syllable")
    assert plan.status is not DocStatus.failed


def test_signature_keys_read_fast_equal_pdfminer(shared):
    """The signing time and signer read from the signature dictionary's bytes equal pdfminer's
    full parse (nested /Prop_Build names ignored) on every widget page of the corpus."""
    from kehoach.extract.pdf_reader import _signature_widgets

    pages = 0
    for name in TEXT_PDFS + ["kh-058"]:
        f = shared / "corpus" / "raw" / f"{name}.pdf"
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                if page.page_obj.annots:
                    pages += 1
                    assert _signature_widgets(page, f) == _signature_widgets(page), (name, page.page_number)
    assert pages >= 15
