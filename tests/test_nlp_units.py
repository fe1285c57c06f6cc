"""Component tests on real phrasings from the corpus, including phrasings that must NOT match."""
from kehoach.nlp.agencies import canonical_key, find_agencies, is_generic_group, strip_head_title
from kehoach.nlp.deadlines import find_deadline, parse_time_cell
from kehoach.nlp.references import find_citations
from kehoach.nlp.tasks import find_supports, sentence_tasks


def names(text):
    """The agency names found in ``text`` where the duty grammar asks for owners."""
    return [m.name for m in find_agencies(text, allow_generic=True)]


def _numbers(text):
    return [c.number or c.name for c in find_citations(text)]


def test_reference_shapes():
    text = ("Căn cứ Nghị định số 49/2020/NĐ-CP ngày 17/4/2020; Kế hoạch số 1492/KH-CAT-PC10; Nghị quyết số 57-NQ/TW; "
            "Kế hoạch số 14-KH/TU; Kế hoạch 0124/KH-UBND; Thông tư 92/2009/TT- BTC; Luật số 42/2024/QH15")
    assert _numbers(text) == ["49/2020/NĐ-CP", "1492/KH-CAT-PC10", "57-NQ/TW", "14-KH/TU", "0124/KH-UBND",
                              "92/2009/TT-BTC", "42/2024/QH15"]
    first = find_citations(text)[0]
    assert first.doc_type == "Nghị định" and first.date == "2020-04-17"


def test_dates_are_not_references():
    assert _numbers("trước ngày 28/02/2026, trong tháng 6/2026, năm 2024/2025") == []


def test_unnumbered_laws():
    assert _numbers("thi hành Luật thi hành án hình sự về tái hòa nhập cộng đồng") == ["Luật thi hành án hình sự"]
    assert _numbers("theo quy định của Luật Ngân sách Nhà nước và các văn bản") == ["Luật Ngân sách Nhà nước"]


def test_alias():
    c = find_citations("Nghị định số 35/2022/NĐ-CP ngày 28/5/2022 của Chính phủ (gọi tắt là Nghị định số 35)")[0]
    assert c.alias and c.alias.startswith("Nghị định số 35")


def test_agency_spellings():
    names = [m.name for m in find_agencies(
        "Cơ quan phối hợp: Công an huyện, phòng Tư pháp, phòng Lao động TB&XH, các cơ quan liên quan và UBND các xã, thị trấn.")]
    assert names == ["Công an huyện", "phòng Tư pháp", "phòng Lao động TB&XH", "UBND các xã, thị trấn"]
    assert [m.name for m in find_agencies("Phòng giao dịch Ngân hàng Chính sách xã hội huyện")] == [
        "Phòng giao dịch Ngân hàng Chính sách xã hội huyện"]
    assert canonical_key("phòng Lao động TB&XH") == canonical_key("Phòng Lao động, Thương binh và Xã hội")
    assert canonical_key("Hoà Bình") == canonical_key("Hòa Bình")


def test_groups_kind_vs_generic():
    assert not is_generic_group("các sở, ban, ngành, đoàn thể tỉnh")
    assert is_generic_group("các cơ quan, đơn vị liên quan")
    assert is_generic_group("các cơ quan, đơn vị, địa phương")
    assert find_agencies("phối hợp với các cơ quan, đơn vị liên quan để") == []


def test_head_of_agency_belongs_to_agency():
    assert strip_head_title("Giám đốc Công an tỉnh") == "Công an tỉnh"
    assert strip_head_title("Chánh Văn phòng UBND tỉnh") == "Văn phòng UBND tỉnh"


def test_deadline_phrasings():
    assert find_deadline("gửi về UBND huyện trước ngày 05/4/2024 để tổng hợp").date == "2024-04-05"
    d = parse_time_cell("Quý I/2026")
    assert (d.date, d.precision) == ("2026-03-31", "quarter")
    d = parse_time_cell("Tháng 12 năm 2025")
    assert (d.date, d.precision) == ("2025-12-31", "month")
    d = parse_time_cell("Hoàn thành trong năm 2025")
    assert (d.date, d.precision) == ("2025-12-31", "year")
    assert parse_time_cell("từ 01/01/2026 đến 31/3/2026").date == "2026-03-31"
    assert parse_time_cell("6 tháng đầu năm 2025").date == "2025-06-30"


def test_not_deadlines():
    assert parse_time_cell("Hằng năm") is None
    assert parse_time_cell("Thường xuyên") is None
    assert parse_time_cell("Giai đoạn 2026-2030") is None
    assert find_deadline("báo cáo trước ngày 15/11 hằng năm") is None
    assert find_deadline("số liệu từ 15/6/2020 đến 14/01/2026") is None


def test_giao_sentence():
    tasks = sentence_tasks("Giao Công an tỉnh chủ trì, phối hợp các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh "
                           "tổ chức Hội nghị tổng kết.", 0, 0, None)
    assert len(tasks) == 1 and tasks[0].leads == ["Công an tỉnh"]
    assert tasks[0].text.startswith("chủ trì, phối hợp")


def test_supports_concrete_only():
    assert find_supports("phối hợp với Sở Nội vụ, Văn phòng Ủy ban nhân dân tỉnh hướng dẫn") == [
        "Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh"]
    assert find_supports("Chủ trì, phối hợp với các cơ quan, ban ngành, đoàn thể, đơn vị liên quan tuyên truyền") == []
    assert find_supports("Đánh giá kết quả phối hợp với Ngân hàng Chính sách xã hội tỉnh") == []


def test_names_holding_stop_words():
    # "tạo", "phát triển" end a name as verbs, but complete "Đào tạo" / "Phát triển nông thôn"
    assert [m.name for m in find_agencies("- Sở Nội vụ, Sở Giáo dục và Đào tạo: Đánh giá công tác")] == [
        "Sở Nội vụ", "Sở Giáo dục và Đào tạo"]
    assert [m.name for m in find_agencies("Sở Nông nghiệp và Phát triển nông thôn chủ trì")] == [
        "Sở Nông nghiệp và Phát triển nông thôn"]
    assert [m.name for m in find_agencies("UBND tỉnh Hưng Yên tổng hợp báo cáo")] == ["UBND tỉnh Hưng Yên"]
    assert [m.name for m in find_agencies("Sở Tư pháp tạo điều kiện")] == ["Sở Tư pháp"]


def test_deadline_of_a_nested_time_item():
    from kehoach.models import Block, BlockKind
    from kehoach.nlp.tasks import extract_tasks

    def item(label, text, level):
        return Block(kind=BlockKind.list_item, label=label, level=level, text=f"{label} {text}")

    blocks = [
        item("2.2.", "Giao Công an tỉnh chủ trì, phối hợp các đơn vị liên quan tham mưu tổ chức Hội nghị tổng kết.", 3),
        item("2.2.1.", "Thành phần Hội nghị: đại diện các sở, ngành.", 4),
        item("2.2.2.", "Thời gian tổ chức: Hoàn thành trước ngày 10/3/2026.", 4),
        item("2.3.", "Giao Sở Tài chính chủ trì bố trí kinh phí.", 3),
        item("2.3.1.", "Nội dung: theo quy định.", 4),
    ]
    tasks = extract_tasks(blocks, 0, len(blocks))
    by_lead = {t.leads[0]: t for t in tasks}
    assert by_lead["Công an tỉnh"].deadline is not None and by_lead["Công an tỉnh"].deadline.date == "2026-03-10"
    assert by_lead["Sở Tài chính"].deadline is None  # the next sibling's children are not its own


def test_closing_article_names_each_body():
    tasks = sentence_tasks("Chánh Văn phòng Ủy ban nhân dân Thành phố, Giám đốc các Sở, Thủ trưởng các cơ quan, đơn vị "
                           "trực thuộc Ủy ban nhân dân Thành phố, Chủ tịch Ủy ban nhân dân phường, xã, đặc khu chịu trách "
                           "nhiệm thi hành Quyết định này.", 0, 0, None)
    assert tasks[0].leads == ["Văn phòng Ủy ban nhân dân Thành phố", "các Sở", "Ủy ban nhân dân phường, xã, đặc khu"]
    assert tasks[0].text == "chịu trách nhiệm thi hành Quyết định này."


def test_supports_are_the_list_after_the_cue_only():
    assert find_supports("phối hợp với Sở Nội vụ, Văn phòng Ủy ban nhân dân tỉnh hướng dẫn, thẩm định và trình Chủ tịch "
                         "Ủy ban nhân dân tỉnh xem xét khen thưởng.") == ["Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh"]
    assert find_supports("Chủ trì, phối hợp với sở, ban, ngành, Ủy ban nhân dân xã, phường tăng cường kiểm tra") == [
        "sở, ban, ngành", "Ủy ban nhân dân xã, phường"]
    assert find_supports("phối hợp với các cơ quan liên quan thực hiện") == []


def test_law_with_its_number_is_one_reference():
    found = find_citations("Căn cứ Luật An ninh mạng số 24/2018/QH14 ngày 12 tháng 6 năm 2018;")
    assert [c.number for c in found] == ["24/2018/QH14"]
    assert _numbers("Căn cứ Luật Bảo vệ môi trường và khoản 16 Điều 1 Luật sửa đổi") [0] == "Luật Bảo vệ môi trường"


def test_names_with_quan_ly_and_cac():
    assert [m.name for m in find_agencies("Ban Quản lý Khu kinh tế và Ban Quản lý các Khu công nghiệp tỉnh chủ trì")] == [
        "Ban Quản lý Khu kinh tế", "Ban Quản lý các Khu công nghiệp tỉnh"]
    assert [m.name for m in find_agencies("Giao phòng Quản lý Công nghiệp triển khai")] == ["phòng Quản lý Công nghiệp"]
    assert [m.name for m in find_agencies("BÁO CÁO KẾT QUẢ THỰC HIỆN")] == []


def test_group_spellings_share_a_key_whatever_the_unit_order():
    assert canonical_key("UBND xã, phường, đặc khu") == canonical_key("Ủy ban nhân dân phường, xã, đặc khu")
    assert canonical_key("UBND xã, phường", ordered=True) != canonical_key("UBND phường, xã", ordered=True)


def test_commune_group_spellings_meet_within_a_plan():
    from kehoach.nlp.agencies import unit_group_spellings

    fuller = unit_group_spellings(["UBND cấp xã", "Ủy ban nhân dân các xã, phường", "Sở Tài chính"])
    assert fuller[canonical_key("UBND cấp xã")] == "Ủy ban nhân dân các xã, phường"
    # two different listings: no guess
    assert unit_group_spellings(["UBND các xã, phường", "UBND các xã, thị trấn"]).get("ủy ban nhân dân xã") is None


def test_duty_that_is_only_cooperation_is_support():
    from kehoach.nlp.tasks import only_cooperates

    assert only_cooperates("phối hợp thực hiện.") and only_cooperates("Chủ động phối hợp thực hiện kế hoạch này.")
    assert not only_cooperates("phối hợp với Sở Y tế tham mưu bố trí kinh phí")


def test_passive_and_request_between_departments():
    tasks = sentence_tasks("Phương tiện cho hoạt động kiểm tra: Xe ô tô 7 chỗ do Văn phòng Sở Công Thương tỉnh Lào Cai "
                           "bô trí.", 0, 0, None)  # OCR dropped a mark: "bô trí"
    assert tasks[0].leads == ["Văn phòng Sở Công Thương tỉnh Lào Cai"]
    assert tasks[0].text == "Xe ô tô 7 chỗ do Văn phòng Sở Công Thương tỉnh Lào Cai bô trí."
    tasks = sentence_tasks("Sở Công Thương đề nghị Sở Giao thông vận tải - Xây dựng nghiên cứu, tổng hợp./.", 0, 0, None)
    assert [(t.leads, t.requested) for t in tasks] == [(["Sở Giao thông vận tải - Xây dựng"], True)]


def test_letter_spaced_number_and_stamped_date():
    from kehoach.models import Block, BlockKind
    from kehoach.nlp.structure import analyse

    blocks = [Block(kind=BlockKind.paragraph, text=t) for t in (
        "ỦY BAN NHÂN DÂN", "TỈNH GIA LAI", "S ố : 3 2 6 / Q Đ - U B N D", "Gia Lai, ngày 2 6 tháng 0 1 năm 2026",
        "QUYẾT ĐỊNH", "Về việc thành lập Hội đồng")]
    lay = analyse(blocks)
    assert lay.number == "326/QĐ-UBND" and lay.date == "2026-01-26"


def test_no_agency_inside_a_capitalised_phrase():
    assert find_agencies("TRIỂN KHAI ĐỒNG BỘ VĂN BẢN QUY PHẠM PHÁP LUẬT, CƠ CHẾ, CHÍNH SÁCH") == []
    assert [m.name for m in find_agencies("SỞ TÀI CHÍNH, SỞ NỘI VỤ")] == ["SỞ TÀI CHÍNH", "SỞ NỘI VỤ"]


def test_table_going_on_without_its_header():
    from kehoach.models import Block, BlockKind, Cell
    from kehoach.nlp.tasks import extract_tasks

    def table(rows):
        return Block(kind=BlockKind.table, text="", rows=[[Cell(text=t, row=r, col=c) for c, t in enumerate(row)]
                                                          for r, row in enumerate(rows)])

    blocks = [table([["TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Thời gian hoàn thành"],
                     ["1", "Rà soát quy chế phối hợp.", "Sở Tư pháp", "Quý IV/2025"]]),
              Block(kind=BlockKind.paragraph, text="(tiếp theo)"),
              table([["2", "Tập huấn cho cán bộ cấp xã.", "Sở Nội vụ", "Năm 2026"]])]
    tasks = extract_tasks(blocks, 0, len(blocks))
    assert [(t.leads, t.deadline.date) for t in tasks] == [(["Sở Tư pháp"], "2025-12-31"), (["Sở Nội vụ"], "2026-12-31")]


def test_head_title_headings_and_semicolon_lists_of_bodies():
    from kehoach.nlp.tasks import _agency_only

    assert _agency_only("Giám đốc Sở Công Thương:") == ["Sở Công Thương"]
    tasks = sentence_tasks("Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Công Thương; Chủ tịch Ủy ban nhân dân "
                           "các xã, phường chịu trách nhiệm thi hành Quyết định này./.", 0, 0, None)
    assert tasks[0].leads == ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Công Thương", "Ủy ban nhân dân các xã, phường"]


def test_agency_extents_from_unseen_kinds_of_text():
    assert names("Đề nghị Tập đoàn Công nghiệp - Viễn thông Quân đội (Viettel) phối hợp") == [
        "Tập đoàn Công nghiệp - Viễn thông Quân đội"]
    assert names("Sở Tài chính - Sở Xây dựng") == ["Sở Tài chính", "Sở Xây dựng"]  # a dash before a new body
    assert names("Ban Quản lý các khu công nghệ cao và khu công nghiệp chủ trì theo dõi") == [
        "Ban Quản lý các khu công nghệ cao và khu công nghiệp"]
    assert names("Trung tâm Phục vụ hành chính công cấp xã tiếp nhận hồ sơ") == [
        "Trung tâm Phục vụ hành chính công cấp xã"]
    assert names("UBND cấp xã tổ chức tuyên truyền") == ["UBND cấp xã"]
    assert names("Ủy ban nhân dân các xã, phường, đặc khu tổ chức thực hiện") == [
        "Ủy ban nhân dân các xã, phường, đặc khu"]


def test_what_is_not_an_agency():
    assert names("BAN HÀNH LĨNH VỰC ĐỊA CHẤT VÀ KHOÁNG SẢN THUỘC PHẠM VI") == []  # a title line
    assert names("CƠ QUAN CHẤP THUẬN") == [] and names("CƠ QUAN CHỦ TRÌ") == []  # form labels
    assert names("theo quy định của Luật Thuế giá trị gia tăng") == []  # a law's field
    assert names("Các thông số quan trắc môi trường") == []
    assert names("SỞ GIÁO DỤC VÀ ĐÀO TẠO") == ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"]  # capitals alone are no reason


def test_names_end_before_people_documents_and_cells():
    assert names("Thủ tướng Chính phủ Trần Hồng Hà, Trưởng Ban") == ["Thủ tướng Chính phủ"]
    assert names("báo cáo UBND tỉnh Kế hoạch này") == ["UBND tỉnh"]
    assert names("Sở Kế hoạch và Đầu tư chủ trì") == ["Sở Kế hoạch và Đầu tư"]
    assert names("Phòng Tài chính - Kế hoạch; Ban Quản lý Dự án 85") == [
        "Phòng Tài chính - Kế hoạch", "Ban Quản lý Dự án 85"]
    assert names("Ủy ban nhân dân huyện Trần Văn Thời") == ["Ủy ban nhân dân huyện Trần Văn Thời"]
    assert names("Trường THPT Trường Giang\t2169710\tSở Y tế") == ["Trường THPT Trường Giang", "Sở Y tế"]  # never across a cell


def test_groups_and_bodies_as_offices_write_them():
    assert names("các Sở, ban, ngành, đoàn thể, địa phương tổ chức") == ["các Sở, ban, ngành, đoàn thể, địa phương"]
    assert names("Các Sở, ban, ngành khác thực hiện") == ["Các Sở, ban, ngành khác"]
    assert names("Các cơ sở nuôi trồng thủy sản thực hiện") == ["Các cơ sở nuôi trồng thủy sản"]
    assert names("các doanh nghiệp tham gia") == ["các doanh nghiệp"]
    assert names("Văn phòng HĐND - UBND cấp xã") == ["Văn phòng HĐND - UBND cấp xã"]
    assert names("Ban Nội chính Tỉnh ủy, Kiểm toán khu vực VII") == ["Ban Nội chính Tỉnh ủy", "Kiểm toán khu vực VII"]
    assert names("Hiệp hội Doanh nghiệp tỉnh, Liên minh Hợp tác xã Tỉnh") == [
        "Hiệp hội Doanh nghiệp tỉnh", "Liên minh Hợp tác xã Tỉnh"]
    assert names("Sở Công Thương thông báo kết quả") == ["Sở Công Thương"]


def test_a_body_and_its_group_addressed_as_one_owner():
    text = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh tuyên truyền"
    assert [m.name for m in find_agencies(text, allow_generic=True)] == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh"]
    # among supporters each is named on its own
    assert len(find_agencies(text)) == 2
    assert [m.name for m in find_agencies("Sở Y tế và các tổ chức chính trị - xã hội", allow_generic=True)] == [
        "Sở Y tế", "các tổ chức chính trị - xã hội"]


def test_a_kind_with_its_name():
    assert [m.name for m in find_agencies("Đề nghị Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng và Ủy ban Kiểm tra Tỉnh ủy",
                                          allow_generic=True)] == [
        "Văn phòng Tỉnh ủy", "các Ban Xây dựng Đảng", "Ủy ban Kiểm tra Tỉnh ủy"]


def test_names_end_at_a_sentence_and_bare_heads_need_a_clause():
    assert names("Thanh tra UBND tỉnh. Đồng thời Sở Y tế") == ["Thanh tra UBND tỉnh", "Sở Y tế"]
    assert names("từ tỉnh đến cơ sở. Triển khai các kênh") == []
    assert names("Sở Y tế thành lập đoàn") == ["Sở Y tế"]
    assert names("Công ty Cổ phần phân lân nung chảy Lào Cai, Thanh tra chuyên đề về công tác") == [
        "Công ty Cổ phần phân lân nung chảy Lào Cai"]  # "Thanh tra chuyên đề" is the activity
    assert names("Công an chủ trì") == ["Công an"]
    assert names("Các cơ sở dữ liệu chuyên ngành nông nghiệp") == []
    assert names("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh chủ trì") == ["Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"]


def test_a_lead_in_names_whom_it_serves_not_owners():
    from kehoach.models import Block, BlockKind
    from kehoach.nlp.tasks import extract_tasks

    blocks = [Block(kind=BlockKind.list_item, text=t, label=l, level=v) for l, v, t in [
        ("2.1.", 3, "2.1. Sở Tài chính"),
        ("a)", 5, "a) Tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân cấp tỉnh quyết định:"),
        ("-", 6, "- Phương án phân bổ vốn kế hoạch đầu tư công trung hạn nguồn hỗ trợ có mục tiêu."),
    ]]
    tasks = extract_tasks(blocks, 0, len(blocks))
    assert tasks and all(t.leads == ["Sở Tài chính"] for t in tasks)


def test_what_follows_and_must_name_a_kind():
    assert names("phối hợp chặt chẽ với các sở, ngành và chính quyền địa phương trong") == ["các sở, ngành"]
    assert names("các sở, ban, ngành, đoàn thể và UBND các xã") == ["các sở, ban, ngành, đoàn thể", "UBND các xã"]
    assert names("các cơ sở giáo dục nghề nghiệp trong và ngoài tỉnh") == [
        "các cơ sở giáo dục nghề nghiệp trong và ngoài tỉnh"]
    assert names("Ngân hàng Nhà nước chi nhánh khu vực 14") == ["Ngân hàng Nhà nước chi nhánh khu vực 14"]
    assert names("phối hợp với Sở Nông Nghiệp và Môi Trường, Sở Nội vụ") == ["Sở Nông Nghiệp và Môi Trường", "Sở Nội vụ"]
    assert names("Trưởng đoàn và các thành viên") == []  # members are people


def test_a_long_head_is_a_whole_name_and_a_time_line_is_a_deadline():
    from kehoach.models import Block, BlockKind
    from kehoach.nlp.tasks import extract_tasks

    assert names("15. Liên đoàn Lao động, Hội Nông dân, Liên minh Hợp tác xã") == [
        "Liên đoàn Lao động", "Hội Nông dân", "Liên minh Hợp tác xã"]
    blocks = [Block(kind=BlockKind.list_item, text="2. Sở Tài chính", label="2.", level=2),
              Block(kind=BlockKind.list_item, text="- Hướng dẫn chỉ tiêu, biểu mẫu kiểm kê tài sản.", label="-", level=3),
              Block(kind=BlockKind.paragraph, text="Thời gian hoàn thành: Tháng 12/2025.")]
    tasks = extract_tasks(blocks, 0, len(blocks))
    assert len(tasks) == 1 and tasks[0].deadline.date == "2025-12-31"


def test_kinds_named_by_an_activity_and_hyphenated_groups():
    assert names("Các cơ sở đào tạo đại học ở các lĩnh vực ngành") == ["Các cơ sở đào tạo đại học"]
    assert names("Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức chính trị-xã hội phát huy mạnh mẽ") == [
        "Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức chính trị-xã hội"]


def test_compounds_a_stop_word_completes_and_units_closing_a_group():
    assert names("Cục Kết cấu hạ tầng xây dựng chủ trì") == ["Cục Kết cấu hạ tầng xây dựng"]
    assert names("Ban Chỉ đạo phòng, chống tội phạm tỉnh") == ["Ban Chỉ đạo phòng, chống tội phạm tỉnh"]
    assert names("Ủy ban nhân dân phường, xã, đặc khu, báo chí") == ["Ủy ban nhân dân phường, xã, đặc khu"]
    assert names("Sở Xây dựng chủ trì, phối hợp") == ["Sở Xây dựng"]


def test_a_force_named_by_its_body():
    assert names("Chủ động phối hợp với Công an, lực lượng Hải quan triển khai") == ["Công an", "lực lượng Hải quan"]
    assert names("các lực lượng chức năng") == []  # names no kind


def test_a_name_broken_in_a_table_cell_keeps_its_field_and_owner():
    # a cell's line broken before "công" / "phủ" leaves the rest of the name in lower case
    assert names("Bộ Khoa học và công nghệ") == ["Bộ Khoa học và Công nghệ"]
    assert names("Ban Cơ yếu Chính phủ, Bộ Công an") == ["Ban Cơ yếu Chính phủ", "Bộ Công an"]
    assert names("Văn phòng Chính phủ") == ["Văn phòng Chính phủ"]
    assert names("ứng dụng khoa học và công nghệ") == []  # prose is no name to mend


def test_initialisms_and_level_lists_stay_in_the_name():
    assert names("Đề nghị Công ty F.D.I căn cứ các quy định") == ["Công ty F.D.I"]
    assert names("đề nghị các Thuế tỉnh, thành phố khẩn trương báo cáo") == ["Thuế tỉnh, thành phố"]
    assert names("UBND tỉnh, Sở Tài chính") == ["UBND tỉnh", "Sở Tài chính"]
    # a separator left out before the next head's title ends the name there
    assert names("Giám đốc Sở Khoa học và Công nghệ Giám đốc Trung tâm Phục vụ hành chính công tỉnh") == [
        "Sở Khoa học và Công nghệ", "Trung tâm Phục vụ hành chính công tỉnh"]
