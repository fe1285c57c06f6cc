"""Portal pages whatever comes first: the document is found after an editorial summary; numbers written
"Số:10988/…" and "Số 2696/QĐ-UBND"; type from the number when there is no type heading. The pages are
small synthetic Markdown written in the portal's shape for these tests."""
from pathlib import Path

from kehoach.extract import read_document
from kehoach.nlp import parse

_SUMMARY = (
    "Đang tải văn bản...\n**Số hiệu:**\n|\n88/CĐ-TTg\n|\n## Thủ tướng yêu cầu ứng phó bão số 9\n"
    "**Ngày 03/11/2025, Thủ tướng Chính phủ đã ban hành Công điện 88/CĐ-TTg về việc tập trung ứng phó bão số 9.**\n"
    "Theo đó, Thủ tướng Chính phủ yêu cầu Bộ trưởng các Bộ: Quốc phòng, Công an; Chủ tịch Ủy ban nhân dân các tỉnh\n"
    "từ Quảng Trị đến Khánh Hòa tập trung chỉ đạo công tác ứng phó với bão.\n"
    "Xem chi tiết tại Công điện 88/CĐ-TTg ngày 03/11/2025.\n"
)
_DOCUMENT = (
    "**THỦ TƯỚNG CHÍNH PHỦ**\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n"
    "---------------\n|\n|\n{number}\n|\n*Hà Nội, ngày 03\ntháng 11 năm 2025*\n|\n{heading}"
    "VỀ VIỆC TẬP TRUNG ỨNG PHÓ BÃO SỐ 9\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n- Bộ trưởng các Bộ: Quốc phòng, Công an;\n"
    "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Quảng Trị, Huế, Đà Nẵng.\n"
    "1. Bộ trưởng các Bộ: Quốc phòng, Công an chỉ đạo lực lượng đóng trên địa bàn sẵn sàng phương tiện cứu hộ,\n"
    "cứu nạn.\n"
    "2. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố nêu trên khẩn trương sơ tán người dân khỏi khu vực nguy\n"
    "hiểm, hoàn thành trước ngày 05/11/2025.\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT, NN.\n**KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG**\n**Trần Hồng Hà**\n"
    "Cảm ơn đã dùng ThuVienPhapLuat.vn\n"
)


def _page(tmp_path: Path, text: str):
    md = tmp_path / "page.md"
    md.write_text(text, encoding="utf-8")
    return read_document(md)


def test_document_found_after_an_editorial_summary(tmp_path: Path):
    src = _page(tmp_path, _SUMMARY + _DOCUMENT.format(number="Số:88/CĐ-TTg", heading="**CÔNG ĐIỆN**\n"))
    assert src.blocks[0].text == "THỦ TƯỚNG CHÍNH PHỦ"
    assert not any("Xem chi tiết" in b.text or b.text.startswith("Ngày 03/11/2025") for b in src.blocks)
    plan = parse(src)
    d = plan.document
    assert (d.number, d.date, d.doc_type) == ("88/CĐ-TTg", "2025-11-03", "Công điện")
    assert d.signer and d.signer.name == "Trần Hồng Hà"
    owners = {a.name for t in plan.tasks for a in t.lead}
    assert {"Bộ Quốc phòng", "Bộ Công an"} <= owners
    due = [t.deadline.date for t in plan.tasks if t.deadline]
    assert due == ["2025-11-05"]


def test_summary_not_closed_by_a_marker_is_still_not_the_header(tmp_path: Path):
    # the summary's last line is not "Xem chi tiết …" and no cell break separates it from the issuer
    summary = _SUMMARY.replace("Xem chi tiết tại Công điện 88/CĐ-TTg ngày 03/11/2025.\n", "")
    plan = parse(_page(tmp_path, summary + _DOCUMENT.format(number="Số 88/CĐ-TTg", heading="**CÔNG ĐIỆN**\n")))
    assert (plan.document.number, plan.document.date) == ("88/CĐ-TTg", "2025-11-03")
    assert plan.document.issuer and "thủ tướng" in plan.document.issuer.lower()


def test_number_without_colon_and_type_from_its_code(tmp_path: Path):
    plan = parse(_page(tmp_path, _DOCUMENT.format(number="Số 2696/QĐ-UBND", heading="")))
    assert plan.document.number == "2696/QĐ-UBND"
    assert plan.document.doc_type == "Quyết định"  # no type heading: the code says it


def test_page_without_quoc_hieu_starts_after_the_summary(tmp_path: Path):
    doc = _DOCUMENT.split("|\n|\n", 1)[1]  # the issuer and Quốc hiệu cells lost by the page
    src = _page(tmp_path, _SUMMARY + doc.format(number="Số:10988/CĐ-TTg", heading="**CÔNG ĐIỆN**\n"))
    assert src.blocks[0].text.startswith("Số:10988/CĐ-TTg")
    assert parse(src).document.number == "10988/CĐ-TTg"


def test_label_word_wrapped_from_its_number(tmp_path: Path):
    src = _page(tmp_path, "**Điều\n14. Trách nhiệm của Sở Khoa học và Công nghệ**\n\n1. Chủ trì tổ chức thực hiện "
                          "Quy chế này.\n\n**Chương\nV**\n")
    texts = [b.text for b in src.blocks]
    assert texts[0] == "Điều 14. Trách nhiệm của Sở Khoa học và Công nghệ"
    assert src.blocks[0].label == "Điều 14." and src.blocks[0].level == 1
    assert "Chương V" in texts


def test_line_ending_in_a_function_word_goes_on(tmp_path: Path):
    src = _page(tmp_path, "Các đơn vị có nhiệm vụ dài để làm mẫu nối dòng thực hiện nghiêm túc chế độ báo cáo về\n"
                          "Ban Chỉ huy Phòng thủ dân sự tỉnh trước ngày 10 hằng tháng.\n\n"
                          "Thời gian thực hiện: Quý\nIV năm 2025 và các năm tiếp theo.\n")
    texts = [b.text for b in src.blocks]
    assert any("báo cáo về Ban Chỉ huy" in t for t in texts)
    assert "Thời gian thực hiện: Quý IV năm 2025 và các năm tiếp theo." in texts


_PROPERTIES = (
    "Đang tải văn bản...\n#\n**Số hiệu:**\n|\n88/CĐ-TTg\n|\n|\n**Loại văn bản:**\n|\nCông điện\n|\n"
    "**Nơi ban hành:**\n|\nThủ tướng Chính phủ\n|\n|\n**Người ký:**\n|\nTrần Hồng Hà\n|\n**Ngày ban hành:**\n|\n"
    "03/11/2025\n|\n|\n**\nNgày hiệu lực:**\n|\nĐã biết\n|\n|\n**Tình trạng:**\n|\nĐã biết\n|\n"
)


def test_portal_properties_read_into_metadata(tmp_path: Path):
    src = _page(tmp_path, _PROPERTIES + _SUMMARY + _DOCUMENT.format(number="Số:88/CĐ-TTg", heading="**CÔNG ĐIỆN**\n"))
    assert src.metadata["portal"] == {"number": "88/CĐ-TTg", "type": "Công điện", "issuer": "Thủ tướng Chính phủ",
                                      "signer": "Trần Hồng Hà", "date": "03/11/2025"}  # "Đã biết" says nothing
    assert src.blocks[0].text == "THỦ TƯỚNG CHÍNH PHỦ"


def test_portal_properties_without_quoc_hieu(tmp_path: Path):
    # a Công văn page whose document has no header: the table is read and nothing after it
    body = "**Kính gửi:** Thuế tỉnh Tây Ninh.\nSố hiệu: không phải của bảng.\nCục Thuế trả lời như sau.\n"
    src = _page(tmp_path, _PROPERTIES.replace("88/CĐ-TTg", "5402/CT-CS") + body)
    assert src.metadata["portal"]["number"] == "5402/CT-CS"
    assert src.metadata["portal"]["type"] == "Công điện"
    assert len(src.metadata["portal"]) == 5


def test_page_without_properties_has_none(tmp_path: Path):
    assert "portal" not in _page(tmp_path, _DOCUMENT.format(number="Số 88/CĐ-TTg", heading="")).metadata
