"""References back to agencies already named (nlp/coreference.py) and the name extents they rely on,
on phrasings written for these tests in the shape of inspection notices and Công văn, and phrasings
that must not be read as references."""
from kehoach.nlp.agencies import find_agencies
from kehoach.nlp.coreference import back_references
from kehoach.nlp.tasks import extract_tasks

from .blocks import leads_by_text as _owners, make_blocks as _blocks


def test_inspected_units_listed_then_referred_back_own_the_items():
    blocks = _blocks(
        "1. Kết quả kiểm tra",
        "Qua kiểm tra của các đơn vị: Công ty cổ phần Xây lắp điện Hà Giang (Gói thầu số 2: đường nối xã An Phú); "
        "Tổng công ty Cơ khí Trường Thành (Gói thầu số 5); Công ty TNHH Minh Long cho thấy các đơn vị cơ bản "
        "đã chấp hành quy định.",
        "2. Kiến nghị",
        "Sở Công Thương yêu cầu đơn vị nêu trên thực hiện một số nội dung sau:",
        "- Đề nghị Công ty rà soát phương án nổ mìn trước khi thi công.",
        "- Bố trí đủ lực lượng bảo vệ kho vật liệu nổ công nghiệp.",
    )
    owners = _owners(extract_tasks(blocks, 0, len(blocks)))
    units = {"Công ty cổ phần Xây lắp điện Hà Giang", "Tổng công ty Cơ khí Trường Thành", "Công ty TNHH Minh Long"}
    assert owners["thực hiện một số nội dung sau:"] == units
    assert owners["Bố trí đủ lực lượng bảo vệ kho vật liệu nổ công nghiệp."] == units
    assert all(units == o for o in owners.values()), owners  # the bracketed works are no duties


def test_a_company_addressed_by_kinh_gui_is_the_company_asked():
    blocks = _blocks("Kính gửi: Công ty cổ phần Thủy điện Nậm Xây",
                     "Sở Công Thương nhận được văn bản của Công ty về việc nghiệm thu kho.",
                     "Đề nghị Công ty chuẩn bị hồ sơ nghiệm thu trước ngày 15/6/2026.")
    tasks = extract_tasks(blocks, 1, len(blocks))
    assert [(t.text, t.leads) for t in tasks] == [
        ("chuẩn bị hồ sơ nghiệm thu trước ngày 15/6/2026.", ["Công ty cổ phần Thủy điện Nậm Xây"])]


def test_what_is_no_back_reference():
    sent = "Chủ đầu tư dự án hạ tầng khu công nghiệp san lấp mặt bằng."
    assert back_references(sent, find_agencies(sent)) == []  # a kind of party named by its project
    sent = "Công ty cổ phần Xây dựng Sông Đà thi công."
    assert back_references(sent, find_agencies(sent)) == []  # a name, not a reference
    sent = "Các đơn vị trên địa bàn tỉnh thực hiện."
    assert back_references(sent, find_agencies(sent)) == []  # "trên địa bàn" is a place
    # nothing named before: a reference resolves to nothing and owns nothing
    blocks = _blocks("Đề nghị Công ty chuẩn bị hồ sơ nghiệm thu trước ngày 15/6/2026.")
    assert all(not t.leads for t in extract_tasks(blocks, 0, 1))


def test_names_go_on_over_nouns_that_open_with_a_stop_word_and_over_syllables_of_heads():
    names = [m.name for m in find_agencies("Công ty cổ phần Xây dựng giao thông Yên Bái và Tổng công ty "
                                           "Xây dựng Trường Sơn thi công.")]
    assert names == ["Công ty cổ phần Xây dựng giao thông Yên Bái", "Tổng công ty Xây dựng Trường Sơn"]
    assert [m.name for m in find_agencies("Trường Sơn là dãy núi.")] == []
    assert [m.name for m in find_agencies("Trường Đại học Tây Bắc phối hợp.")] == ["Trường Đại học Tây Bắc"]
    assert [m.name for m in find_agencies("giao Sở Tài chính thẩm định")] == ["Sở Tài chính"]
    assert [m.name for m in find_agencies("UBND tỉnh giao nhiệm vụ cho Sở Xây dựng")] == ["UBND tỉnh", "Sở Xây dựng"]
    # never inside a word: "Đại diện" is one
    assert [m.name for m in find_agencies("phối hợp với Ban Đại diện cha mẹ học sinh thường xuyên nhắc nhở")] == [
        "Ban Đại diện"]


def test_underthesea_tells_a_noun_from_a_verb_and_a_preposition():
    from kehoach.nlp.words import one_noun, splits_a_word

    assert splits_a_word("Ban Đại", "diện cha") and not splits_a_word("Tây Bắc", "phối hợp")
    assert one_noun("giao thông") and one_noun("trình độ")
    assert not one_noun("giao nhiệm") and not one_noun("về việc") and not one_noun("thực hiện")


def test_a_group_of_affiliated_bodies_keeps_its_last_word():
    names = [m.name for m in find_agencies("Đề nghị các tổ chức chính trị - xã hội trực thuộc:", allow_generic=True)]
    assert names == ["các tổ chức chính trị - xã hội trực thuộc"]
    names = [m.name for m in find_agencies("các sở, ban, ngành trực thuộc UBND tỉnh", allow_generic=True)]
    assert "các sở, ban, ngành trực thuộc" not in names  # whose bodies: the name after it says


def test_prose_without_a_verb_is_no_duty_but_a_table_cell_may_be():
    from kehoach.nlp.words import lacks_verb

    assert lacks_verb("Gia Thuận, Tân Điền, Gò Công Đông, Tân Phú Đông") and lacks_verb("Lưu: VT, CN.")
    assert not lacks_verb("Tổ chức tập huấn cho cán bộ cấp xã.") and not lacks_verb("Rà soát quy hoạch.")
    blocks = _blocks("1. Sở Y tế", "- mỹ phẩm, thực phẩm chức năng.",
                     "- Kiểm tra các cơ sở điều trị Methadone trên địa bàn thành phố.")
    assert [t.text for t in extract_tasks(blocks, 0, 3)] == [
        "Kiểm tra các cơ sở điều trị Methadone trên địa bàn thành phố."]


def test_a_group_of_schools_keeps_its_kinds():
    assert [m.name for m in find_agencies("Phối hợp các sở, ngành, trường đại học, cao đẳng xây dựng chương trình",
                                          allow_generic=True)] == ["các sở, ngành, trường đại học, cao đẳng"]
    assert [m.name for m in find_agencies("các sở, ngành nâng cao năng lực", allow_generic=True)] == ["các sở, ngành"]


def test_a_role_after_a_dash_is_not_part_of_the_name():
    assert [m.name for m in find_agencies("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo")] == ["Sở Tài chính"]
    assert [m.name for m in find_agencies("Tập đoàn Công nghiệp - Viễn thông Quân đội thực hiện")] == [
        "Tập đoàn Công nghiệp - Viễn thông Quân đội"]
    blocks = _blocks("1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo", "- Tổng hợp kết quả kiểm kê tài sản công.")
    assert [(t.leads, t.text) for t in extract_tasks(blocks, 0, 2)] == [
        (["Sở Tài chính"], "Tổng hợp kết quả kiểm kê tài sản công.")]


def test_a_cong_van_honorific_refers_to_its_addressees():
    blocks = _blocks("Kính gửi:", "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương;", "- Bộ Công an.",
                     "Bộ Nông nghiệp và Môi trường đề nghị Quý Ủy ban chỉ đạo các cơ quan chức năng tăng cường kiểm "
                     "tra dịch bệnh trên đàn gia súc.")
    owners = _owners(extract_tasks(blocks, 3, len(blocks), year=2025))
    assert owners == {"chỉ đạo các cơ quan chức năng tăng cường kiểm tra dịch bệnh trên đàn gia súc.":
                      {"Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"}}
    # "quý" is also a quarter
    sent = "Hoàn thành trong quý IV năm 2025."
    assert back_references(sent, find_agencies(sent)) == []
