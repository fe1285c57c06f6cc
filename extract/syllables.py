"""Vietnamese syllable well-formedness: the text-quality measure.

A written Vietnamese syllable is onset + rhyme with at most one tone mark.
The share of words that are well-formed syllables tells good text from a
broken text layer ("6Ӣ C‘NG 7+ѬѪ1*"), a wrong legacy decoding ("Céng hoµ")
or split glyph runs ("K Ế HO Ạ CH"). All-caps tokens that are not syllables are
abbreviations (UBND, HĐND) and are left out; tokens with digits too, except when
they also carry non-Latin letters (glyph-id mojibake).

The same measure is the test oracle for the readers.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng

ONSETS = (
    "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x"
).split()

# Rhymes without tone (vần), by nucleus.
RHYMES = set(
    """
    a ai ao au ay ac ach am an ang anh ap at
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e eo ec em en eng ep et
    ê êch êm ên ênh êp êt êu
    i ia iu ich im in inh ip it
    iêc iêm iên iêng iêp iêt iêu
    yê yêm yên yêng yêt yêu y
    o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
    oe oen oeo oet oc oi om on ong op ot ooc oong
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uân uâng uât uây uê uêch uênh uơ uy uya uych uyên uyêt uynh uyt uyu uyn
    uc ui um un ung up ut uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
    """.split()
)

_WORD = re.compile(r"\S+")
_STRIP = "\"'“”‘’()[]{}<>.,;:!?…*_|/\\-–—=+#%&@^~`«»·•"
_LATIN_LETTERS = re.compile(r"[a-zA-ZđĐ]")


@lru_cache(maxsize=65536)
def strip_tone(syllable: str) -> tuple[str, int]:
    """The syllable without its tone mark, and how many tone marks it had."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = sum(1 for ch in decomposed if ch in TONE_MARKS)
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", base), tones


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True when ``word`` (letters only) is a well-formed Vietnamese syllable."""
    base, tones = strip_tone(word.lower())
    if tones > 1 or not base:
        return False
    if base in RHYMES:
        return True
    for onset in ONSETS:
        if base.startswith(onset):
            rest = base[len(onset):]
            if rest in RHYMES:
                return True
            if onset == "gi" and ("i" + rest) in RHYMES:  # gì, gìn
                return True
    return False


def _is_vietnamese_letter(ch: str) -> bool:
    if not ch.isalpha():
        return False
    base = unicodedata.normalize("NFD", ch)[0]
    return "a" <= base.lower() <= "z" or ch in "đĐ"


@dataclass(frozen=True)
class TextQuality:
    words: int  # words that were judged
    valid: int
    marked: int  # judged words carrying a diacritic (tone, vowel mark or đ)

    @property
    def validity(self) -> float:
        return self.valid / self.words if self.words else 1.0

    @property
    def diacritic_share(self) -> float:
        return self.marked / self.words if self.words else 1.0

    def looks_broken(self, *, min_words: int = 20, min_validity: float = 0.85,
                     min_diacritics: float = 0.25) -> bool:
        """Too few syllables are well formed, or the diacritics were lost."""
        if self.words < min_words:
            return False
        return self.validity < min_validity or self.diacritic_share < min_diacritics


def measure(text: str) -> TextQuality:
    words = valid = marked = 0
    for raw in _WORD.findall(text):
        if raw.startswith("(cid:"):
            words += 1
            continue
        token = raw.strip(_STRIP)
        if not token:
            continue
        foreign = any(ch.isalpha() and not _is_vietnamese_letter(ch) for ch in token)
        if foreign:  # Cyrillic / Greek letters in Vietnamese text: mojibake
            words += 1
            continue
        if any(ch.isdigit() for ch in token) or not token.isalpha():
            continue
        if not _LATIN_LETTERS.search(unicodedata.normalize("NFD", token)):
            continue
        ok = is_syllable(token)
        if not ok and token.isupper():
            continue  # abbreviation: UBND, HĐND, KH-UBND parts
        words += 1
        valid += ok
        if "đ" in token.lower() or unicodedata.normalize("NFD", token) != token:
            marked += 1
    return TextQuality(words, valid, marked)


def validity(text: str) -> float:
    """Share of judged words that are well-formed Vietnamese syllables."""
    return measure(text).validity
