"""Kinds and zones (nlp/kinds.py, nlp/zones.py): what a document does decides where it may assign duties.
Documents written for these tests in the shape of each kind, as a reader gives them."""
from pathlib import Path

from kehoach.models import Block, BlockKind, Cell, SourceDocument
from kehoach.nlp import parse
from kehoach.nlp.kinds import is_normative_number, subkind_of
from kehoach.nlp.zones import document_span, runs

from .blocks import make_blocks

HEADER = ("ỦY BAN NHÂN DÂN", "TỈNH CAO BẰNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def _source(blocks: list[Block], metadata: dict | None = None) -> SourceDocument:
    return SourceDocument(path="test.md", format="markdown", blocks=blocks, metadata=metadata or {})


def _pairs(plan) -> set[tuple[str, str]]:
    return {(a.name, t.text[:40]) for t in plan.tasks for a in t.lead}


def _table(*rows: tuple[str, ...]) -> Block:
    cells = [[Cell(text=c, row=r, col=k) for k, c in enumerate(row)] for r, row in enumerate(rows)]
    return Block(kind=BlockKind.table, text="\n".join("\t".join(r) for r in rows), rows=cells)


def test_subkind_from_the_title_and_only_for_its_types():
    assert subkind_of("Quyết định", "Về việc công bố danh mục thủ tục hành chính mới ban hành").name == "publishes_procedures"
    assert subkind_of("Quyết định", "Phê duyệt quy trình nội bộ giải quyết thủ tục").name in {
        "publishes_procedures", "approves_workflow"}
    assert subkind_of("Quyết định", "Ban hành Kế hoạch thực hiện Chương trình chuyển đổi số").name == "issues_plan"
    assert subkind_of("Quyết định", "Về việc bổ nhiệm cán bộ").name == "appoints"
    assert subkind_of("Kế hoạch", "Rà soát, đơn giản hóa thủ tục hành chính năm 2026") is None  # a plan is a plan
    assert subkind_of("Quyết định", None) is None


def test_a_number_holding_its_year_is_a_normative_text():
    assert is_normative_number("08/2025/NQ-CP") and is_normative_number("05/2025/QĐ-UBND")
    assert not is_normative_number("386/NQ-CP") and not is_normative_number("42/KH-UBND")


def test_a_decision_publishing_procedures_assigns_in_its_articles_not_in_the_procedures():
    blocks = make_blocks(
        *HEADER, "Số: 1948/QĐ-UBND", "Cao Bằng, ngày 18 tháng 11 năm 2025", "QUYẾT ĐỊNH",
        "Về việc công bố danh mục thủ tục hành chính trong lĩnh vực khí tượng thủy văn",
        "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ;", "QUYẾT ĐỊNH:",
        "Điều 1. Công bố kèm theo Quyết định này danh mục 09 thủ tục hành chính.",
        "Điều 2. Giao Sở Nông nghiệp và Môi trường cập nhật thủ tục hành chính lên Cơ sở dữ liệu quốc gia.",
        "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nông nghiệp và Môi trường chịu trách nhiệm thi "
        "hành Quyết định này.",
        "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.", "CHỦ TỊCH", "Lê Hải Hòa",
        "PHỤ LỤC I", "DANH MỤC THỦ TỤC HÀNH CHÍNH",
        "1. Sở Nông nghiệp và Môi trường tiếp nhận hồ sơ và trả kết quả cho tổ chức, cá nhân.",
    ) + [_table(("Các bước", "Nội dung công việc", "Trách nhiệm thực hiện", "Thời gian"),
                ("Bước 1", "Tiếp nhận, kiểm tra hồ sơ", "Trung tâm Phục vụ hành chính công tỉnh", "0,5 ngày"),
                ("Bước 2", "Thẩm định hồ sơ", "Sở Nông nghiệp và Môi trường", "10 ngày"))]
    plan = parse(_source(blocks))
    assert plan.document.subkind == "publishes_procedures"
    owners = {a for a, _ in _pairs(plan)}
    assert "Sở Nông nghiệp và Môi trường" in owners  # Điều 2's Giao and the closing article
    assert "Trung tâm Phục vụ hành chính công tỉnh" not in owners  # a workflow step, no duty
    assert not any(t.text.startswith(("tiếp nhận hồ sơ", "Tiếp nhận, kiểm tra")) for t in plan.tasks)
    zones = {z.zone for z in plan.zones}
    assert {"header", "preamble", "body", "signature", "procedure"} <= zones


def test_a_normative_text_assigns_only_in_its_implementing_articles():
    blocks = make_blocks(
        "HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 08/2025/NQ-HĐND",
        "Hà Nội, ngày 10 tháng 7 năm 2025", "NGHỊ QUYẾT", "Quy định mức chi hỗ trợ công tác phòng cháy",
        "Căn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ;", "QUYẾT NGHỊ:",
        "Điều 1. Phạm vi điều chỉnh",
        "Ủy ban nhân dân cấp xã có trách nhiệm xác nhận danh sách cơ sở được hỗ trợ theo quy định.",
        "Điều 2. Tổ chức thực hiện",
        "1. Giao Ủy ban nhân dân Thành phố tổ chức triển khai thực hiện Nghị quyết này.",
        "2. Thường trực Hội đồng nhân dân Thành phố giám sát việc thực hiện Nghị quyết.",
    )
    plan = parse(_source(blocks))
    owners = {a for a, _ in _pairs(plan)}
    assert "Ủy ban nhân dân Thành phố" in owners
    assert "Ủy ban nhân dân cấp xã" not in owners  # a rule of the provisions, not an assignment


def test_a_page_that_is_no_official_document_assigns_nothing():
    blocks = make_blocks(
        "Trách nhiệm của UBND cấp xã trong quản lý đất đai là gì?",
        "Căn cứ Điều 5 Luật Đất đai 2024 quy định như sau:",
        "Ủy ban nhân dân cấp xã có trách nhiệm quản lý, sử dụng đất đai tại địa phương.",
        "Giao Sở Tài nguyên và Môi trường hướng dẫn thực hiện.",
        "Như vậy, UBND cấp xã có trách nhiệm quản lý đất đai tại địa phương.",
    )
    plan = parse(_source(blocks))
    assert plan.document.official is False
    assert plan.tasks == []


def test_the_document_starts_after_a_portals_table_and_ends_before_its_furniture():
    blocks = make_blocks(
        "Số hiệu:", "1948/QĐ-UBND", "Loại văn bản:", "Quyết định", "Tình trạng:", "Đã biết",
        "Ngày 18/11/2025, UBND tỉnh ban hành Quyết định về thủ tục hành chính, trong đó Sở Tài chính có trách nhiệm "
        "hướng dẫn các xã.",
        *HEADER, "Số: 1948/QĐ-UBND", "QUYẾT ĐỊNH", "Điều 1. Giao Sở Tài chính hướng dẫn thực hiện.",
        "CHỦ TỊCH", "Lê Hải Hòa", "Văn bản thay thế", "Chú thích", "Click phải để xem những nội dung sửa đổi, bổ sung.",
    )
    start, end = document_span(blocks)
    assert blocks[start].text == "ỦY BAN NHÂN DÂN"
    assert blocks[end].text == "Văn bản thay thế"
    plan = parse(_source(blocks))
    assert {t.zone for t in plan.tasks} == {"body"}


def test_runs_are_the_ranges_where_duties_may_be_read():
    assert runs(["none", "all", "all", "none", "tables", "none"]) == [(1, 3), (4, 5)]
    assert runs(["none"]) == []


def test_zones_are_written_on_the_blocks_for_the_reader_to_see():
    source = _source(make_blocks(*HEADER, "Số: 12/KH-UBND", "KẾ HOẠCH", "Thực hiện công tác phòng chống lụt bão",
                                 "1. Sở Nông nghiệp và Môi trường chủ trì theo dõi tình hình mưa lũ.",
                                 "Nơi nhận:", "- Lưu: VT."))
    parse(source)
    assert [b.zone for b in source.blocks][:4] == ["header"] * 4
    assert "body" in [b.zone for b in source.blocks]


def test_a_report_table_and_a_form_hold_no_duties(tmp_path: Path):
    blocks = make_blocks(*HEADER, "Số: 12/KH-UBND", "KẾ HOẠCH", "Kiểm tra an toàn hồ chứa",
                         "1. Sở Nông nghiệp và Môi trường chủ trì kiểm tra an toàn hồ chứa trước mùa mưa lũ.") + [
        _table(("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Kết quả"),
               ("1", "Rà soát quy trình vận hành hồ chứa", "Sở Công Thương", "Đã hoàn thành"),
               ("2", "Kiểm tra đập thủy điện", "Sở Xây dựng", "Đã hoàn thành"))] + make_blocks(
        "Kính đề nghị Sở Y tế cho phép tôi nhập khẩu thuốc ………… theo quy định.")
    plan = parse(_source(blocks))
    owners = {a for a, _ in _pairs(plan)}
    assert owners == {"Sở Nông nghiệp và Môi trường"}


def test_a_name_broken_at_a_block_end_goes_on_in_the_next():
    blocks = make_blocks(*HEADER, "Số: 12/QĐ-UBND", "QUYẾT ĐỊNH", "Về việc công bố danh mục thủ tục hành chính",
                         "QUYẾT ĐỊNH:", "Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.",
                         "Điều 2. Chánh Văn phòng UBND tỉnh; Giám đốc Sở",
                         "Văn hóa, Thể thao và Du lịch; Chủ tịch UBND các xã, phường chịu trách nhiệm thi hành Quyết "
                         "định này.",
                         "Nơi nhận:", "- Lưu: VT.")
    owners = {a for a, _ in _pairs(parse(_source(blocks)))}
    assert {"Văn phòng UBND tỉnh", "Sở Văn hóa, Thể thao và Du lịch"} <= owners
    assert "Sở" not in owners


def test_a_heading_whose_sentence_goes_on_after_its_names_is_no_heading():
    from kehoach.nlp.tasks import _agency_only

    assert _agency_only("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh và các tổ chức "
                        "thành viên của Mặt trận") is not None  # a long heading, names and members only
    assert _agency_only("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các tổ chức chính trị - xã hội "
                        "thành phố phối hợp tuyên truyền và giám sát việc thực hiện Nghị quyết") is None


def test_a_procedure_sheet_and_footnotes_in_an_appendix_assign_nothing():
    blocks = make_blocks(*HEADER, "Số: 35/QĐ-UBND", "QUYẾT ĐỊNH", "Về việc công bố thủ tục hành chính lĩnh vực đấu thầu",
                         "QUYẾT ĐỊNH:", "Điều 1. Giao Sở Tài chính cập nhật thủ tục hành chính lên Cổng dịch vụ công.",
                         "Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "Nguyễn Văn A",
                         "PHỤ LỤC", "NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC",
                         "1. Trình tự thực hiện: Tổ chức nộp hồ sơ tại Trung tâm Phục vụ hành chính công.",
                         "2. Cơ quan có thẩm quyền quyết định: Sở Tài chính.",
                         "3. Sở Tài chính thẩm định hồ sơ trong 10 ngày.",
                         "PHỤ LỤC II", "GHI CHÚ",
                         "[1] Quyết định số 12/2024/QĐ-UBND, Điều 3: Sở Xây dựng chịu trách nhiệm thi hành Quyết định này.")
    plan = parse(_source(blocks))
    assert {(a, d[:10]) for a, d in _pairs(plan)} == {("Sở Tài chính", "cập nhật t")}
    assert {"procedure", "quotation"} <= {z.zone for z in plan.zones}


def test_a_portals_caption_after_the_document_is_the_portals():
    from kehoach.nlp.zones import is_portal_tail

    assert is_portal_tail("Công văn 5347/CT-CS năm 2025 về miễn giảm tiền sử dụng đất do Cục Thuế ban hành")
    assert is_portal_tail("Văn bản liên quan")
    assert not is_portal_tail("Công văn số 5347/CT-CS ngày 12/12/2025 của Cục Thuế đã hướng dẫn")


def test_the_issuers_own_words_are_no_duty_of_its_own():
    from kehoach.nlp.tasks import sentence_tasks

    for text in ("Bộ Chính trị, Ban Bí thư cơ bản nhất trí với Tờ trình của Đảng ủy Chính phủ.",
                 "Bộ Tài chính trân trọng cảm ơn sự phối hợp của Quý Ủy ban.",
                 "Văn phòng Chính phủ thông báo để các Bộ, cơ quan biết."):
        assert sentence_tasks(text, 0, 0, None) == [], text
    [t] = sentence_tasks("Cục Hải quan thông báo để Công ty TNHH Thương mại Dịch vụ NMT biết và thực hiện.", 0, 0, None)
    assert t.leads == ["Công ty TNHH Thương mại Dịch vụ NMT"]


def test_a_short_form_the_document_defines_names_its_body_whole():
    from kehoach.nlp.aliases import defined_short_forms, resolve

    blocks = make_blocks("Phó Thủ tướng làm việc với Ủy ban nhân dân tỉnh Điện Biên (sau đây gọi tắt là Tỉnh).",
                         "Sở Công Thương (sau đây viết tắt là “Sở”) chủ trì.")
    forms = defined_short_forms(blocks)
    assert resolve("Tỉnh", forms) == "Ủy ban nhân dân tỉnh Điện Biên" and resolve("Sở", forms) == "Sở Công Thương"
    assert resolve("Bộ Tài chính", forms) == "Bộ Tài chính"


def test_a_body_of_every_unit_of_a_level_is_one_name():
    from kehoach.nlp.agencies import find_agencies

    assert [m.name for m in find_agencies("để Thuế các tỉnh, thành phố biết và thực hiện")] == ["Thuế các tỉnh, thành phố"]
    assert [m.name for m in find_agencies("Công an các xã, phường tăng cường tuần tra")] == ["Công an các xã, phường"]


def test_central_bodies_and_the_press_are_named_as_kinds():
    from kehoach.nlp.agencies import find_agencies

    def names(t):
        return [m.name for m in find_agencies(t, allow_generic=True)]

    assert names("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ chủ trì") == [
        "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"]
    assert names("Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam, các cơ quan báo chí, phát thanh, truyền hình khác "
                 "tổ chức") == ["Đài Truyền hình Việt Nam", "Thông tấn xã Việt Nam",
                               "các cơ quan báo chí, phát thanh, truyền hình khác"]
    assert "Các Bộ" not in names("Các Bộ trưởng, Thủ trưởng các cơ quan có liên quan chịu trách nhiệm thi hành")


def test_paragraphs_inside_quotation_marks_quote_another_text():
    blocks = make_blocks(
        *HEADER, "Số: 2294/CT-HKDCN", "V/v trả lời vướng mắc về tiền thuê đất", "Phú Thọ, ngày 10 tháng 10 năm 2025",
        "Kính gửi: Công ty Cổ phần Siêu thị Sài Gòn",
        "Thuế tỉnh Phú Thọ nhận được văn bản của Công ty hỏi về đơn giá thuê đất. Về vấn đề này, Thuế tỉnh trả lời như sau:",
        "Tại Công văn số 2294/CTVPH-HKDCN, Cục Thuế tỉnh Vĩnh Phúc có nêu:",
        "“Sau khi UBND tỉnh ban hành Bảng giá đất theo quy định.",
        "Cục Thuế tỉnh Vĩnh Phúc sẽ thực hiện Thông báo điều chỉnh đơn giá thuê đất cho Công ty.”",
        "“Tháng hành động vì an toàn thực phẩm” năm 2025: Sở Y tế chủ trì tổ chức kiểm tra các cơ sở.",
        "Đề nghị Công ty liên hệ với Thuế tỉnh Phú Thọ để được hướng dẫn.",
        "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "CỤC TRƯỞNG", "Nguyễn Văn A",
    )
    plan = parse(_source(blocks))
    owners = {a for a, _ in _pairs(plan)}
    assert "Cục Thuế tỉnh Vĩnh Phúc" not in owners  # quoted from the earlier letter
    assert "Sở Y tế" in owners  # a campaign's name in quotes, then the paragraph's own words
    assert "quotation" in {z.zone for z in plan.zones}
