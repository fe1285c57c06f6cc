import io
import zipfile
from pathlib import Path

import pytest

from kehoach.extract import ReadOptions, read_document
from kehoach.models import BlockKind, DocStatus

from .conftest import SEEDS


def test_seed_paragraphs_are_joined():
    doc = read_document(SEEDS / "002_6db69d9744caca0f.txt")
    assert doc.status is DocStatus.ok
    texts = [b.text for b in doc.blocks]
    assert "1. Công an huyện" in texts
    joined = [t for t in texts if t.startswith("Chỉ đạo, hướng dẫn lực lượng Công an các xã")]
    assert joined and joined[0].endswith("theo quy định của pháp luật về ANTT.")
    # no paragraph ends mid-sentence on a short wrapped fragment
    assert not any(t.startswith(("nội dung, ý nghĩa", "an tỉnh Lai Châu")) for t in texts)
    items = [b for b in doc.blocks if b.kind is BlockKind.list_item and b.label == "III."]
    assert items and items[0].level == 1


def test_markdown_portal_chrome_dropped(tmp_path: Path):
    md = tmp_path / "page.md"
    md.write_text("Đang tải văn bản...\n**Số hiệu:**\n|\n**ỦY BAN NHÂN DÂN**\nTỈNH NGHỆ AN\n-------\n|\n"
                  "**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n|\nSố: 980/KH-UBND\n|\n**KẾ HOẠCH**\n"
                  "Thực hiện Quyết định số\n1899/QĐ-TTg ngày 04/9/2025.\n\n**I. MỤC ĐÍCH**\n"
                  "Cảm ơn đã dùng ThuVienPhapLuat.vn\nĐăng nhập\n", encoding="utf-8")
    doc = read_document(md)
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "ỦY BAN NHÂN DÂN"
    assert any(t.startswith("CỘNG HÒA XÃ HỘI") for t in texts)
    assert "Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025." in texts
    assert not any("ThuVienPhapLuat" in t or "Số hiệu" in t for t in texts)


@pytest.mark.parametrize("name,content,code", [
    ("empty.pdf", b"", "empty_file"),
    ("trunc.pdf", b"%PDF-1.7\n1 0 obj <<", None),
    ("fake.docx", b"this is not a zip", "not_a_docx"),
    ("fake.pdf", b"hello", "not_a_pdf"),
    ("x.xyz", b"data", "unsupported_format"),
])
def test_bad_input_gets_specific_status(tmp_path: Path, name, content, code):
    f = tmp_path / name
    f.write_bytes(content)
    doc = read_document(f)
    assert doc.status is DocStatus.failed
    assert doc.issues and doc.issues[0].message
    if code:
        assert doc.issues[0].code == code


def test_zip_bomb_refused(tmp_path: Path):
    f = tmp_path / "bomb.docx"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"0" * (50 * 1024 * 1024))
    doc = read_document(f, ReadOptions(max_zip_ratio=100))
    assert doc.status is DocStatus.failed and doc.issues[0].code == "zip_bomb"


def test_docx_numbering_rendered(tmp_path: Path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("Mở đầu kế hoạch")
    d.add_paragraph("Sở Tài chính bố trí kinh phí", style="List Number")
    d.add_paragraph("Sở Nội vụ hướng dẫn", style="List Number")
    d.add_paragraph("Công an tỉnh theo dõi", style="List Bullet")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Nội dung"
    t.cell(0, 1).text = "Cơ quan chủ trì"
    f = tmp_path / "n.docx"
    d.save(f)
    doc = read_document(f)
    texts = [b.text for b in doc.blocks]
    assert texts[1] == "1. Sở Tài chính bố trí kinh phí"
    assert texts[2] == "2. Sở Nội vụ hướng dẫn"
    assert texts[3].endswith("Công an tỉnh theo dõi") and doc.blocks[3].label
    assert doc.blocks[4].kind is BlockKind.table and doc.blocks[4].rows[0][1].text == "Cơ quan chủ trì"


def test_markdown_wrapped_bold_heading_is_one_line(tmp_path: Path):
    # a stray "*" earlier must not flip the emphasis parity of later paragraphs
    md = tmp_path / "plan.md"
    md.write_text("Kế hoạch (*) như sau có nhiều dòng văn bản dài để làm mẫu cho việc nối dòng trong văn bản.\n\n"
                  "**2. Sở Tài\nchính**\n\na) Phối hợp với Sở Y tế tham mưu bố trí kinh phí.\n", encoding="utf-8")
    texts = [b.text for b in read_document(md).blocks]
    assert "2. Sở Tài chính" in texts


def test_portal_table_flattened_one_cell_per_line(tmp_path: Path):
    md = tmp_path / "plan.md"
    md.write_text("**PHỤ LỤC**\n\n|\n**TT**\n|\n**Nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n**Cơ quan phối hợp**\n|\n|\n"
                  "1\n|\nRà soát, sửa đổi\nquy chế.\n|\nSở Tài chính\n|\nCác sở, ngành\n|\n|\n"
                  "2\n|\nTổ chức tập huấn.\n|\nSở Nội vụ\n|\nSở Tư pháp\n|\n|\n\nTrên đây là Kế hoạch.\n", encoding="utf-8")
    blocks = read_document(md).blocks
    table = next(b for b in blocks if b.kind is BlockKind.table)
    assert [[" ".join(c.text.split()) for c in row] for row in table.rows] == [
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp"],
        ["1", "Rà soát, sửa đổi quy chế.", "Sở Tài chính", "Các sở, ngành"],
        ["2", "Tổ chức tập huấn.", "Sở Nội vụ", "Sở Tư pháp"]]
    assert blocks[-1].text == "Trên đây là Kế hoạch."
    assert table.rows[1][1].text == "Rà soát, sửa đổi\nquy chế."  # a cell keeps its lines (agency lists)


def test_pdftotext_layout_signature_columns(tmp_path: Path):
    txt = tmp_path / "plan.txt"
    txt.write_text("Nội dung kế hoạch.\n\nNơi nhận:                                  TM. ỦY BAN NHÂN DÂN\n"
                   "- Như trên;                                  CHỦ TỊCH\n- Lưu: VT.\n"
                   "                                            Nguyễn Văn A\n", encoding="utf-8")
    texts = [b.text for b in read_document(txt).blocks]
    assert "TM. ỦY BAN NHÂN DÂN" in " ".join(texts) and not any("Như trên; CHỦ TỊCH" in t for t in texts)
    assert texts[-1].endswith("Nguyễn Văn A")


VNI_SAMPLE = ("Keá hoaïch trieån khai thöïc hieän Nghò ñònh soá 49/2020/NÑ-CP cuûa Chính phuû; "
              "UÛy ban nhaân daân tænh Höng Yeân chæ ñaïo caùc sôû, ban, ngaønh.")
VNI_MEANT = ("Kế hoạch triển khai thực hiện Nghị định số 49/2020/NĐ-CP của Chính phủ; "
             "Ủy ban nhân dân tỉnh Hưng Yên chỉ đạo các sở, ban, ngành.")


def test_vni_text_file_is_converted(tmp_path: Path):
    f = tmp_path / "vni.txt"
    f.write_bytes(VNI_SAMPLE.encode("cp1252"))
    doc = read_document(f)
    assert doc.blocks[0].text == VNI_MEANT and doc.metadata["legacy_encoding"] == "VNI"


def test_vni_docx_is_converted_and_good_text_is_not(tmp_path: Path):
    import docx

    d = docx.Document()
    run = d.add_paragraph().add_run(VNI_SAMPLE)
    run.font.name = "VNI-Times"
    d.save(tmp_path / "vni.docx")
    doc = read_document(tmp_path / "vni.docx")
    assert doc.blocks[0].text == VNI_MEANT and doc.metadata["legacy_fonts"] == ["VNI-Times"]
    good = docx.Document()
    good.add_paragraph(VNI_MEANT)
    good.save(tmp_path / "good.docx")
    assert read_document(tmp_path / "good.docx").blocks[0].text == VNI_MEANT


def test_encrypted_and_long_pdfs(tmp_path: Path):
    from .pdfgen import make_pdf

    enc = tmp_path / "secret.pdf"
    enc.write_bytes(make_pdf(["mat"], encrypted=True))
    doc = read_document(enc)
    assert doc.status is DocStatus.failed and [i.code for i in doc.issues] == ["encrypted_pdf"]
    long = tmp_path / "long.pdf"
    long.write_bytes(make_pdf([f"Ke hoach trang {i}" for i in range(300)]))
    doc = read_document(long, ReadOptions(ocr="never"))
    assert doc.pages == 300 and doc.status is not DocStatus.failed
    capped = read_document(long, ReadOptions(ocr="never", max_pages=100))
    assert "too_many_pages" in [i.code for i in capped.issues]
    assert "Ke hoach trang 99" in capped.text and "trang 100" not in capped.text


def test_blank_pages_are_not_ocred(tmp_path: Path):
    from .pdfgen import make_pdf

    blank = tmp_path / "blank.pdf"
    blank.write_bytes(make_pdf(["", ""]))
    doc = read_document(blank)  # ocr=auto: a blank page has no image, so nothing to OCR
    assert doc.metadata.get("ocr_pages") == [] and doc.pages == 2


def test_a_line_break_inside_a_word_never_ends_a_paragraph():
    from kehoach.extract.layout import splits_a_word

    assert splits_a_word("13. Đề nghị Ủy ban Trung ương Mặt trận Tổ quốc Việt", "Nam tiếp tục vận động")
    assert splits_a_word("3. Đề nghị Ủy ban Mặt trận", "Tổ quốc Việt Nam tỉnh phối hợp")
    assert not splits_a_word("Giám đốc Sở", "Văn hóa, Thể thao và Du lịch")  # two words: left to the rules
    assert not splits_a_word("Thực hiện tốt nhiệm vụ được giao.", "Nam tiếp tục")  # a sentence ended
    assert not splits_a_word("Ủy ban nhân dân tỉnh Việt", "1. Nam")  # a label opens an item


def test_a_name_broken_between_two_capitalised_syllables_goes_on():
    from kehoach.extract.layout import splits_a_word

    assert splits_a_word("Giao Sở Công", "Thương rà soát quy trình nội bộ")
    assert not splits_a_word("Ủy ban nhân dân tỉnh", "Sở Tài chính chủ trì")


def test_names_announced_by_a_colon_run_on_in_the_same_paragraph():
    from kehoach.extract.layout import _names_after_colon

    assert _names_after_colon("Điều 5. Bộ trưởng các Bộ:", "Xây dựng, Ngoại giao, Tư pháp, Quốc phòng và Thủ trưởng")
    assert not _names_after_colon("Nơi nhận:", "- Như Điều 3;")  # a list opens each item with a label
    assert not _names_after_colon("Nhiệm vụ cụ thể như sau:", "Sở Tài chính chủ trì, phối hợp với các sở")
    assert not _names_after_colon("Bộ trưởng các Bộ", "Xây dựng, Ngoại giao, Tư pháp")  # no colon


def test_a_label_wrapped_away_from_its_item_is_the_items_own():
    from kehoach.extract.markdown_reader import join_split_labels

    assert join_split_labels(["hạn chậm nhất 05 ngày làm việc.", "2.", "Các đơn vị niêm yết công khai."]) == [
        "hạn chậm nhất 05 ngày làm việc.", "2. Các đơn vị niêm yết công khai."]
    assert join_split_labels(["1.", "|"]) == ["1.", "|"]  # a table cell stays one
