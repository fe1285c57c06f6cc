"""Broken fonts decoded by a learnt glyph map, OCR corrected by the syllable model."""
from __future__ import annotations

import random
import unicodedata

import pytest

from kehoach.extract import glyphmap as gm
from kehoach.extract import ocr_correct as oc

# ---------------------------------------------------------------- glyph map, on synthetic fonts

TEXT = ("Điều 5. Trách nhiệm thi hành quyết định này thuộc về Giám đốc Sở Công Thương tỉnh Lào Cai "
        "và các cơ quan có liên quan chịu trách nhiệm kiểm tra việc chấp hành pháp luật về vật liệu nổ "
        "công nghiệp trên địa bàn tỉnh trong năm hai nghìn không trăm hai mươi sáu")


def _font(text: str, *, decomposed: bool = False, seed: int = 0) -> dict[str, str]:
    """A broken font: every distinct glyph gets an arbitrary code, as a subset without ToUnicode does."""
    glyphs = sorted(set(_glyph_seq(text, decomposed)))
    codes = list(range(3, 3 + len(glyphs)))
    random.Random(seed).shuffle(codes)
    return {g: f"(cid:{c})" for g, c in zip(glyphs, codes)}


def _glyph_seq(word: str, decomposed: bool) -> list[str]:
    """The glyphs a font draws for a word: precomposed letters, or a base letter + mark glyphs."""
    return list(unicodedata.normalize("NFD" if decomposed else "NFC", word))


def _page(text: str, font: dict[str, str], decomposed: bool, name: str = "ABCDEF+Times") -> list[gm.Char]:
    chars, x, top = [], 50.0, 100.0
    for word in text.split():
        for g in _glyph_seq(word, decomposed):
            chars.append(gm.Char(font[g], name, x, x + 5, top, top + 12))
            x += 5
        chars.append(gm.Char(" ", "GOOD+Times", x, x + 3, top, top + 12))
        x += 3
        if x > 500:
            x, top = 50.0, top + 20
    return chars


def _ocr_with_slips(page: list[gm.Char], truth: str, slips: dict[str, str], copies: int):
    """A stand-in for tesseract over a page holding ``truth`` ``copies`` times: it reads every word
    right, except in the first copy, where it replaces letters as in ``slips`` — so a third of each
    glyph's readings are wrong when there are three copies."""
    words = truth.split()
    boxes = gm.glyph_words(page)
    assert len(boxes) == len(words) * copies
    by_box = {(round(w[0].x0), round(w[0].top)): (words[k % len(words)], k // len(words))
              for k, w in enumerate(boxes)}

    def ocr(regions):
        out = []
        for _, b in regions:
            word, copy = by_box[(round(b.x0), round(b.top))]
            if copy == 0:
                word = "".join(slips.get(ch, ch) for ch in word)
            out.append([gm.Box(word, b.x0, b.top, b.x1, b.bottom)])
        return out
    return ocr


def _decoded(page, mapping, text_font="ABCDEF+Times") -> str:
    out = []
    for w in gm.glyph_words(page):
        out.append(unicodedata.normalize("NFC", "".join(gm.decode(w, mapping, {text_font}))))
    return " ".join(out)


@pytest.mark.parametrize("decomposed", [False, True], ids=["precomposed", "base+marks"])
def test_glyph_votes_cancel_ocr_slips(decomposed: bool, monkeypatch):
    """Every third read of a word has its diacritics wrong; the vote still gives each glyph its letter."""
    monkeypatch.setattr(oc, "model", lambda: None)  # the votes alone, no language model
    font = _font(TEXT, decomposed=decomposed)
    page = _page(" ".join([TEXT] * 3), font, decomposed)
    slips = {"ề": "ê", "ệ": "ê", "ổ": "ô", "ắ": "ă", "ư": "u"}
    ocr = _ocr_with_slips(page, TEXT, slips, copies=3)
    mapping, stats = gm.learn([page], ocr, need=100)  # every occurrence read: a third of each glyph's slip
    assert stats["broken_fonts"] == ["ABCDEF+Times"]
    assert _decoded(page, mapping) == " ".join([TEXT] * 3)
    if not decomposed:  # a single (slipped) reading would have been wrong: the vote is what fixes it
        one = _ocr_with_slips(_page(TEXT, font, decomposed), TEXT, slips, copies=1)
        single, _ = gm.learn([_page(TEXT, font, decomposed)], one, need=1)
        assert _decoded(_page(TEXT, font, decomposed), single) != TEXT


def test_glyph_with_split_votes_falls_back(monkeypatch):
    """A glyph read two ways equally often is not guessed: it stays unknown (its words go to OCR)."""
    monkeypatch.setattr(oc, "model", lambda: None)
    text = "lên lên lên lên lân lân"
    font = _font(text)
    page = _page(text, font, False)
    reads = iter(["lên", "lân", "lên", "lân", "lên", "lân"] * 3)

    def ocr(regions):
        return [[gm.Box(next(reads), b.x0, b.top, b.x1, b.bottom)] for _, b in regions]

    mapping, stats = gm.learn([page], ocr, need=6)
    assert (("ABCDEF+Times", font["ê"]) not in mapping) or mapping[("ABCDEF+Times", font["ê"])] in "êâ"
    assert ("ABCDEF+Times", font["l"]) in mapping and mapping[("ABCDEF+Times", font["l"])] == "l"
    decoded = _decoded(page, mapping)
    assert gm.UNKNOWN in decoded  # the split glyph is left for OCR, not guessed


def test_alignment_handles_a_missing_letter():
    """OCR dropped a letter: the known glyphs anchor the alignment and the unknown one gets its letter."""
    pairs = gm.align(["t", None, "ư", "ờ", "n", "g"], "trườg")
    assert (1, 1) in pairs  # the unknown glyph aligned with 'r'
    assert (5, 4) in pairs  # 'g' still aligned with 'g' after the dropped 'n'


def test_good_fonts_are_never_broken():
    chars = [gm.Char(ch, "GOOD+Times", i, i + 1, 0, 10) for i, ch in enumerate("Điều 5. Trách nhiệm")]
    chars += [gm.Char(f"(cid:{i})", "BAD+Times", i, i + 1, 20, 30) for i in range(20)]
    assert gm.broken_fonts(chars) == {"BAD+Times"}
    assert not gm.looks_broken("ệ") and gm.looks_broken("(cid:12)") and gm.looks_broken("Ӣ")


def test_mixed_case_is_not_a_vietnamese_word():
    assert gm.mixed_case("nỔ") and gm.mixed_case("TỉNH")
    assert not any(gm.mixed_case(w) for w in ("nổ", "Tỉnh", "TỈNH", "UBND"))


# ---------------------------------------------------------------- the syllable-model corrector

needs_model = pytest.mark.skipif(oc.model() is None, reason="extract/data/syllable_lm.npz is not built")


@needs_model
@pytest.mark.parametrize("ocr_text,expected", [
    ("Điêu 5. Trách nhiệm thi hành", "Điều 5. Trách nhiệm thi hành"),
    ("chức năng, nhiệm vụ, quyên hạn và cơ cấu tổ chức", "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức"),
    ("UBND TĨNH LÀO CAI", "UBND TỈNH LÀO CAI"),
    ("Giây phép vận chuyền hàng hóa nguy hiêm", "Giấy phép vận chuyển hàng hóa nguy hiểm"),
])
def test_corrector_fixes_ocr_diacritics(ocr_text: str, expected: str):
    assert oc.correct_line(ocr_text) == expected


@needs_model
@pytest.mark.parametrize("text", [
    "Độc lập - Tự do - Hạnh phúc",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
    "Sở Công Thương tỉnh Lào Cai; UBND, HĐND các xã, phường; KH-UBND số 12/KH-UBND",
    "Ông Hoàng Văn Thuân - Phó Giám đốc Sở, Trưởng đoàn;",
    "Km2+571, QCVN 01:2019/BCT, 24/24 giờ",
])
def test_corrector_leaves_correct_text_numbers_and_abbreviations(text: str):
    assert oc.correct_line(text) == text


@needs_model
def test_corrector_keeps_layout():
    text = "QUYÊT ĐỊNH:\n\nĐiêu 1.  Thành lập Đoàn kiểm tra\n"
    assert oc.correct_text(text) == "QUYẾT ĐỊNH:\n\nĐiều 1.  Thành lập Đoàn kiểm tra\n"


def test_model_tokens():
    assert oc.phrase_tokens("Điều 5. Trách nhiệm, UBND") == [["điều", "<n>"], ["trách", "nhiệm"], ["<u>"]]


# ---------------------------------------------------------------- on the corpus (needs ../shared)

def test_broken_font_pdf_decodes_by_glyph_map(shared):
    from kehoach.extract import read_document
    from kehoach.extract.ocr import tesseract_path
    from kehoach.extract.syllables import measure

    if tesseract_path() is None:
        pytest.skip("tesseract is not installed")
    doc = read_document(shared / "corpus" / "raw" / "kh-058.pdf")
    assert doc.metadata.get("glyphmap_pages") == [1, 2, 3, 4]
    assert not doc.metadata.get("ocr_pages")
    assert measure(doc.text).validity >= 0.99
    head = "\n".join(b.text for b in doc.blocks[:12])
    assert "UBND TỈNH LÀO CAI" in head and "SỞ CÔNG THƯƠNG" in head and "QUYẾT ĐỊNH" in head


def test_glyph_map_is_the_same_whatever_the_string_hashing(shared):
    """Ties between readings and the order of fonts must not follow Python's per-process string hashing:
    the same file gives the same text in every run (kh-038 differed between runs before)."""
    import os
    import subprocess
    import sys

    from kehoach.extract.ocr import tesseract_path

    if tesseract_path() is None:
        pytest.skip("tesseract is not installed")
    code = ("import sys; from kehoach.extract import read_document; "
            "sys.stdout.write(read_document(sys.argv[1]).text)")
    path = str(shared / "corpus" / "raw" / "kh-038.pdf")
    texts = {subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(texts) == 1


# ---------------------------------------------------------------- pdfium's chars for the glyph map

def _pchar(text: str, *, font_id: int = 1, mapped: bool = True, symbolic: bool = True, x0: float = 0.0,
           code: int | None = None):
    from kehoach.extract.pdf_chars import Char

    return Char(text, "TimesNewRomanPSMT", ord(text) if code is None else code, mapped, 12.0, x0, x0 + 6, 0.0, 12.0,
                True, symbolic, font_id)


def test_mac_roman_reading_of_a_symbolic_font_is_read_as_winansi():
    """pdfium reads "Lào" as "L‡o" (Mac Roman); the font's other letters follow it, other fonts do not."""
    from kehoach.extract.pdf_chars import mac_read_fonts, winansi_codes

    chars = [_pchar("L"), _pchar("‡"), _pchar("o"), _pchar("Û"), _pchar("…", font_id=2)]
    assert mac_read_fonts(chars) == {1}
    assert "".join(c.text for c in winansi_codes(chars)) == "Làoó…"  # font 2 shows no Mac Roman letter: kept
    assert winansi_codes([_pchar("…", font_id=2)])[0].text == "…"


def test_unmapped_glyphs_are_keyed_by_their_codes_and_unread_codes_are_glyphs():
    chars = [_pchar("\x14", mapped=False, code=20), _pchar("£"), _pchar("a")]
    glyphs = gm.glyphs_of(chars, unread={1})
    assert glyphs[0].text == "(cid:20)" and glyphs[0].font == "TimesNewRomanPSMT"
    # "£" reads alike in Mac Roman and WinAnsi yet is no letter: a glyph of the font's pseudo-font, to learn
    assert glyphs[1].font.endswith(gm.UNREAD) and glyphs[1].text.startswith("(cid:")
    assert glyphs[2].text == "a" and gm.glyphs_of(chars)[1].text == "£"


def test_a_slanted_letter_leaning_over_a_space_does_not_cover_it():
    """Only a glyph drawn over a space out of the text's order (a stamped number) removes it."""
    space = _pchar(" ", x0=10.0)
    space.x1 = 13.5
    lean = _pchar("p", x0=11.0)  # the next letter's loose box overlaps the space
    stamp = _pchar("4", x0=10.5)  # drawn later, over the blank
    assert gm.covered_spaces([_pchar("h", x0=4.0), space, lean]) == set()
    assert gm.covered_spaces([_pchar("h", x0=4.0), space, lean, _pchar("x", x0=40.0), stamp]) == {1}


def test_a_reading_that_is_no_syllable_casts_no_vote():
    """OCR read a lone italic "năm" as "zzm": that reading must not teach the glyphs z."""
    votes = gm.GlyphVotes({"F"})
    word = [gm.Char(f"(cid:{i})", "F", i, i + 1, 0, 10) for i in range(3)]
    votes.add(word, "zzm", {})
    assert not votes.votes
    votes.add(word, "năm", {})
    assert votes.resolve(min_votes=1) == {("F", "(cid:0)"): "n", ("F", "(cid:1)"): "ă", ("F", "(cid:2)"): "m"}


def test_rare_glyph_that_breaks_its_words_is_left_to_ocr():
    word = [gm.Char("(cid:1)", "F", 0, 1, 0, 10), gm.Char("(cid:2)", "F", 1, 2, 0, 10), gm.Char("h", "G", 2, 3, 0, 10)]
    votes = gm.GlyphVotes({"F"})
    votes.votes[("F", "(cid:1)")]["o"] = 1
    votes.votes[("F", "(cid:2)")]["("] = 1
    mapping, doubted = gm.doubt_rare({("F", "(cid:1)"): "o", ("F", "(cid:2)"): "("}, votes, [[word]], {"F"})
    assert doubted == 2 and not mapping  # "o(h" is no word
    assert gm.plausible_word("hoạch") and gm.plausible_word("QĐ-UBND") and not gm.plausible_word("hoặ(h")


def test_glyph_path_reads_no_pdfminer_and_little_ocr(shared, monkeypatch):
    """kh-058 (broken fonts, no ruled table needing pdfminer) is decoded from pdfium's chars: pdfplumber is
    never opened; its glyph map reads one sheet of words and a few small regions, not whole pages."""
    import pdfplumber

    from kehoach.extract import read_document
    from kehoach.extract.ocr import tesseract_path
    from kehoach.extract.syllables import measure

    if tesseract_path() is None:
        pytest.skip("tesseract is not installed")

    def refuse(*a, **k):
        raise AssertionError("pdfplumber opened on the glyph path")

    monkeypatch.setattr(pdfplumber, "open", refuse)
    doc = read_document(shared / "corpus" / "raw" / "kh-058.pdf")
    assert doc.metadata.get("glyphmap_pages") == [1, 2, 3, 4]
    stats = doc.metadata["glyphmap"]
    # one sheet of words, one small read of the unsettled glyphs in context, then at most one read per
    # page of the words still holding an unknown glyph
    assert stats["ocr_calls"] <= 2 + doc.pages
    assert stats["ocr_words"] <= 2 * stats["glyphs"] and stats["ocr_words_again"] <= 60
    assert measure(doc.text).validity >= 0.99
    assert "Căn cứ Nghị định số" in doc.text  # spaces kept beside slanted letters
    assert "Nơi nhận:" in doc.text and "ngày 01/7/2025" in doc.text
