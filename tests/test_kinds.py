"""Document kinds beyond the Kế hoạch: how each addresses its duties (nlp/addressing.py), on phrasings
written for these tests in the shape of each kind, and phrasings that must not match."""
from kehoach.nlp.addressing import (
    addressed_subject, closing_formula, heading_addressees, is_speech_act, kinds, split_addressees,
)
from kehoach.nlp.tasks import extract_tasks, sentence_tasks

from .blocks import make_blocks as _blocks, owners_of as _owners


def test_every_kind_says_how_it_addresses_duties():
    assert {"Kế hoạch", "Quyết định", "Chỉ thị", "Công điện", "Thông báo", "Công văn"} <= set(kinds())
    assert all(v["addressed_by"] for v in kinds().values())


def test_heads_listed_together_name_their_bodies():
    assert split_addressees("Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân "
                            "dân các tỉnh, thành phố trực thuộc Trung ương") == [
        "các Bộ", "cơ quan ngang Bộ", "cơ quan thuộc Chính phủ",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert split_addressees("Giám đốc Sở, Thủ trưởng cơ quan, ban, ngành tỉnh; Chủ tịch Ủy ban nhân dân xã, phường; "
                            "cơ quan, tổ chức và cá nhân có liên quan") == [
        "Sở", "cơ quan, ban, ngành tỉnh", "Ủy ban nhân dân xã, phường"]


def test_a_kind_and_its_members():
    assert split_addressees("Bộ trưởng các Bộ: Công an, Quốc phòng, Văn hóa, Thể thao và Du lịch; Chủ tịch Ủy ban nhân "
                            "dân các tỉnh, thành phố: Huế, Đà Nẵng, Gia Lai") == [
        "Bộ Công an", "Bộ Quốc phòng", "Bộ Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân thành phố Huế",
        "Ủy ban nhân dân thành phố Đà Nẵng", "Ủy ban nhân dân tỉnh Gia Lai"]  # a centrally-run city is a thành phố
    assert split_addressees("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương: Hà Tĩnh, Huế") == [
        "Ủy ban nhân dân tỉnh Hà Tĩnh", "Ủy ban nhân dân thành phố Huế"]
    # the members end where a group opens
    assert split_addressees("Giám đốc các Sở: Dân tộc và Tôn giáo, Nội vụ và các sở, ban, ngành") == [
        "Sở Dân tộc và Tôn giáo", "Sở Nội vụ", "các sở, ban, ngành"]
    a = addressed_subject("Các Bộ, cơ quan: Tài chính, Ngoại giao, Tập đoàn Điện lực Việt Nam theo chức năng, nhiệm vụ "
                          "được giao khẩn trương rà soát, báo cáo Thủ tướng Chính phủ.")
    assert a and a.names == ["Bộ Tài chính", "Bộ Ngoại giao", "Tập đoàn Điện lực Việt Nam"]


def test_units_of_a_body_name_no_kind_but_public_service_units_do():
    assert split_addressees("Thủ trưởng các cơ quan, đơn vị trực thuộc Ủy ban nhân dân tỉnh; Chủ tịch Ủy ban nhân dân "
                            "các xã") == ["Ủy ban nhân dân các xã"]
    assert split_addressees("Giao người đứng đầu các đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân tỉnh; Chủ "
                            "tịch Ủy ban nhân dân các xã") == [
        "các đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân tỉnh", "Ủy ban nhân dân các xã"]


def test_plain_sentences_are_not_lists_of_heads():
    assert addressed_subject("Sở Tài chính chủ trì, phối hợp với Sở Nội vụ tham mưu bố trí kinh phí.") is None
    assert addressed_subject("Tổ chức tập huấn cho cán bộ; bảo đảm an toàn cho trẻ em.") is None
    assert addressed_subject("Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ xây dựng kế hoạch;") is None
    assert heading_addressees("Giám đốc Sở Y tế chỉ đạo các bệnh viện") is None  # a duty, not a heading


def test_quyet_dinh_closing_article_and_responsibility_articles():
    blocks = _blocks(
        "Điều 14. Trách nhiệm của Sở Khoa học và Công nghệ",
        "1. Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan tham mưu cải tiến Hệ thống.",
        "2. Bảo đảm hạ tầng kỹ thuật hoạt động thông suốt, ổn định.",
        "Điều 15. Trách nhiệm thi hành",
        "Giám đốc Sở, Thủ trưởng cơ quan, ban, ngành tỉnh; Chủ tịch Ủy ban nhân dân xã, phường; các cơ quan, đơn vị và "
        "cá nhân có liên quan chịu trách nhiệm triển khai thực hiện Quy chế này.",
    )
    owners = _owners(extract_tasks(blocks, 0, len(blocks)))
    assert len(owners["Sở Khoa học và Công nghệ"]) == 2
    for body in ("Sở", "cơ quan, ban, ngành tỉnh", "Ủy ban nhân dân xã, phường"):
        assert owners[body] == ["chịu trách nhiệm triển khai thực hiện Quy chế này."]
    assert not any("liên quan" in a for a in owners)


def test_cong_van_issuer_lead_in_owns_nothing():
    blocks = _blocks(
        "Để hoàn thành việc cập nhật cơ sở dữ liệu, Chủ tịch Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:",
        "1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính hướng dẫn các cơ quan cập nhật dữ liệu.",
        "2. Giao người đứng đầu các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh; Chủ tịch Ủy ban nhân dân các xã",
        "- Hoàn thành việc cập nhật lý lịch cán bộ trước ngày 06 tháng 12 năm 2025.",
    )
    tasks = extract_tasks(blocks, 0, len(blocks))
    owners = _owners(tasks)
    assert set(owners) == {"Sở Nội vụ", "các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh", "Ủy ban nhân dân các xã"}
    assert tasks[0].supports == ["Sở Tài chính"]
    assert all(t.deadline and t.deadline.date == "2025-12-06" for t in tasks if "lý lịch" in t.text)
    assert is_speech_act("có ý kiến chỉ đạo như sau:") and is_speech_act("điện:")
    assert not is_speech_act("thông báo cho các chủ đầu tư chuẩn bị hồ sơ.")


def test_chi_thi_lead_in_is_a_duty_of_each_kind_and_items_keep_their_own_owner():
    blocks = _blocks(
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các xã, phường "
        "thực hiện các nội dung sau:",
        "1. Ủy ban nhân dân các xã, phường:",
        "a) Rà soát, niêm yết công khai thủ tục hành chính tại trụ sở.",
        "2. Sở Nội vụ:",
        "a) Kiểm tra việc thực hiện kỷ luật, kỷ cương hành chính.",
    )
    owners = _owners(extract_tasks(blocks, 0, len(blocks)))
    assert owners["các sở, ban, ngành"] == ["thực hiện các nội dung sau:"]
    assert "Rà soát, niêm yết công khai thủ tục hành chính tại trụ sở." in owners["Ủy ban nhân dân các xã, phường"]
    assert owners["Sở Nội vụ"] == ["Kiểm tra việc thực hiện kỷ luật, kỷ cương hành chính."]
    assert "Kiểm tra việc thực hiện kỷ luật, kỷ cương hành chính." not in owners["các sở, ban, ngành"]


def test_cong_dien_items_addressed_by_head_and_name():
    tasks = sentence_tasks("Bộ trưởng các Bộ: Công an, Quốc phòng; Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Huế, "
                           "Đà Nẵng khẩn trương triển khai lực lượng, phương tiện ứng cứu người dân.", 0, 0, None)
    assert tasks and tasks[0].leads == ["Bộ Công an", "Bộ Quốc phòng", "Ủy ban nhân dân thành phố Huế",
                                        "Ủy ban nhân dân thành phố Đà Nẵng"]
    assert tasks[0].text.startswith("khẩn trương triển khai")


def test_thong_bao_closing_formula():
    c = closing_formula("Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh Lai Châu và Bộ Tài chính biết, thực hiện./.")
    assert c and c.names == ["Ủy ban nhân dân tỉnh Lai Châu", "Bộ Tài chính"] and c.duty == "biết, thực hiện."
    assert closing_formula("Sở Công Thương thông báo cho các chủ đầu tư chuẩn bị hồ sơ.") is None
    tasks = sentence_tasks("Về kinh phí: Giao Bộ Tài chính chủ trì, phối hợp với Bộ Y tế nghiên cứu kiến nghị của tỉnh, "
                           "báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 12 năm 2025.", 0, 0, None)
    assert tasks[0].leads == ["Bộ Tài chính"] and tasks[0].supports == ["Bộ Y tế"]
    assert tasks[0].deadline and tasks[0].deadline.date == "2025-12-15"


def test_quyet_dinh_phe_duyet_role_lines():
    blocks = _blocks(
        "3. Cơ quan tổ chức lập: Ủy ban nhân dân thành phố Tam Điệp.",
        "4. Cơ quan phối hợp: Ủy ban nhân dân các huyện: Hoa Lư, Nho Quan và Yên Mô; các sở, ban, ngành liên quan.",
        "5. Cơ quan thẩm định: Sở Xây dựng.",
        "6. Cơ quan phê duyệt: Ủy ban nhân dân tỉnh.",  # approving is the authority's own act
    )
    tasks = extract_tasks(blocks, 0, len(blocks))
    assert [t.leads for t in tasks] == [["Ủy ban nhân dân thành phố Tam Điệp"], ["Sở Xây dựng"]]
    assert tasks[0].supports == ["Ủy ban nhân dân huyện Hoa Lư", "Ủy ban nhân dân huyện Nho Quan",
                                 "Ủy ban nhân dân huyện Yên Mô"]


def test_subject_after_a_topic_or_an_opening_time():
    tasks = sentence_tasks("Dự toán kinh phí: Ủy ban nhân dân thành phố Tam Điệp tổ chức lập, thẩm định dự toán.", 0, 0, None)
    assert tasks and tasks[0].leads == ["Ủy ban nhân dân thành phố Tam Điệp"] and tasks[0].text.startswith("tổ chức lập")
    assert sentence_tasks("Địa điểm: Sở Công Thương tỉnh Lào Cai, số 165 đường Lý Thường Kiệt.", 0, 0, None) == []
    tasks = sentence_tasks("Chậm nhất là 30 ngày, trước ngày khai mạc kỳ họp của HĐND tỉnh, Sở Nội vụ tổng hợp, đánh "
                           "giá kết quả, báo cáo Chủ tịch UBND tỉnh.", 0, 0, None)
    assert tasks and tasks[0].leads == ["Sở Nội vụ"] and tasks[0].text.startswith("tổng hợp, đánh giá")


def test_colon_item_heads_are_names_only():
    blocks = _blocks("+ Các thông số: Độ mặn, pH, oxy hòa tan (DO), Amoni tổng số quan trắc 02 lần/tháng;",
                     "+ Xã Trường Văn: Lấy mẫu 01 vị trí tại vùng nuôi tôm Trường Giang;",
                     "- Sở Tài chính: Căn cứ khả năng cân đối ngân sách, trình cấp có thẩm quyền phê duyệt kinh phí.")
    assert [t.leads for t in extract_tasks(blocks, 0, len(blocks))] == [["Sở Tài chính"]]


def test_lead_in_that_directs_a_body_is_a_duty_and_criteria_are_none():
    blocks = _blocks(
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Thủy sản thực hiện các nội dung sau:",
        "- Lập dự toán kinh phí quan trắc, trình cấp có thẩm quyền phê duyệt.",
        "IV. TIÊU CHÍ THI ĐUA",
        "1. Đối với các sở, ban, ngành",
        "- Hoàn thành vượt mức các chỉ tiêu phát triển kinh tế - xã hội năm 2025.",
    )
    owners = _owners(extract_tasks(blocks, 0, len(blocks)))
    assert owners == {"Sở Nông nghiệp và Môi trường": [
        "chỉ đạo Chi cục Thủy sản thực hiện các nội dung sau:",
        "Lập dự toán kinh phí quan trắc, trình cấp có thẩm quyền phê duyệt."]}


def test_a_lone_head_of_one_body_is_no_list():
    assert addressed_subject("Giám đốc Sở phân công các Phó Giám đốc Sở giúp Giám đốc Sở theo dõi công việc.") is None
    assert addressed_subject("Giám đốc Sở thực hiện đầy đủ nhiệm vụ và quyền hạn được giao.") is None
    assert split_addressees("Chánh Văn phòng UBND tỉnh; Giám đốc, Thủ trưởng các sở, ban, ngành; Chủ tịch Ủy ban "
                            "nhân dân các huyện: Hoa Lư, Nho Quan") == [
        "Văn phòng UBND tỉnh", "các sở, ban, ngành", "Ủy ban nhân dân huyện Hoa Lư", "Ủy ban nhân dân huyện Nho Quan"]


def test_a_head_opening_a_sentence_is_not_a_list_running_to_a_late_cue():
    tasks = sentence_tasks("Chủ tịch Ủy ban nhân dân tỉnh xem xét tặng Bằng khen cho các tập thể có thành tích xuất sắc "
                           "(không quá 10% đối tượng trực tiếp tham gia phong trào).", 0, 0, None)
    assert all(len(a.split()) <= 6 for t in tasks for a in t.leads)


def test_a_central_conclusion_addresses_the_province_as_a_body():
    # a Thông báo kết luận of the Government Office after a meeting with a province
    owners = _owners(sentence_tasks("Trong thời gian tới, Tỉnh tổ chức thực hiện nghiêm túc nhiệm vụ được giao.",
                                    0, 0, None))
    assert owners == {"Tỉnh": ["tổ chức thực hiện nghiêm túc nhiệm vụ được giao."]}
    owners = _owners(sentence_tasks("Tuy nhiên, bên cạnh kết quả đạt được, tỉnh Hà Giang cần tiếp tục có giải pháp "
                                    "quyết liệt để khắc phục hạn chế.", 0, 0, None))
    assert list(owners) == ["tỉnh Hà Giang"]
    # a place after a preposition, in a name, or with no duty's verb after it is no body
    for text in ("Ngân sách bảo đảm kinh phí để thực hiện các nhiệm vụ do Thành phố thực hiện.",
                 "Ủy ban nhân dân tỉnh Hà Giang tổng hợp, báo cáo kết quả.",
                 "Tỉnh Hà Giang có diện tích trên 7.900 km2, rộng thứ 10 cả nước."):
        assert "Thành phố" not in _owners(sentence_tasks(text, 0, 0, None))
        assert "tỉnh Hà Giang" not in _owners(sentence_tasks(text, 0, 0, None))


def test_a_closing_article_lists_its_bodies_across_long_parts_and_titles():
    text = ("Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc các Sở, ngành: Ban Quản lý Khu kinh tế, Tài chính, Xây dựng, "
            "Nông nghiệp và Môi trường, Công Thương, Khoa học và Công nghệ, Văn hóa, Thể thao và Du lịch, Nội vụ, "
            "Công an tỉnh, Thanh tra tỉnh; Trưởng Thuế tỉnh; Chủ tịch UBND xã Tân An và Công ty Cổ phần Thép Tân An "
            "có trách nhiệm thi hành Quyết định này.")
    owners = _owners(sentence_tasks(text, 0, 0, None))
    assert {"Văn phòng Ủy ban nhân dân tỉnh", "Ban Quản lý Khu kinh tế", "Sở Tài chính", "Sở Văn hóa, Thể thao và Du lịch",
            "Thanh tra tỉnh", "Thuế tỉnh", "UBND xã Tân An", "Công ty Cổ phần Thép Tân An"} <= set(owners)
    assert all(v == ["có trách nhiệm thi hành Quyết định này."] for v in owners.values())


def test_a_party_named_by_its_role_heads_its_responsibilities():
    blocks = _blocks("Điều 2. Tổ chức thực hiện", "1. Trách nhiệm của chủ đầu tư",
                     "- Triển khai thực hiện dự án theo đúng tiến độ đã đăng ký.",
                     "2. Trách nhiệm của các Sở, ngành",
                     "- Sở Công Thương có trách nhiệm giám sát thực hiện dự án.")
    owners = _owners(extract_tasks(blocks, 0, len(blocks)))
    assert owners["chủ đầu tư"] == ["Triển khai thực hiện dự án theo đúng tiến độ đã đăng ký."]
    assert "chủ đầu tư" not in _owners(extract_tasks(_blocks("1. Hồ sơ của chủ đầu tư", "- Bản sao giấy phép."), 0, 2))


def test_a_report_telling_what_was_done_gives_no_duty():
    past = "Trong năm 2025, Ủy ban nhân dân tỉnh cấp phép khai thác khoáng sản đối với 12 mỏ đất san lấp."
    assert sentence_tasks(past, 0, 0, None, year=2026) == []
    assert sentence_tasks("Thời gian qua, Sở Công Thương kiểm tra 15 cơ sở kinh doanh xăng dầu.", 0, 0, None) == []
    # the same opening about the document's own year, or a year ahead, is a plan
    assert _owners(sentence_tasks(past, 0, 0, None, year=2025)) == {
        "Ủy ban nhân dân tỉnh": ["cấp phép khai thác khoáng sản đối với 12 mỏ đất san lấp."]}
    assert sentence_tasks("Trong năm 2027, Sở Xây dựng hoàn thành quy hoạch vùng huyện.", 0, 0, None, year=2026)


def test_an_award_plans_quotas_are_no_duties():
    blocks = _blocks("2. Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "a) Các sở, ban, ngành cấp tỉnh:",
                     "- Ban Chỉ đạo bầu cử của tỉnh: Không quá 05 cá nhân;",
                     "- Ban bầu cử đại biểu Quốc hội: 01 cá nhân/01 ban;",
                     "- Tổng hợp danh sách đề nghị khen thưởng, gửi Sở Nội vụ trước ngày 15/6/2026.")
    assert [t.text for t in extract_tasks(blocks, 0, len(blocks))] == [
        "Tổng hợp danh sách đề nghị khen thưởng, gửi Sở Nội vụ trước ngày 15/6/2026."]


def test_an_unnumbered_lead_in_heads_the_numbered_items_of_its_section():
    blocks = _blocks("II. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI",
                     "Để đạt mục tiêu tăng trưởng năm 2026, tỉnh Hà Giang cần tiếp tục thực hiện quyết liệt các chủ "
                     "trương của Đảng, trong đó lưu ý tập trung thực hiện một số nội dung trọng tâm sau:",
                     "1. Rà soát các chỉ tiêu phát triển kinh tế - xã hội được giao từ đầu năm.",
                     "2. Đẩy mạnh giải ngân vốn đầu tư công.",
                     "III. KIẾN NGHỊ CỦA TỈNH",
                     "1. Về đề nghị hỗ trợ vốn: Giao Bộ Tài chính nghiên cứu kiến nghị của tỉnh.")
    owners = _owners(extract_tasks(blocks, 0, len(blocks), year=2026))
    assert owners["tỉnh Hà Giang"][1:] == ["Rà soát các chỉ tiêu phát triển kinh tế - xã hội được giao từ đầu năm.",
                                          "Đẩy mạnh giải ngân vốn đầu tư công."]
    assert owners["Bộ Tài chính"] == ["nghiên cứu kiến nghị của tỉnh."]


def test_a_frames_role_line_names_the_owner_before_phoi_hop_and_supporters_after():
    blocks = _blocks("1. Tổ chức Tháng hành động vì bình đẳng giới",
                     "- Nội dung: Triển khai Tháng hành động và hưởng ứng Ngày Quốc tế xóa bỏ bạo lực.",
                     "- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành Thành phố, "
                     "Ủy ban nhân dân phường, xã và các đơn vị có liên quan.")
    tasks = extract_tasks(blocks, 0, len(blocks))
    assert [(t.leads, t.supports) for t in tasks] == [
        (["Sở Nội vụ"], ["các sở, ban, ngành Thành phố", "Ủy ban nhân dân phường, xã"])]


def test_a_closing_article_names_bodies_by_their_heads_titles():
    owners = _owners(sentence_tasks(
        "Chánh Văn phòng Sở, Trưởng phòng Quản lý công nghiệp, các tổ chức cá nhân có liên quan và các ông/bà "
        "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.", 0, 0, None))
    assert owners == {"Văn phòng Sở": ["chịu trách nhiệm thi hành Quyết định này."],
                      "Phòng Quản lý công nghiệp": ["chịu trách nhiệm thi hành Quyết định này."]}
    owners = _owners(sentence_tasks(
        "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thường trực Hội đồng nhân dân huyện Yên Khánh, "
        "Ủy ban nhân dân huyện Yên Khánh; các tổ chức, cá nhân có liên quan và ông Nguyễn Văn An chịu trách nhiệm "
        "thi hành Quyết định này.", 0, 0, None))
    assert list(owners) == ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Nội vụ",
                            "Thường trực Hội đồng nhân dân huyện Yên Khánh", "Ủy ban nhân dân huyện Yên Khánh"]


def test_a_passive_is_the_duty_only_when_it_is_the_predicate():
    assert _owners(sentence_tasks("Phương tiện: Xe ô tô 7 chỗ do Văn phòng Sở bố trí.", 0, 0, None)) == {
        "Văn phòng Sở": ["Xe ô tô 7 chỗ do Văn phòng Sở bố trí."]}
    assert "Bộ Khoa học và Công nghệ" not in _owners(sentence_tasks(
        "Triển khai Nền tảng phân tích dữ liệu do Bộ Khoa học và Công nghệ cung cấp.", 0, 0, None))


def test_a_cong_dien_opens_its_body_after_the_addressees_and_each_item_names_its_owner():
    from kehoach.nlp.structure import analyse

    blocks = _blocks("THỦ TƯỚNG CHÍNH PHỦ", "Số: 99/CĐ-TTg", "Hà Nội, ngày 21 tháng 11 năm 2025", "CÔNG ĐIỆN",
                     "VỀ VIỆC ỨNG PHÓ MƯA LŨ", "THỦ TƯỚNG CHÍNH PHỦ điện:", "- Bộ trưởng các Bộ:",
                     "Quốc phòng, Công an, Tài chính.",
                     "Chính phủ đã ban hành nhiều văn bản chỉ đạo ứng phó mưa lũ. Để hỗ trợ Nhân dân khắc phục hậu quả "
                     "thiên tai, ổn định đời sống sau mưa lũ, Thủ tướng Chính phủ yêu cầu các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ nêu trên tập trung "
                     "thực hiện ngay các nhiệm vụ sau:",
                     "1. Bộ Tài chính chủ trì, phối hợp với các Bộ, cơ quan liên quan:",
                     "a) Rà soát các mặt hàng dự trữ quốc gia.",
                     "2. Bộ Quốc phòng, Bộ Công an theo chức năng, nhiệm vụ, thẩm quyền chủ trì, phối hợp với các Bộ, "
                     "cơ quan liên quan và các địa phương bị ảnh hưởng bởi mưa lũ:",  # > 20 words, its a) follow
                     "a) Huy động lực lượng, phương tiện tham gia vận chuyển hàng dự trữ.")
    lay = analyse(blocks)
    assert lay.body_start == 8
    owners = _owners(extract_tasks(blocks, lay.body_start, len(blocks), year=2025))
    assert owners["các Bộ"] == owners["cơ quan ngang Bộ"] == ["tập trung thực hiện ngay các nhiệm vụ sau:"]
    assert owners["Bộ Tài chính"] == ["Rà soát các mặt hàng dự trữ quốc gia."]
    assert owners["Bộ Quốc phòng"] == owners["Bộ Công an"] == [
        "Huy động lực lượng, phương tiện tham gia vận chuyển hàng dự trữ."]


def test_an_assignment_told_in_the_past_is_no_duty():
    assert sentence_tasks("Trong đó đã giao Sở Nông nghiệp và Môi trường tăng cường quản lý khoáng sản.", 0, 0, None) == []
    assert _owners(sentence_tasks("Giao Sở Nông nghiệp và Môi trường tăng cường quản lý khoáng sản.", 0, 0, None)) == {
        "Sở Nông nghiệp và Môi trường": ["tăng cường quản lý khoáng sản."]}


def test_central_bodies_listed_by_kind_each_own_the_duty():
    owners = _owners(sentence_tasks(
        "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương "
        "theo chức năng, nhiệm vụ được giao có trách nhiệm triển khai Nghị quyết.", 0, 0, None))
    assert list(owners) == ["Các Bộ", "cơ quan ngang Bộ", "cơ quan thuộc Chính phủ",
                            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert _owners(sentence_tasks("Các Bộ, ngành và địa phương khẩn trương rà soát, báo cáo Thủ tướng Chính phủ.",
                                  0, 0, None)) == {"Các Bộ, ngành": ["khẩn trương rà soát, báo cáo Thủ tướng Chính phủ."]}
    owners = _owners(sentence_tasks("Đề nghị Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam tăng cường giám sát việc "
                                    "thực hiện.", 0, 0, None))
    assert list(owners) == ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]


def test_a_description_or_a_bare_label_is_no_duty():
    assert sentence_tasks("Các doanh nghiệp thứ cấp đang hoạt động trong khu công nghiệp.", 0, 0, None) == []
    from kehoach.models import Block, BlockKind, Cell
    grid = [["Nội dung", "Cơ quan chủ trì"], ["3.1", "Các hội"], ["Tổ chức hội thảo", "Các hội"]]
    table = Block(kind=BlockKind.table, text="\n".join("\t".join(r) for r in grid),
                  rows=[[Cell(text=c, row=i, col=j) for j, c in enumerate(r)] for i, r in enumerate(grid)])
    assert [t.text for t in extract_tasks([table], 0, 1)] == ["Tổ chức hội thảo"]


def test_units_listed_after_their_kind_each_own_the_duty():
    [t] = sentence_tasks("Giao Ủy ban nhân dân các xã: Tả Phìn, Sà Phìn và phường Sa Pa chủ trì kiểm tra, rà soát các "
                         "công trình.", 0, 0, None)
    assert t.leads == ["Ủy ban nhân dân xã Tả Phìn", "Ủy ban nhân dân xã Sà Phìn", "Ủy ban nhân dân phường Sa Pa"]
    owners = _owners(extract_tasks(_blocks("4. Ủy ban nhân dân các xã: Tả Phìn, Sà Phìn, Bản Hồ",
                                           "- Tổ chức tuyên truyền cho người dân về an toàn hồ đập."), 0, 2))
    assert sorted(owners) == ["Ủy ban nhân dân xã Bản Hồ", "Ủy ban nhân dân xã Sà Phìn", "Ủy ban nhân dân xã Tả Phìn"]
