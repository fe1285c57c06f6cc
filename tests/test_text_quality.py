from kehoach.extract.normalize import clean, fold_diacritics, match_form, repair_legacy
from kehoach.extract.syllables import is_syllable, measure


def test_well_formed_syllables():
    for w in ["nghiêng", "Nguyễn", "quyết", "giữa", "khuya", "thuở", "gì", "KẾ", "HOẠCH", "ương", "oái"]:
        assert is_syllable(w), w


def test_malformed_syllables():
    for w in ["CH", "hoµ", "nghÜa", "xyz", "ááa", "tr", "qw", "ViÖt"]:
        assert not is_syllable(w), w


def test_mojibake_and_split_glyphs_score_low():
    assert measure("6Ӣ C‘NG 7+ѬѪ1* (cid:54)(cid:1250) (cid:55) (cid:43)").validity < 0.3
    assert measure("K Ế HO Ạ CH tri ể n khai th ự c hi ệ n").validity < 0.7
    assert measure("Kế hoạch triển khai thực hiện Nghị định của Chính phủ").validity == 1.0


def test_abbreviations_are_not_judged():
    q = measure("UBND HĐND NHCSXH Kế hoạch")
    assert q.words == 2 and q.validity == 1.0


def test_lost_diacritics_detected():
    q = measure("UY BAN NHAN DAN TINH cong hoa xa hoi chu nghia viet nam doc lap tu do hanh phuc so ke hoach trien khai")
    assert q.looks_broken()


def test_clean_fixes_lookalikes_and_invisible_characters():
    assert clean("Ðồng\u200bNai\u00a0x") == "ĐồngNai x"
    # decomposed tone marks (as in some DOCX) become NFC
    assert clean("Trie\u0302\u0309n") == "Triển"


def test_match_form_tone_placement_only_in_open_syllables():
    assert match_form("Hoà bình, thuỷ lợi, hoàng hôn, Quý") == "hòa bình, thủy lợi, hoàng hôn, quý"
    assert fold_diacritics("Ngân hàng Chính sách xã hội vay vốn") == "ngan hang chinh sach xa hoi vay von"


def test_tcvn3_converted_good_text_untouched():
    text, enc = repair_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam, §éc lËp - Tù do - H¹nh phóc")
    assert enc == "TCVN3" and text.startswith("Cộng hoà xã hội chủ nghĩa Việt Nam")
    good = "Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc; µ ¸ ¶"
    assert repair_legacy(good) == (good, None)
