"""Each shape of duty (nlp/duties/) on its own: phrasings in the shape of the corpus's documents that must give the
duty and its owner, and phrasings that must give none."""
from kehoach.models import Block, BlockKind, Cell
from kehoach.nlp.duties.common import find_supports, only_cooperates, strip_label
from kehoach.nlp.duties.frames import role_value
from kehoach.nlp.duties.headings import agency_only, heading_cue, name_left_open, request_lead_in
from kehoach.nlp.duties.items import colon_item
from kehoach.nlp.duties.sections import skips_duties
from kehoach.nlp.duties.tables import table_header, team_of
from kehoach.nlp.tasks import extract_tasks, sentence_tasks

from .blocks import leads_by_text, make_blocks, owners_of


def _tasks(*texts: str, team: str | None = None, year: int | None = None):
    blocks = make_blocks(*texts)
    return extract_tasks(blocks, 0, len(blocks), team, year)


def _sentence(text: str, year: int | None = None):
    return [(t.leads, t.text, t.cue) for t in sentence_tasks(text, 0, 0, None, year=year)]


def _table(*rows: tuple[str, ...]) -> Block:
    cells = [[Cell(text=c, row=r, col=k) for k, c in enumerate(row)] for r, row in enumerate(rows)]
    return Block(kind=BlockKind.table, text="\n".join("\t".join(r) for r in rows), rows=cells)


# common: a block's text, supporters


def test_a_label_is_stripped_and_its_offset_kept():
    block = make_blocks("2.1. Sở Tài chính")[0]
    assert strip_label(block) == ("Sở Tài chính", 5)
    assert strip_label(make_blocks("Sở Tài chính chủ trì.")[0]) == ("Sở Tài chính chủ trì.", 0)


def test_supporters_are_the_bodies_named_after_phoi_hop():
    assert find_supports("chủ trì, phối hợp với Sở Nội vụ, Sở Tư pháp rà soát quy chế") == ["Sở Nội vụ", "Sở Tư pháp"]
    assert find_supports("phối hợp với các cơ quan, đơn vị liên quan thực hiện") == []  # a group names none
    assert find_supports("Báo cáo kết quả phối hợp với Sở Y tế trong năm 2025") == []  # what is reported on
    assert only_cooperates("Phối hợp thực hiện.") and not only_cooperates("phối hợp với Sở Y tế kiểm tra các chợ")


# sentences


def test_a_sentence_with_an_agency_subject_is_its_duty():
    assert _sentence("Sở Tài chính chủ trì, phối hợp với Sở Nội vụ tham mưu bố trí kinh phí thực hiện Kế hoạch.") == [
        (["Sở Tài chính"], "chủ trì, phối hợp với Sở Nội vụ tham mưu bố trí kinh phí thực hiện Kế hoạch.",
         "responsibility")]
    assert _sentence("Dự toán kinh phí: UBND thành phố Lào Cai tổ chức lập dự toán, trình thẩm định.") == [
        (["UBND thành phố Lào Cai"], "tổ chức lập dự toán, trình thẩm định.", "subject")]


def test_a_request_belongs_to_whom_it_asks():
    tasks = sentence_tasks("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp tuyên truyền, vận động Nhân dân "
                           "tham gia.", 0, 0, None)
    assert [(t.leads, t.requested, t.cue) for t in tasks] == [(["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"], True, "trigger")]
    assert _sentence("Sở Công Thương đề nghị Sở Xây dựng nghiên cứu, tổng hợp ý kiến.") == [
        (["Sở Xây dựng"], "nghiên cứu, tổng hợp ý kiến.", "trigger")]  # the department asking owns nothing


def test_closing_article_closing_formula_and_passive():
    assert _sentence("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định "
                     "này.") == [(["Văn phòng Ủy ban nhân dân tỉnh", "Sở Nội vụ"],
                                  "chịu trách nhiệm thi hành Quyết định này.", "execution")]
    assert _sentence("Ủy ban nhân dân tỉnh thông báo để Sở Tài chính và Sở Nội vụ biết, thực hiện./.") == [
        (["Sở Tài chính", "Sở Nội vụ"], "biết, thực hiện.", "closing")]
    assert _sentence("Xe ô tô 7 chỗ do Văn phòng Sở Công Thương bố trí.") == [
        (["Văn phòng Sở Công Thương"], "Xe ô tô 7 chỗ do Văn phòng Sở Công Thương bố trí.", "passive")]


def test_sentences_that_give_no_duty():
    assert _sentence("Trong đó đã giao Sở Tài chính rà soát kinh phí thực hiện.") == []  # a report of what was given
    assert _sentence("Chủ tịch Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:") == []  # the issuer speaking
    assert _sentence("Trong năm 2024, Sở Y tế đã tổ chức 12 lớp tập huấn cho cán bộ y tế cơ sở.", year=2025) == []
    assert _sentence("Triển khai Nền tảng hóa đơn điện tử do Bộ Tài chính cung cấp.") == []  # someone else's duty
    assert _sentence("Công ty Cổ phần Môi trường (Gói thầu số 16 thuộc dự án xử lý rác thải).") == []
    assert _sentence("Sở Tài chính được giao quản lý nguồn kinh phí này.") == []
    assert _sentence("Địa điểm: Sở Tư pháp, địa chỉ số 5 đường Trần Phú.") == []  # a place after a topic


# agency headings and lead-ins


def test_what_names_nothing_but_bodies_is_an_agency_heading():
    assert agency_only("Công an huyện") == ["Công an huyện"]
    assert agency_only("Trách nhiệm của Sở Khoa học và Công nghệ") == ["Sở Khoa học và Công nghệ"]
    assert agency_only("Sở Tài chính (cơ quan chủ trì)") == ["Sở Tài chính"]
    assert agency_only("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo") == ["Sở Tài chính"]
    assert agency_only("Trách nhiệm của chủ đầu tư") == ["chủ đầu tư"]  # a party named by its role
    assert heading_cue("Giao Sở Y tế:") == "trigger" and heading_cue("Trách nhiệm của Sở Y tế") == "responsibility"
    assert heading_cue("Sở Y tế") == "heading"


def test_what_is_no_agency_heading():
    assert agency_only("Chuyển Trường Đại học Y Dược về trực thuộc Ủy ban nhân dân tỉnh") is None  # an act
    assert agency_only("Tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh quyết định:") is None
    assert agency_only("Giao các cơ quan, đơn vị:") is None  # names no kind
    assert agency_only("Sở Y tế tổ chức tập huấn cho cán bộ y tế cấp xã") is None  # a sentence


def test_an_agency_headings_lines_are_its_duties_until_the_next_heading():
    tasks = _tasks("1. Công an huyện", "- Tăng cường công tác tuyên truyền phòng, chống ma túy trên địa bàn.",
                   "- Đơn vị phối hợp: Phòng Văn hóa - Thông tin huyện.",
                   "2. Trung tâm Y tế huyện", "- Tổ chức khám sàng lọc cho người nghiện ma túy.",
                   "Trên đây là Kế hoạch triển khai công tác phòng, chống ma túy năm 2025.")
    assert owners_of(tasks) == {
        "Công an huyện": ["Tăng cường công tác tuyên truyền phòng, chống ma túy trên địa bàn."],
        "Trung tâm Y tế huyện": ["Tổ chức khám sàng lọc cho người nghiện ma túy."]}
    assert tasks[0].supports == ["Phòng Văn hóa - Thông tin huyện"] and tasks[0].source == "heading"


def test_a_headings_people_quotas_and_time_line_are_no_duties():
    tasks = _tasks("2. Sở Tài chính", "- Ông Nguyễn Văn An, Phó Giám đốc Sở Tài chính.",
                   "- Ban Thi đua - Khen thưởng: Không quá 05 cá nhân.",
                   "- Hướng dẫn chỉ tiêu, biểu mẫu kiểm kê tài sản công.", "Thời gian hoàn thành: Tháng 12/2025.")
    assert [(t.leads, t.text, t.deadline.date) for t in tasks] == [
        (["Sở Tài chính"], "Hướng dẫn chỉ tiêu, biểu mẫu kiểm kê tài sản công.", "2025-12-31")]


def test_a_lead_in_heads_the_items_after_it():
    tasks = _tasks("Giao phòng Kinh tế triển khai, thực hiện các công việc liên quan:",
                   "a) Rà soát danh mục dự án đầu tư công năm 2026.", "b) Tham mưu phân bổ vốn cho các dự án.")
    assert owners_of(tasks) == {"phòng Kinh tế": ["Rà soát danh mục dự án đầu tư công năm 2026.",
                                                  "Tham mưu phân bổ vốn cho các dự án."]}
    # a lead-in with its own verb and object is a duty too
    tasks = _tasks("Sở Công Thương chỉ đạo Chi cục Quản lý thị trường thực hiện các nội dung sau:",
                   "a) Kiểm tra các cơ sở kinh doanh xăng dầu trên địa bàn.")
    assert [t.text for t in tasks] == ["chỉ đạo Chi cục Quản lý thị trường thực hiện các nội dung sau:",
                                       "Kiểm tra các cơ sở kinh doanh xăng dầu trên địa bàn."]


def test_an_item_naming_its_own_owner_ends_the_lead_ins_items():
    tasks = _tasks("Sở Công Thương yêu cầu Chi cục Quản lý thị trường thực hiện một số nội dung sau:",
                   "1. Kiểm tra các cơ sở kinh doanh xăng dầu.", "2. Sở Y tế chủ trì kiểm tra an toàn thực phẩm tại các chợ.",
                   "3. Báo cáo kết quả trước ngày 15/12/2025.")
    by_text = leads_by_text(tasks)
    assert by_text["Kiểm tra các cơ sở kinh doanh xăng dầu."] == {"Chi cục Quản lý thị trường"}
    assert by_text["chủ trì kiểm tra an toàn thực phẩm tại các chợ."] == {"Sở Y tế"}
    assert "Báo cáo kết quả trước ngày 15/12/2025." not in by_text  # no longer the Chi cục's


def test_a_letters_request_heads_its_items():
    assert request_lead_in("Để triển khai kịp thời, Ủy ban nhân dân tỉnh Lào Cai trân trọng đề nghị Bộ Xây dựng:") == (
        ["Bộ Xây dựng"], True)
    assert request_lead_in("Ủy ban nhân dân tỉnh báo cáo và đề nghị Bộ Xây dựng nội dung như sau:") is None  # contents
    tasks = _tasks("Để triển khai kịp thời, Ủy ban nhân dân tỉnh Lào Cai trân trọng đề nghị Bộ Xây dựng:",
                   "(i) Hướng dẫn việc xác định giá vật liệu xây dựng.",
                   "(ii) Bổ sung định mức dự toán cho công trình thủy lợi.")
    assert [(t.leads, t.requested) for t in tasks] == [(["Bộ Xây dựng"], True)] * 2


def test_a_name_broken_at_a_block_end_is_left_open():
    assert name_left_open("Chánh Văn phòng UBND tỉnh; Giám đốc Sở")
    assert not name_left_open("Sở Lao động - Thương binh và Xã hội")  # a whole name
    assert not name_left_open("giám đốc sở")  # a head opens its name in a capital


# colon items


def test_the_bodies_before_the_colon_own_the_text_after_it():
    assert colon_item("Sở Nội vụ, Sở Giáo dục và Đào tạo: Đánh giá công tác phối hợp trong năm học.") == (
        ["Sở Nội vụ", "Sở Giáo dục và Đào tạo"], "Đánh giá công tác phối hợp trong năm học.", False)
    assert colon_item("Ủy ban MTTQ Việt Nam tỉnh và tổ chức thành viên: Tuyên truyền, vận động Nhân dân.") == (
        ["Ủy ban MTTQ Việt Nam tỉnh và tổ chức thành viên"], "Tuyên truyền, vận động Nhân dân.", False)
    # in a team's document a member's item is the team's; elsewhere a person owns nothing
    member = "Ông Nguyễn Văn An - Trưởng đoàn: Chỉ đạo chung hoạt động của Đoàn."
    assert colon_item(member, "Đoàn kiểm tra") == (["Đoàn kiểm tra"], "Chỉ đạo chung hoạt động của Đoàn.", False)
    assert colon_item(member) is None


def test_what_stands_before_a_colon_but_owns_nothing():
    assert colon_item("Các thông số quan trắc: pH, COD, BOD5, tổng Nitơ.") is None
    assert colon_item("Thời gian thực hiện: Quý IV/2025.") is None  # a frame's line
    assert colon_item("Đơn vị chủ trì: Sở Y tế.") is None  # a role line
    assert colon_item("Các Bộ, cơ quan: Tài chính, Xây dựng khẩn trương rà soát, báo cáo.") is None  # members


def test_colon_items_in_a_list():
    tasks = _tasks("- Sở Tài chính: Tham mưu bố trí kinh phí thực hiện Kế hoạch.",
                   "- Giao Sở Y tế: Tổ chức khám sàng lọc cho học sinh.",
                   "- Các thông số quan trắc: pH, COD, BOD5, tổng Nitơ.")
    assert [(t.leads, t.cue, t.source) for t in tasks] == [(["Sở Tài chính"], "item", "bullet"),
                                                          (["Sở Y tế"], "trigger", "bullet")]


# task frames and role lines


def test_a_task_frame_with_its_role_and_time_lines():
    tasks = _tasks("a) Nhiệm vụ: Tham mưu UBND Thành phố phối hợp với Bộ Công an rà soát, hoàn thiện Chiến lược dữ "
                   "liệu thành phố Hà Nội đến năm 2030.", "b) Cơ quan thực hiện:",
                   "- Đơn vị chủ trì: Sở Khoa học và Công nghệ.", "- Đơn vị phối hợp: Công an Thành phố, Sở Tài chính.",
                   "c) Thời gian thực hiện: Hoàn thành trong năm 2025.")
    assert len(tasks) == 1
    t = tasks[0]
    assert (t.leads, t.source, t.deadline.date) == (["Sở Khoa học và Công nghệ"], "frame", "2025-12-31")
    assert t.text.startswith("Tham mưu UBND Thành phố") and t.supports == ["Công an Thành phố", "Sở Tài chính", "Bộ Công an"]


def test_a_frames_bullets_are_a_duty_each_and_a_frame_with_no_owner_none():
    tasks = _tasks("a) Nhiệm vụ:", "- Xây dựng cơ sở dữ liệu về đất đai.",
                   "- Kết nối cơ sở dữ liệu đất đai với Cổng dịch vụ công.",
                   "b) Đơn vị chủ trì: Sở Nông nghiệp và Môi trường.")
    assert owners_of(tasks) == {"Sở Nông nghiệp và Môi trường": [
        "Xây dựng cơ sở dữ liệu về đất đai.", "Kết nối cơ sở dữ liệu đất đai với Cổng dịch vụ công."]}
    assert _tasks("a) Nhiệm vụ: Xây dựng cơ sở dữ liệu về đất đai của thành phố.",
                  "b) Thời gian thực hiện: Quý IV/2025.") == []


def test_role_values_lead_before_phoi_hop_and_support_after_it():
    assert role_value("Sở Tài chính chủ trì, phối hợp với Sở Nội vụ, Sở Tư pháp") == (
        ["Sở Tài chính"], ["Sở Nội vụ", "Sở Tư pháp"])
    assert role_value("phối hợp với Sở Y tế") == ([], [])  # names no owner


def test_role_lines_after_the_bullets_they_own():
    tasks = _tasks("- Xây dựng cơ sở dữ liệu về đất đai của thành phố.",
                   "- Kết nối cơ sở dữ liệu đất đai với Cổng dịch vụ công.",
                   "Đơn vị chủ trì: Sở Nông nghiệp và Môi trường.", "Đơn vị phối hợp: Sở Tài chính, Sở Tư pháp.",
                   "Thời gian: Quý IV/2025.")
    assert [(t.leads, t.supports, t.deadline.date) for t in tasks] == [
        (["Sở Nông nghiệp và Môi trường"], ["Sở Tài chính", "Sở Tư pháp"], "2025-12-31")] * 2
    # the bullets alone name no owner; a supporters' line alone owns nothing
    assert _tasks("- Xây dựng cơ sở dữ liệu về đất đai của thành phố.",
                  "- Kết nối cơ sở dữ liệu đất đai với Cổng dịch vụ công.") == []
    assert _tasks("- Đơn vị phối hợp: Sở Tài chính, Sở Tư pháp.") == []


def test_a_line_naming_a_role_alone():
    tasks = _tasks("Cơ quan tổ chức lập: UBND thành phố Lào Cai.", "Cơ quan phối hợp: Sở Xây dựng, Sở Tài chính.")
    assert [(t.leads, t.supports, t.cue) for t in tasks] == [
        (["UBND thành phố Lào Cai"], ["Sở Xây dựng", "Sở Tài chính"], "role")]


# assignment tables


def test_an_assignment_tables_rows_are_duties():
    header = ("TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành")
    assert table_header(_table(header).rows) == (0, {"task": 1, "lead": 2, "support": 3, "time": 4})
    blocks = [_table(header,
                     ("1", "Rà soát quy chế phối hợp liên ngành.", "Sở Tư pháp", "Sở Nội vụ", "Quý IV/2025"),
                     ("2", "Tập huấn nghiệp vụ cho cán bộ cấp xã.",
                      "Công an Thành phố chủ trì phối hợp với Bộ Tư lệnh Thủ đô", "", "Năm 2026"),
                     ("3", "Kiểm tra việc thực hiện.", "Các sở, ngành\nSở Khoa học và Công nghệ", "", ""))]
    tasks = extract_tasks(blocks, 0, 1)
    assert [(t.leads, t.supports, t.row) for t in tasks] == [
        (["Sở Tư pháp"], ["Sở Nội vụ"], 1), (["Công an Thành phố"], ["Bộ Tư lệnh Thủ đô"], 2),
        (["Các sở, ngành", "Sở Khoa học và Công nghệ"], [], 3)]  # each line of a lead cell another body
    assert [t.deadline.date for t in tasks[:2]] == ["2025-12-31", "2026-12-31"]


def test_rows_and_tables_that_give_no_duty():
    assert table_header(_table(("TT", "Nội dung", "Kết quả", "Ghi chú")).rows) is None  # no lead column
    blocks = [_table(("TT", "Nội dung thực hiện", "Cơ quan chủ trì"),
                     ("1", "Tổng kết, đánh giá.", "Hằng năm"),  # a lead cell naming no agency
                     ("3.1", "3.1", "Sở Y tế"))]  # a label, nothing to do
    assert extract_tasks(blocks, 0, 1) == []


def test_people_in_a_table_stand_for_the_team_it_is_about():
    assert team_of("PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC") == "Tổ công tác"
    assert team_of("PHÂN CÔNG NHIỆM VỤ CỦA ĐOÀN KIÊM TRA") == "Đoàn kiểm tra"  # as OCR spells it
    assert team_of("KẾ HOẠCH TUYÊN TRUYỀN") is None
    table = _table(("TT", "Nhiệm vụ", "Người thực hiện"), ("1", "Kiểm tra hồ sơ của doanh nghiệp.", "Nguyễn Văn An; Trần Thị Bình"))
    blocks = make_blocks("PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC") + [table]
    assert [t.leads for t in extract_tasks(blocks, 0, 2)] == [["Tổ công tác"]]
    assert extract_tasks([table], 0, 1) == []  # no team above it: people own nothing


# deadlines of nested time items, sections with no duties, topics


def test_a_time_item_dates_the_duty_it_is_nested_under_only():
    tasks = _tasks("2.2. Giao Công an tỉnh chủ trì tổ chức Hội nghị tổng kết công tác phòng cháy.",
                   "2.3. Giao Sở Tài chính bố trí kinh phí tổ chức Hội nghị.", "2.3.1. Thời gian: trước ngày 10/3/2026.")
    assert [(t.leads, t.deadline and t.deadline.date) for t in tasks] == [
        (["Công an tỉnh"], None), (["Sở Tài chính"], "2026-03-10")]


def test_sections_of_aims_and_criteria_state_no_duties():
    assert skips_duties("MỤC ĐÍCH, YÊU CẦU", 1) and skips_duties("Tiêu chí thi đua", 2)
    assert not skips_duties("NHIỆM VỤ VÀ GIẢI PHÁP", 1) and not skips_duties("Yêu cầu", 2)
    tasks = _tasks("I. MỤC ĐÍCH, YÊU CẦU", "Sở Y tế tổ chức tập huấn cho cán bộ y tế cấp xã.",
                   "II. TỔ CHỨC THỰC HIỆN", "Sở Y tế tổ chức tập huấn cho cán bộ y tế cấp xã.")
    assert [(t.leads, t.section) for t in tasks] == [(["Sở Y tế"], "TỔ CHỨC THỰC HIỆN")]
    assert _tasks("2. Tiêu chí thi đua", "a) Sở Y tế hoàn thành 100% chỉ tiêu tiêm chủng.") == []


def test_a_topic_is_no_duty():
    assert _tasks("1. Về chính sách, thủ tục hành chính", "2. Sở Tư pháp: Về công tác phổ biến pháp luật") == []


def test_a_post_inside_a_committee_heads_the_committees_duties():
    from kehoach.nlp.posts import committee_of, post_heading

    assert post_heading("Trưởng Ban Chỉ đạo").committee == "Ban Chỉ đạo"
    assert post_heading("Phó Trưởng ban Thường trực Ban Chỉ đạo").committee == "Ban Chỉ đạo"
    assert post_heading("Các Ủy viên Ban bầu cử").committee == "Ban bầu cử"
    assert post_heading("Trưởng Tiểu ban Tuyên truyền").committee == "Tiểu ban Tuyên truyền"
    assert post_heading("Phó Trưởng ban thường trực").committee is None  # the committee comes from its section
    assert post_heading("Thành viên là lãnh đạo các sở") is None
    assert committee_of("Nhiệm vụ của thành viên Ban Chỉ đạo") == "Ban Chỉ đạo"
    tasks = extract_tasks(make_blocks(
        "1. Nhiệm vụ của thành viên Ban Chỉ đạo", "1.1. Trưởng ban",
        "- Phụ trách chung, trực tiếp điều hành, chỉ đạo việc tổng kiểm kê tài sản.",
        "1.2. Sở Tài chính", "- Tổng hợp kết quả kiểm kê, báo cáo Bộ Tài chính trước ngày 31/5/2026."), 0, 5)
    assert owners_of(tasks) == {
        "Ban Chỉ đạo": ["Phụ trách chung, trực tiếp điều hành, chỉ đạo việc tổng kiểm kê tài sản."],
        "Sở Tài chính": ["Tổng hợp kết quả kiểm kê, báo cáo Bộ Tài chính trước ngày 31/5/2026."]}


def test_being_answerable_for_what_one_submitted_is_no_duty():
    assert sentence_tasks("Bộ Giáo dục và Đào tạo chịu trách nhiệm về nội dung báo cáo và đề xuất tại Tờ trình số "
                          "1930/TTr-BGDĐT.", 0, 0, None) == []
    [t] = sentence_tasks("Sở Tài chính chịu trách nhiệm hướng dẫn thực hiện.", 0, 0, None)
    assert t.leads == ["Sở Tài chính"]


def test_units_of_a_body_are_no_kind_but_bodies_of_the_government_are():
    from kehoach.nlp.agencies import is_generic_group
    from kehoach.nlp.addressing import split_addressees

    assert is_generic_group("các đơn vị thuộc Bộ Tài chính")
    assert is_generic_group("các cơ quan, đơn vị thuộc, trực thuộc Bộ Nội vụ")
    assert not is_generic_group("cơ quan thuộc Chính phủ")
    assert split_addressees("Chánh Văn phòng UBND tỉnh; Giám đốc: Trung tâm Công báo - Tin học tỉnh, Trung tâm Phục vụ "
                            "hành chính công tỉnh") == ["Văn phòng UBND tỉnh", "Trung tâm Công báo - Tin học tỉnh",
                                                       "Trung tâm Phục vụ hành chính công tỉnh"]


def test_a_colon_item_ending_in_a_lead_in_heads_the_items_under_it():
    tasks = extract_tasks(make_blocks(
        "2. Các sở, ban, ngành, địa phương: Là các đơn vị được lấy ý kiến thẩm định, chịu trách nhiệm các nội dung sau:",
        "2.1. Trách nhiệm chung", "a) Đánh giá sự phù hợp của dự án đầu tư với quy hoạch tỉnh.",
        "3. Sở Tài chính", "- Tổng hợp ý kiến thẩm định."), 0, 5)
    owners = owners_of(tasks)
    assert owners["Các sở, ban, ngành, địa phương"][-1] == "Đánh giá sự phù hợp của dự án đầu tư với quy hoạch tỉnh."
    assert owners["Sở Tài chính"] == ["Tổng hợp ý kiến thẩm định."]


def test_a_report_asked_for_is_the_duty_its_contents_are_not():
    tasks = extract_tasks(make_blocks(
        "1. Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa chỉ đạo cơ quan chức năng rà soát, tổng hợp báo cáo cụ thể về "
        "một số nội dung sau:", "a) Số hộ dân có nhà bị sập cần phải xây dựng lại.",
        "b) Tổng kinh phí cần thiết hỗ trợ Nhân dân sửa chữa nhà cửa."), 0, 3)
    assert sorted(owners_of(tasks)) == ["Ủy ban nhân dân tỉnh Khánh Hòa", "Ủy ban nhân dân tỉnh Đắk Lắk"]
    assert all(t.text.startswith("chỉ đạo") for t in tasks)


def test_a_name_whose_fields_run_on_in_lower_case_and_an_unlabelled_heading():
    assert agency_only("Trung tâm Xúc tiến đầu tư, thương mại và du lịch") == [
        "Trung tâm Xúc tiến đầu tư, thương mại và du lịch"]
    assert agency_only("Sở Tài chính, chủ trì và phối hợp") is None
    assert agency_only("Các thị trường Tây Á, Nam Á") is None  # markets, no bodies
    tasks = extract_tasks(make_blocks("Liên minh Hợp tác xã tỉnh, Hội nông dân tỉnh, Hiệp hội doanh nghiệp tỉnh",
                                      "- Đẩy mạnh tập huấn mô hình sản xuất tiên tiến cho hội viên."), 0, 2)
    assert sorted(owners_of(tasks)) == ["Hiệp hội doanh nghiệp tỉnh", "Hội nông dân tỉnh", "Liên minh Hợp tác xã tỉnh"]


def test_a_line_naming_only_roles_heads_its_own_paragraphs():
    # "1. Sở X chủ trì, phối hợp với Y (Z)" with or without its colon: the duty is the paragraph under it, Y supports
    # it, and the item numbered on after it is not X's
    tasks = _tasks("1. Sở Tài chính chủ trì, phối hợp với Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh)",
                   "Rà soát, xây dựng quy trình nội bộ giải quyết thủ tục hành chính.",
                   "2. Sở Y tế niêm yết công khai thủ tục hành chính tại đơn vị.")
    assert owners_of(tasks) == {"Sở Tài chính": ["Rà soát, xây dựng quy trình nội bộ giải quyết thủ tục hành chính."],
                                "Sở Y tế": ["niêm yết công khai thủ tục hành chính tại đơn vị."]}
    assert tasks[0].supports == ["Văn phòng UBND tỉnh"]
    # a lead-in with its own verb and object stays a duty
    tasks = _tasks("1. Sở Tài chính chủ trì tổ chức các hoạt động sau:", "a) Hội nghị tập huấn cho cán bộ cấp xã.")
    assert "chủ trì tổ chức các hoạt động sau:" in [t.text for t in tasks]


def test_thanks_are_no_duty():
    tasks = _tasks("Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                   "Đề nghị Ủy ban nhân dân các tỉnh gửi báo cáo trước ngày 22/11/2025.",
                   "Bộ Tài chính trân trọng cảm ơn sự phối hợp của Quý Ủy ban.")
    assert not any("cảm ơn" in t.text for t in tasks)
