"""The learned agency recogniser: its training examples, its features, how the duty grammar asks it,
and the error a user gets when the model is not built."""
from pathlib import Path

import pytest

from kehoach.nlp import ner
from kehoach.nlp.agencies import find_agencies
from kehoach.nlp.ner_data import examples, gold_names, locate, tokens, vocab_features


def _texts(text, spans):
    return [text[a:b] for a, b in spans]


def test_gold_names_located_on_word_boundaries_whatever_the_case_and_spacing():
    text = "Giao Sở Tư  pháp chủ trì; phối hợp với CÔNG AN TỈNH và UBND tỉnh Hoà Bình. Sở Tư pháp-xã"
    found = _texts(text, locate(text, ["Sở Tư pháp", "Công an tỉnh", "UBND tỉnh Hòa Bình", "UBND tỉnh"]))
    assert found == ["Sở Tư  pháp", "CÔNG AN TỈNH", "UBND tỉnh Hoà Bình", "Sở Tư pháp"]


def test_a_name_inside_a_longer_name_is_not_that_name():
    text = "Văn phòng UBND tỉnh tổng hợp, báo cáo UBND tỉnh; Giám đốc Sở Nội vụ chỉ đạo"
    assert _texts(text, locate(text, ["UBND tỉnh", "Sở Nội vụ"])) == ["UBND tỉnh", "Sở Nội vụ"]
    # the first 'UBND tỉnh' continues 'Văn phòng'; after a head's title the body is named
    assert locate(text, ["UBND tỉnh"])[0][0] == text.index("báo cáo UBND") + len("báo cáo ")


def test_examples_keep_some_blocks_without_agencies():
    blocks = ["Sở Y tế chủ trì.", "Mục đích, yêu cầu", "Tuyên truyền sâu rộng", "Nội dung", "Sở Y tế phối hợp."]
    exs = examples(blocks, {"Sở Y tế"}, keep_empty_every=3)
    assert [e.text for e in exs] == ["Sở Y tế chủ trì.", "Nội dung", "Sở Y tế phối hợp."]
    assert exs[0].spans == [(0, 7)]
    assert gold_names({"assignments": [{"agency": "Sở Y tế"}, {"agency": "Công an tỉnh", "role": "support"}]}) == {
        "Sở Y tế", "Công an tỉnh"}


def test_vocabulary_classes_are_features():
    words = [t for t, _, _ in tokens("Giao Sở Tư pháp chủ trì, phối hợp với Công an tỉnh")]
    feats = dict(zip(words, vocab_features(words)))
    assert feats["Sở"] == "B-HEAD" and feats["Công"] == "B-HEAD" and feats["an"] == "I-HEAD"
    assert feats["chủ"] == "B-STOP" and feats["tỉnh"] == "B-LEVEL"


class _Fixed(ner.AgencyRecognizer):
    """A recogniser whose answers are given: tests the modes without a trained model."""

    def __init__(self, marks: list[str], mode: str) -> None:
        self.mode, self.marks = mode, marks

    def spans(self, text):
        return [(text.index(m), text.index(m) + len(m)) for m in self.marks if m in text]


SENTENCE = "Giao Sở Tài chính chủ trì, phối hợp với Phòng Họp trực tuyến và các sở, ban, ngành liên quan."


def test_modes_of_the_recogniser():
    rules = [m.name for m in find_agencies(SENTENCE, allow_generic=True)]
    assert "Sở Tài chính" in rules
    with ner.using(_Fixed(["Sở Tài chính"], "model")):
        assert [m.name for m in find_agencies(SENTENCE)] == ["Sở Tài chính"]
    with ner.using(_Fixed(["Sở Tài chính", "các sở, ban, ngành liên quan"], "model")):
        # a group naming no concrete kind is kept only where the grammar asks for generic groups
        assert [m.name for m in find_agencies(SENTENCE)] == ["Sở Tài chính"]
        assert [m.name for m in find_agencies(SENTENCE, allow_generic=True)][-1] == "các sở, ban, ngành liên quan"
    with ner.using(_Fixed([], "filter")):
        kept = [m.name for m in find_agencies(SENTENCE, allow_generic=True)]
        assert "Sở Tài chính" not in kept and all(m in rules for m in kept)
    assert ner.active() is None  # the context is left as it was


def test_a_missing_model_names_the_command_that_builds_it(tmp_path: Path):
    with pytest.raises(ner.ModelMissing) as err:
        ner.AgencyRecognizer.load(tmp_path / "nowhere")
    assert "scripts/train_agency_ner.py" in str(err.value)
