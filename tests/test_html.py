"""HTML pages: a Word "Save as Web Page" export reads as the same document's DOCX and parses to the
duties its text parses to; a portal page saved in the browser loses its furniture and gives the portal's
properties; encodings, entities and legacy fonts; hostile pages refused with their own reasons. The
fixtures are generated in code from the seeds' text (tests/htmlgen.py)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kehoach.extract import ReadOptions, read_document
from kehoach.extract.base import sniff_format
from kehoach.models import BlockKind, DocStatus, Plan, SourceDocument
from kehoach.nlp import parse

from .conftest import SEEDS
from .htmlgen import (ASSIGNMENTS, QUOC_HIEU, SCRIPT_TEXT, PlanText, docx_bytes, plain_text, plan_from_text,
                      portal_html, word_html)

PLANS = {  # each seed with the header its office would give it
    "000_1cdde12f011c0099": (["ỦY BAN NHÂN DÂN", "TỈNH HƯNG YÊN"], "Số: 15/KH-UBND", "Hưng Yên, ngày 10 tháng 02 năm 2026"),
    "002_6db69d9744caca0f": (["ỦY BAN NHÂN DÂN", "HUYỆN TAM ĐƯỜNG"], "Số: 125/KH-UBND",
                             "Tam Đường, ngày 20 tháng 3 năm 2024"),
}
PROPERTIES = {"Số hiệu": "15/KH-UBND", "Loại văn bản": "Kế hoạch", "Nơi ban hành": "Tỉnh Hưng Yên",
              "Người ký": "Nguyễn Lê Huy", "Ngày ban hành": "10/02/2026", "Ngày hiệu lực": "Đã biết",
              "Tình trạng": "Đã biết"}
CAPTION = "Kế hoạch 15/KH-UBND năm 2026 tổng kết Nghị định 49/2020/NĐ-CP do Tỉnh Hưng Yên ban hành"


def seed_plan(stem: str, *, table: bool = True) -> PlanText:
    issuer, number, place_date = PLANS[stem]
    return plan_from_text((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"), issuer=issuer, number=number,
                          place_date=place_date, table=ASSIGNMENTS if table else None)


def write(folder: Path, name: str, data: bytes | str) -> SourceDocument:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return read_document(path)


def shape(doc: SourceDocument) -> list[tuple]:
    return [(b.kind, b.label, b.level, b.text, [[(c.text, c.row, c.col) for c in r] for r in b.rows or []])
            for b in doc.blocks]


def duties(plan: Plan, *, tables: bool = True) -> Counter:
    """(agency, role, deadline) of every duty; from table rows too unless ``tables`` is False."""
    out: Counter = Counter()
    for t in plan.tasks:
        if not tables and t.source == "table":
            continue
        for role, agencies in (("lead", t.lead), ("support", t.support), ("requested", t.requested)):
            out.update((a.name, role, t.deadline.date if t.deadline else None) for a in agencies)
    return out


def header(plan: Plan) -> tuple:
    d = plan.document
    return d.number, d.date, d.doc_type, d.issuer, d.title, d.signer.name if d.signer else None


@pytest.fixture(scope="module")
def word_exports(tmp_path_factory) -> dict[str, dict[str, SourceDocument]]:
    """Per seed: its Word HTML export (as saved and filtered), its DOCX and its text, read."""
    out: dict[str, dict[str, SourceDocument]] = {}
    for stem in PLANS:
        folder = tmp_path_factory.mktemp(stem)
        plan = seed_plan(stem)
        out[stem] = {"html": write(folder, "ke-hoach.htm", word_html(plan)),
                     "filtered": write(folder, "ke-hoach-loc.html", word_html(plan, filtered=True)),
                     "docx": write(folder, "ke-hoach.docx", docx_bytes(plan)),
                     "text": write(folder, "ke-hoach.txt", plain_text(plan))}
    return out


@pytest.mark.parametrize("stem", PLANS)
def test_word_export_reads_as_its_docx(word_exports, stem):
    docs = word_exports[stem]
    html, filtered, docx = docs["html"], docs["filtered"], docs["docx"]
    assert html.status is DocStatus.ok and not html.issues
    assert html.metadata["encoding"] == "cp1252" and html.metadata["producer"] == "word"
    assert shape(html) == shape(docx)
    assert shape(filtered) == shape(docx)


def test_word_export_blocks_labels_levels_and_tables(word_exports):
    doc = word_exports["000_1cdde12f011c0099"]["html"]
    head = doc.blocks[0]
    assert head.kind is BlockKind.table
    assert [[c.text for c in r] for r in head.rows] == [
        ["ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN", "\n".join(QUOC_HIEU)],
        ["Số: 15/KH-UBND", "Hưng Yên, ngày 10 tháng 02 năm 2026"]]  # Word's sizing row is not a row
    by_text = {b.text[:40]: b for b in doc.blocks}
    labelled = [(b.label, b.level) for b in doc.blocks if b.kind is BlockKind.list_item]
    # labels Word drew from its numbering (conditional comments) and labels typed as text
    assert {("I.", 1), ("1.", 2), ("1.1.", 3), ("a)", 5), ("-", 6), ("2.2.1.", 4)} <= set(labelled)
    assert by_text["a) Nghị định số 49/2020/NĐ-CP (*mốc thời"].label == "a)"
    assert any(b.text == "1. Đánh giá toàn diện, đúng thực trạng tình hình, kết quả việc triển khai, thực hiện "
                         "Nghị định số 49/2020/NĐ-CP và Quyết định số 22/2023/QĐ-TTg trên địa bàn tỉnh, làm rõ ưu "
                         "điểm, tồn tại, hạn chế trong quá trình thực hiện, bài học kinh nghiệm, những cách làm hay, "
                         "mô hình hiệu quả trong tổ chức thực hiện. Trên cơ sở đó, đề ra những nhiệm vụ, giải pháp, "
                         "kiến nghị, đề xuất nhằm nâng cao chất lượng, hiệu quả công tác tái hòa nhập cộng đồng đối "
                         "với người chấp hành xong án phạt tù, người được đặc xá bảo đảm thống nhất, liên tục, hiệu "
                         "quả, phù hợp với tình hình hiện nay." for b in doc.blocks)  # Word's wrapped source lines
    tables = [b for b in doc.blocks if b.kind is BlockKind.table]
    assert len(tables) == 3
    assert [[c.text for c in r] for r in tables[1].rows] == ASSIGNMENTS
    signature = [[c.text for c in r] for r in tables[2].rows]
    assert signature[0][0].startswith("Nơi nhận:\n- Văn phòng Chính phủ;")
    assert signature[0][1] == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH THƯỜNG TRỰC\nNguyễn Lê Huy"
    assert "<o:p>" not in doc.text and "mso-" not in doc.text and "&#" not in doc.text


@pytest.mark.parametrize("stem", PLANS)
def test_word_export_parses_to_the_seed_texts_duties(word_exports, stem):
    docs = word_exports[stem]
    html, docx, text = (parse(docs[k]) for k in ("html", "docx", "text"))
    assert header(html) == header(text) == header(docx)
    assert html.document.number == PLANS[stem][1].removeprefix("Số: ")
    assert duties(html) == duties(docx)
    assert duties(html, tables=False) == duties(text)  # the text cannot hold the assignment table
    from_table = duties(html) - duties(html, tables=False)
    assert {("Công an tỉnh", "lead", "2026-02-28"), ("Sở Tư pháp", "support", "2026-02-28"),
            ("Sở Tài chính", "lead", "2026-03-05")} <= set(from_table)


@pytest.fixture(scope="module")
def portal_page(tmp_path_factory) -> tuple[SourceDocument, SourceDocument]:
    folder = tmp_path_factory.mktemp("portal")
    plan = seed_plan("000_1cdde12f011c0099", table=False)
    return (write(folder, "Ke-hoach-15-KH-UBND.html", portal_html(plan, PROPERTIES, CAPTION)),
            write(folder, "ke-hoach.txt", plain_text(plan)))


CHROME = ["Trang chủ", "Đăng nhập", "Tên đăng nhập", "Bản dịch này", "CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI", "bôi vàng",
          "Số hiệu", "Đang tải", "Văn bản liên quan", "Văn bản mới", "Bạn vừa bị", "Mã số thuế", "Thư viện văn bản",
          "Ban hành:", "Đã biết", CAPTION, "chưa cập nhật nội dung Tiếng Anh", SCRIPT_TEXT, "alert", "track(",
          "Công văn 5402/CT-CS", "Sở Tư pháp chủ trì kiểm tra"]


def test_portal_page_keeps_the_document_only(portal_page):
    page, _ = portal_page
    assert page.status is DocStatus.ok and page.metadata["producer"] == "web page"
    text = page.text + "".join(c.text for b in page.blocks for r in b.rows or [] for c in r)
    assert not [c for c in CHROME if c in text]
    first, last = page.blocks[0], page.blocks[-1]
    assert first.kind is BlockKind.table and first.rows[0][0].text.startswith("ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN")
    assert last.kind is BlockKind.table and last.rows[0][1].text.endswith("Nguyễn Lê Huy")
    assert page.blocks[1].text == "KẾ HOẠCH"
    items = [(b.label, b.level) for b in page.blocks if b.kind is BlockKind.list_item]
    assert ("IV.", 1) in items and ("2.2.1.", 4) in items and ("-", 6) in items


def test_portal_page_properties_read(portal_page):
    page, _ = portal_page
    assert page.metadata["portal"] == {"number": "15/KH-UBND", "type": "Kế hoạch", "issuer": "Tỉnh Hưng Yên",
                                       "signer": "Nguyễn Lê Huy", "date": "10/02/2026"}


def test_portal_page_parses_to_the_seed_texts_duties(portal_page):
    page, text = (parse(d) for d in portal_page)
    assert header(page) == header(text)
    assert duties(page) == duties(text) and len(page.tasks) >= 15


def test_portal_page_without_a_header_table(tmp_path: Path):
    # the issuer and the Quốc hiệu as paragraphs, an editorial summary and the portal's notes around them
    page = ("<html><head><meta charset='utf-8'></head><body><nav><a href='/'>Trang chủ</a></nav>"
            "<table><tr><td>Số hiệu:</td><td>88/CĐ-TTg</td><td>Người ký:</td><td>Trần Hồng Hà</td></tr></table>"
            "<p>Ngày 03/11/2025, Thủ tướng Chính phủ đã ban hành Công điện 88/CĐ-TTg về ứng phó bão số 9.</p>"
            "<p>Xem chi tiết tại Công điện 88/CĐ-TTg.</p>"
            "<p><b>THỦ TƯỚNG CHÍNH PHỦ</b></p><p>-------</p><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>"
            "Độc lập - Tự do - Hạnh phúc</p><p>Số: 88/CĐ-TTg</p><p><i>Hà Nội, ngày 03 tháng 11 năm 2025</i></p>"
            "<p><b>CÔNG ĐIỆN</b></p><p>1. Bộ Quốc phòng chỉ đạo lực lượng sẵn sàng cứu hộ,<br>cứu nạn.<br>"
            "2. Ủy ban nhân dân các tỉnh sơ tán người dân trước ngày 05/11/2025.</p>"
            "<p>Cảm ơn đã dùng ThuVienPhapLuat.vn</p><p>Sở Tài chính chủ trì sau trang.</p></body></html>")
    doc = write(tmp_path, "cong-dien.html", page)
    texts = [b.text for b in doc.blocks]
    assert texts[:4] == ["THỦ TƯỚNG CHÍNH PHỦ", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    # <br> lines: a sentence goes on across one, a label or a heading's end starts a new block
    assert "1. Bộ Quốc phòng chỉ đạo lực lượng sẵn sàng cứu hộ, cứu nạn." in texts
    assert texts[-1] == "2. Ủy ban nhân dân các tỉnh sơ tán người dân trước ngày 05/11/2025."
    assert doc.metadata["portal"] == {"number": "88/CĐ-TTg", "signer": "Trần Hồng Hà"}
    plan = parse(doc)
    assert (plan.document.number, plan.document.date, plan.document.doc_type) == ("88/CĐ-TTg", "2025-11-03", "Công điện")


def test_layout_tables_are_flow_and_spans_keep_columns(tmp_path: Path):
    page = ("<html><body><table><tr><td><div class='menu-left'><a href='/a'>Văn bản</a></div></td><td>"
            "<table><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH NGHỆ AN</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr></table>"
            "<p>KẾ HOẠCH</p><table border=1><tr><th>TT</th><th>Nội dung</th><th>Chủ trì</th></tr>"
            "<tr><td rowspan=2>1</td><td>Rà soát quy chế</td><td rowspan=2 colspan=1>Sở Tư pháp</td></tr>"
            "<tr><td>Tập huấn</td></tr><tr><td>2</td><td colspan=99999>Báo cáo</td></tr></table>"
            "</td></tr></table></body></html>")
    doc = write(tmp_path, "plan.html", page)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [BlockKind.table, BlockKind.heading, BlockKind.table]
    rows = [[(c.text, c.row_span, c.col_span) for c in r] for r in doc.blocks[2].rows]
    assert rows == [[("TT", 1, 1), ("Nội dung", 1, 1), ("Chủ trì", 1, 1)],
                    [("1", 2, 1), ("Rà soát quy chế", 1, 1), ("Sở Tư pháp", 2, 1)],
                    [("", 1, 1), ("Tập huấn", 1, 1), ("", 1, 1)],  # the merged cells' place, as a DOCX reads
                    [("2", 1, 1), ("Báo cáo", 1, 1000)]]


def test_notes_left_out_as_the_docx_reader_does(tmp_path: Path):
    word = ("<html><head><meta name=Generator content='Microsoft Word 15'></head><body><div class=WordSection1>"
            "<p class=MsoHeader>Số: 12/KH-UBND</p><p class=MsoNormal>Sở Tài chính bố trí kinh phí<a "
            "style='mso-footnote-id:ftn1' href='#_ftn1' name='_ftnref1'><span class=MsoFootnoteReference>"
            "<![if !supportFootnotes]>[1]<![endif]></span></a>.</p></div><div style='mso-element:footnote-list'>"
            "<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a href='#_ftnref1'>[1]</a> "
            "Theo Nghị định số 49/2020/NĐ-CP.</p></div></div></body></html>")
    doc = write(tmp_path, "word.htm", word)
    assert [b.text for b in doc.blocks] == ["Số: 12/KH-UBND", "Sở Tài chính bố trí kinh phí."]
    # in a portal page too, and Word's own style classes (MsoHeader) are never taken for page furniture
    doc = write(tmp_path, "page.html", word.replace("Microsoft Word 15", "WordPress"))
    assert [b.text for b in doc.blocks] == ["Số: 12/KH-UBND", "Sở Tài chính bố trí kinh phí."]


# ---------------------------------------------------------------- encodings and entities

VI = "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với các sở, ngành triển khai kế hoạch."


def _cp1258(text: str) -> bytes:
    """Windows-1258 bytes as Windows writes them: a letter the code page lacks (ệ, ở) as the letter
    without its tone (ê, ơ) and a combining tone mark."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            toneless = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (toneless + "".join(c for c in parts if c in tones)).encode("cp1258")
    return bytes(out)


_PAGE = f"<html><body><p>{VI}</p></body></html>"
_DECLARE_1258 = "<head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'></head>"
ENCODED = {  # the page's bytes → the encoding the reader must say it used
    "declared utf-8": (f"<html><head><meta charset='utf-8'></head><body><p>{VI}</p></body></html>".encode(), "utf-8"),
    "BOM utf-8": (b"\xef\xbb\xbf" + _PAGE.encode(), "utf-8-sig"),
    "BOM utf-16": (_PAGE.encode("utf-16"), "utf-16"),
    "declared windows-1258": (_cp1258(_PAGE.replace("<body>", _DECLARE_1258 + "<body>")), "cp1258"),
    "undeclared, not utf-8": (_cp1258(_PAGE), "cp1258"),
    "xml declaration latin-1": (f"<?xml version='1.0' encoding='iso-8859-1'?>{_PAGE}".encode(
        "cp1252", errors="xmlcharrefreplace"), "cp1252"),
    "declared windows-1252, UTF-8 bytes": (_PAGE.replace("<body>", "<head><meta charset=windows-1252></head><body>")
                                           .encode(), "utf-8"),
    "declared utf-8, a damaged byte": (_PAGE.encode().replace("ệ".encode(), b"\xe1\xbb", 1)
                                       .replace(b"<html>", b"<html><meta charset=utf-8>"), "utf-8"),
}


@pytest.mark.parametrize("case", ENCODED)
def test_encodings(tmp_path: Path, case: str):
    data, encoding = ENCODED[case]
    doc = write(tmp_path, "p.html", data)
    assert doc.metadata["encoding"] == encoding
    if case.endswith("damaged byte"):
        assert doc.text == VI.replace("ệ", "\ufffd", 1)
        return
    assert doc.status is DocStatus.ok, doc.issues
    assert doc.text == VI  # NFC whatever the bytes


def test_entities_decoded(tmp_path: Path):
    page = ("<html><body><p>&#7910;y ban nh&acirc;n d&#xE2;n &amp; S&#7903; T&agrave;i ch&iacute;nh &ndash; "
            "&ldquo;k&#7871; ho&#7841;ch&rdquo;&nbsp;&nbsp;n&#259;m &#150;2026 &lt;script&gt;</p></body></html>")
    doc = write(tmp_path, "e.html", page)
    assert doc.text == "Ủy ban nhân dân & Sở Tài chính – “kế hoạch” năm –2026 <script>"


def test_vni_font_page_is_converted(tmp_path: Path):
    vni = ("Keá hoaïch trieån khai thöïc hieän Nghò ñònh soá 49/2020/NÑ-CP cuûa Chính phuû; "
           "UÛy ban nhaân daân tænh Höng Yeân chæ ñaïo caùc sôû, ban, ngaønh.")
    page = f"<html><body><p><font face='VNI-Times'>{vni}</font></p></body></html>".encode("cp1252")
    doc = write(tmp_path, "vni.html", page)
    assert doc.metadata["legacy_encoding"] == "VNI" and doc.metadata["encoding"] == "cp1252"
    assert doc.text.startswith("Kế hoạch triển khai thực hiện Nghị định số 49/2020/NĐ-CP")


# ---------------------------------------------------------------- hostile pages

def test_scripts_styles_and_handlers_never_reach_text(tmp_path: Path):
    page = (f"<html><head><script>var a = '{SCRIPT_TEXT}';</script><style>p::after {{content: 'x'}}</style></head>"
            f"<body onload=\"alert('{SCRIPT_TEXT}')\"><noscript>{SCRIPT_TEXT}</noscript>"
            f"<p onclick=\"alert(1)\">{VI}<img src=x onerror=\"alert('{SCRIPT_TEXT}')\"></p>"
            f"<svg><text>{SCRIPT_TEXT}</text></svg><template><p>{SCRIPT_TEXT}</p></template>"
            f"<iframe srcdoc='&lt;p&gt;{SCRIPT_TEXT}'></iframe><div style='display: none'>{SCRIPT_TEXT}</div>"
            "<!-- a comment --><script>document.write('x')</script></body></html>")
    doc = write(tmp_path, "s.html", page)
    assert doc.text == VI


@pytest.mark.parametrize("name,data,code", [
    ("bomb.html", '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                  "<html><body><p>&b;</p></body></html>", "xml_entity_bomb"),
    ("deep.html", "<html><body>" + "<div>" * 5000 + VI + "</div>" * 5000 + "</body></html>", "too_deeply_nested"),
    ("junk.html", bytes(range(256)) * 40, "not_text"),
    ("scripts-only.html", f"<html><head><script>{SCRIPT_TEXT}</script></head><body></body></html>", "no_text"),
    ("empty.htm", b"", "empty_file"),
])
def test_hostile_pages_refused(tmp_path: Path, name, data, code):
    doc = write(tmp_path, name, data)
    assert doc.status is DocStatus.failed and doc.issues[0].code == code, doc.issues
    assert SCRIPT_TEXT not in doc.text


def test_huge_page_refused(tmp_path: Path):
    options = ReadOptions(max_text_bytes=50_000, html_markup_ratio=4)
    paragraphs = f"<p>{VI}</p>\n" * 700  # ~70 KB of text in ~80 KB of markup: parsed, its text over the limit
    text_over = tmp_path / "long.html"
    text_over.write_text(f"<html><body>{paragraphs}</body></html>", encoding="utf-8")
    markup_over = tmp_path / "heavy.html"  # over 4× the limit before parsing: refused unread
    markup_over.write_text("<html><body>" + "<span style='mso-spacerun:yes'> </span>" * 6000 + "</body></html>",
                           encoding="utf-8")
    for path in (text_over, markup_over):
        doc = read_document(path, options)
        assert doc.status is DocStatus.failed and doc.issues[0].code == "too_large", doc.issues


def test_format_chosen_by_extension_and_bytes(tmp_path: Path):
    assert sniff_format(Path("a.htm"), b"<html>") == "html"
    assert sniff_format(Path("a.HTML"), b"junk") == "html"
    assert sniff_format(Path("saved"), b"<!-- saved from url=(0040)") == "html"
    assert sniff_format(Path("a.html"), b"%PDF-1.7") == "pdf"  # bytes first
    assert sniff_format(Path("a"), b"Ke hoach") == "text"
