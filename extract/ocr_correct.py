"""OCR text corrected by a Vietnamese syllable language model.

tesseract gets the letters of Vietnamese right far more often than their marks: "quyên hạn",
"Điêu 5", "UBND TĨNH LÀO CAI". Every OCR'd syllable is compared with the other syllables that
have the same base letters (the diacritic variants: â/ă/a, ê/e, ô/ơ/o, ư/u, đ/d and the five
tones), scored by a syllable bigram model counted from legal Vietnamese
(``scripts/build_syllable_lm.py`` → ``data/syllable_lm.npz``). The best path through a phrase is
found by Viterbi; a syllable is changed only where that path beats the OCR'd reading by a clear
margin (``min_margin`` nats), so numbers, abbreviations, names the model does not know and
correct text stay as they are. Only the OCR path calls this: text from a good text layer is
never touched.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalize import clean, match_form
from .syllables import is_syllable
from ..models.text import fold

LM_PATH = Path(__file__).resolve().parent / "data" / "syllable_lm.npz"
BOS, EOS, NUM, UNK = "<s>", "</s>", "<n>", "<u>"

# a token is a run of letters/digits; anything else between tokens ends a phrase, except plain spaces
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]+|\s+")
_DISCOUNT = 0.75
_FLOOR = 1e-7  # probability of a syllable the model has never seen after anything


@lru_cache(maxsize=262144)
def token_key(token: str) -> str:
    """What the model counts: a syllable key (lower case, new tone placement), a number, or unknown."""
    if any(ch.isdigit() for ch in token):
        return NUM
    if not is_syllable(token):
        return UNK
    return match_form(token)


def phrase_tokens(line: str) -> list[list[str]]:
    """Model tokens of one line, cut into phrases at punctuation."""
    phrases: list[list[str]] = [[]]
    for m in _TOKEN.finditer(clean(line)):
        piece = m.group(0)
        if piece.isspace():
            continue
        if piece[0].isalnum():
            phrases[-1].append(token_key(piece))
        elif phrases[-1]:
            phrases.append([])
    return [p for p in phrases if p]


class SyllableLM:
    """Interpolated Kneser-Ney-style syllable bigrams over the committed counts."""

    def __init__(self, path: Path = LM_PATH) -> None:
        import numpy as np

        data = np.load(path)
        self.vocab: list[str] = str(data["vocab"]).split("\n")
        self.index = {s: i for i, s in enumerate(self.vocab)}
        keys = data["bi_keys"].astype(np.int64)
        counts = data["bi_counts"].astype(np.int64)
        left = keys >> 16
        n = len(self.vocab)
        self.left_total = np.bincount(left, weights=counts, minlength=n).tolist()
        self.left_types = np.bincount(left, minlength=n).tolist()
        cont = data["cont"].astype(np.float64)
        self.p_cont = ((cont + 0.5) / (cont.sum() + 0.5 * n)).tolist()
        self.pairs = dict(zip(keys.tolist(), counts.tolist()))
        self.by_fold: dict[str, list[str]] = {}
        for s in self.vocab:
            if not s.startswith("<"):
                self.by_fold.setdefault(fold(s), []).append(s)

    def logp(self, prev: str | None, word: str) -> float:
        """log P(word | prev); ``prev`` None: no left context (a line start)."""
        w = self.index.get(word)
        if w is None:
            return math.log(_FLOOR)
        pc = self.p_cont[w]
        if prev is None:
            return math.log(pc)
        a = self.index.get(prev)
        if a is None or not self.left_total[a]:
            return math.log(pc)
        total = self.left_total[a]
        c = self.pairs.get((a << 16) | w, 0)
        p = max(c - _DISCOUNT, 0.0) / total + _DISCOUNT * self.left_types[a] / total * pc
        return math.log(p + _FLOOR)

    def variants(self, key: str) -> list[str]:
        return self.by_fold.get(fold(key), [])


@lru_cache(maxsize=1)
def model() -> SyllableLM | None:
    """The committed model, loaded once; None when the table is missing (correction is skipped)."""
    return SyllableLM() if LM_PATH.exists() else None


@dataclass
class _Slot:
    start: int  # offset of the token in the line
    token: str
    key: str
    options: list[str]  # candidate keys; the first is the OCR'd reading (unless forced)
    editable: bool
    forced: bool = False  # the OCR'd reading is no syllable: one of the options replaces it


def _with_case(template: str, key: str) -> str:
    if template.isupper() and len(template) > 1:
        return key.upper()
    if template[0].isupper():
        return key[0].upper() + key[1:]
    return key


def _slots(line: str, lm: SyllableLM) -> list[tuple[list[_Slot], bool, bool]]:
    """Phrases of a line: (slots, opened by punctuation, closed by punctuation). A line's own
    start and end are not phrase edges: OCR lines wrap inside sentences."""
    phrases: list[list[_Slot]] = [[]]
    closed: list[bool] = []
    for m in _TOKEN.finditer(line):
        piece = m.group(0)
        if piece.isspace():
            continue
        if not piece[0].isalnum():
            if phrases[-1]:
                closed.append(True)
                phrases.append([])
            continue
        key = token_key(piece)
        editable = len(piece) > 1 and piece.isalpha() and not (piece.isupper() and key == UNK)
        options = [key]
        if editable:
            options += [v for v in lm.variants(piece.lower()) if v != key]
        forced = editable and key == UNK and len(options) > 1
        if forced:
            # not a syllable, yet its letters are one with other marks ("Luu" → "Lưu"): the OCR'd
            # reading is no Vietnamese word, so it is not among the choices
            options = options[1:]
        phrases[-1].append(_Slot(m.start(), piece, key, options, editable and len(options) > 1 or forced, forced))
    closed.append(False)
    return [(p, k > 0, c) for k, (p, c) in enumerate(zip(phrases, closed)) if p]


def _best_path(phrase: list[_Slot], lm: SyllableLM, bos: bool, eos: bool) -> list[str]:
    """Viterbi over the candidates of one phrase."""
    start: str | None = BOS if bos else None
    scores = {o: lm.logp(start, o) for o in phrase[0].options}
    back: list[dict[str, str]] = []
    for slot in phrase[1:]:
        new, ptr = {}, {}
        for o in slot.options:
            prev, s = max(((p, sc + lm.logp(p, o)) for p, sc in scores.items()), key=lambda t: t[1])
            new[o], ptr[o] = s, prev
        scores = new
        back.append(ptr)
    last = max(scores, key=lambda o: scores[o] + (lm.logp(o, EOS) if eos else 0.0))
    path = [last]
    for ptr in reversed(back):
        path.append(ptr[path[-1]])
    return path[::-1]


def _span_score(lm: SyllableLM, seq: list[str], i: int, j: int, bos: bool, eos: bool) -> float:
    """Log-probability of the transitions into, inside and out of seq[i..j]."""
    total = 0.0
    for k in range(i, j + 1):
        prev = seq[k - 1] if k else (BOS if bos else None)
        total += lm.logp(prev, seq[k])
    if j + 1 < len(seq):
        total += lm.logp(seq[j], seq[j + 1])
    elif eos:
        total += lm.logp(seq[j], EOS)
    return total


def correct_line(line: str, *, min_margin: float = 3.0, lm: SyllableLM | None = None) -> str:
    """One OCR'd line with the syllables the model is confident about corrected."""
    lm = lm or model()
    if lm is None or not line.strip():
        return line
    edits: list[tuple[int, int, str]] = []
    for phrase, bos, eos in _slots(line, lm):
        if not any(s.editable for s in phrase):
            continue
        path = _best_path(phrase, lm, bos, eos)
        original = [p if s.forced else s.key for s, p in zip(phrase, path)]
        edits.extend((s.start, len(s.token), _with_case(s.token, p)) for s, p in zip(phrase, path) if s.forced)
        # neighbouring changes are judged together: "Tự do" → "Từ đó" must beat "Tự do" itself,
        # not only "Từ do" and "Tự đó"
        i = 0
        while i < len(path):
            if path[i] == original[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(path) and path[j + 1] != original[j + 1]:
                j += 1
            mixed = path[:i] + original[i:j + 1] + path[j + 1:]
            margin = _span_score(lm, path, i, j, bos, eos) - _span_score(lm, mixed, i, j, bos, eos)
            if margin >= min_margin:
                for k in range(i, j + 1):
                    slot = phrase[k]
                    edits.append((slot.start, len(slot.token), _with_case(slot.token, path[k])))
            i = j + 1
    for start, length, text in reversed(edits):
        line = line[:start] + text + line[start + length:]
    return unicodedata.normalize("NFC", line)


def correct_text(text: str, **kw) -> str:
    """Every line of an OCR'd text corrected (line breaks and spacing kept)."""
    return "\n".join(correct_line(ln, **kw) for ln in text.split("\n"))
