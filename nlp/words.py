"""Vietnamese words, from underthesea's CRF word segmentation and POS tagger (both ship inside its
wheel; nothing is downloaded). Syllables are what the text shows; words are what decide where a name
ends: "giao" is the verb "to assign" that ends "UBND tỉnh" in "UBND tỉnh giao Sở …", but the first
syllable of the noun "giao thông" inside "Công ty cổ phần Xây dựng giao thông Yên Bái"."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

_NOUN_TAGS = frozenset({"N", "Np", "Nc", "Nu"})


@lru_cache(maxsize=1)
def _tagger() -> Callable[[str], list[tuple[str, str]]]:
    from underthesea import pos_tag  # imported on first use: loading its models costs ~0.3 s

    return pos_tag


@lru_cache(maxsize=65536)
def one_noun(phrase: str) -> bool:
    """``phrase`` (lower case syllables) is one word, and a noun: "giao thông", "trình độ", not "giao nhiệm"."""
    tagged = _tagger()(phrase)
    return len(tagged) == 1 and tagged[0][1] in _NOUN_TAGS


_VERB_TAGS = frozenset({"V", "Vb", "Vy"})
_SHORT = 25  # words; a longer text without any verb the tagger sees is rarer than a tagger's slip


@lru_cache(maxsize=65536)
def lacks_verb(text: str) -> bool:
    """A short ``text`` in which underthesea's tagger finds no verb: a name or a list ("Gia Thuận, Tân
    Điền, Gò Công Đông", "Lưu: VT, CN."), not something to do."""
    if len(text.split()) > _SHORT:
        return False
    return not any(tag in _VERB_TAGS for _, tag in _tagger()(text))


@lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]]:
    from underthesea import word_tokenize

    return word_tokenize


@lru_cache(maxsize=65536)
def splits_a_word(left: str, right: str) -> bool:
    """Read in context, the boundary between ``left`` and ``right`` (a few syllables each) falls inside a
    word: "Ban Đại" | "diện cha mẹ" does ("Đại diện"), "Tây Bắc" | "phối hợp" does not."""
    text = f"{left} {right}"
    cut = len(left)
    pos = 0
    for token in _segmenter()(text):
        at = text.find(token, pos)
        if at < 0:
            return False
        if at < cut < at + len(token):
            return True
        pos = at + len(token)
    return False


@lru_cache(maxsize=65536)
def verb_after(syllables: tuple[str, ...], index: int) -> int | None:
    """Where the word right after the one holding syllable ``index`` starts, when underthesea tags it as a verb
    reading the syllables in context ("Vụ Pháp chế đưa nội dung …", 1 → 3: "đưa"); else None."""
    at = 0
    tagged = _tagger()(" ".join(syllables))
    for (token, tag), (_, next_tag) in zip(tagged, tagged[1:]):
        at += len(token.split())
        if at > index:  # the name's own word must read as a noun, else the tagger has misread the name
            return at if tag in _NOUN_TAGS and next_tag in _VERB_TAGS else None
    return None
