"""Training examples for the agency recogniser, made from gold annotations.

The gold says which agencies a document names (as the document writes them); the
document's text says where. Every occurrence of a known agency name in a block becomes
an ``AGENCY`` span — known names are the gold names of the training documents only, so
cross-validation never sees the held-out fold's answers. Pure functions: blocks and
names in, token-aligned examples out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from ..extract.normalize import match_form
from .vocab import agency_vocab

LABEL = "AGENCY"
TOKEN_RE = re.compile(r"\w+(?:[&.]\w+)*|[^\w\s]", re.UNICODE)
_HEAD_TITLE_WORDS = ("giám đốc", "chủ tịch", "thủ trưởng", "trưởng", "bí thư", "chỉ huy trưởng", "cục trưởng",
                     "chánh", "hiệu trưởng", "tổng biên tập", "người đứng đầu", "phó")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Syllables, abbreviations and punctuation with their character offsets (the recogniser's tokens)."""
    return [(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=None)
def _vocab_classes() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The agency vocabulary (nlp/data/agencies.json) as word sequences by first word, longest first,
    each with the class it gives its words: a name's head, a word that ends names, a level, a group word."""
    v = agency_vocab()
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for cls, phrases in (("HEAD", v["heads"]), ("COMPOUND", v["name_compounds"]), ("STOP", v["stop_words"]),
                         ("LEVEL", v["levels"]), ("KIND", v["group_kinds"]), ("GROUP", v["group_words"])):
        for p in phrases:
            seq = tuple(match_form(p).split())
            if seq:
                index.setdefault(seq[0], []).append((seq, cls))
    for seqs in index.values():
        seqs.sort(key=lambda sc: -len(sc[0]))
    return index


def vocab_features(words: Sequence[str]) -> list[str]:
    """Per token, the vocabulary class it falls in ("B-HEAD", "I-HEAD", "STOP", …, "O"): the hand
    tables become features of the learned recogniser rather than its rules."""
    low = [match_form(w) for w in words]
    out = ["O"] * len(words)
    i = 0
    while i < len(low):
        for seq, cls in _vocab_classes().get(low[i], ()):
            n = len(seq)
            if tuple(low[i:i + n]) == seq:
                out[i] = f"B-{cls}"
                for j in range(i + 1, i + n):
                    out[j] = f"I-{cls}"
                i += n - 1
                break
        i += 1
    return out


@dataclass
class Example:
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # character offsets of AGENCY mentions


def _folded(text: str) -> tuple[str, list[int]]:
    """A case- and tone-placement-insensitive form of ``text`` with one space per run of white space,
    and for each of its characters the offset in ``text`` it came from."""
    out: list[str] = []
    where: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not prev_space and out:
                out.append(" ")
                where.append(i)
            prev_space = True
            continue
        prev_space = False
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
        where.append(i)
    folded = "".join(out)
    toned = match_form(folded)  # new-style tone placement moves a mark, it keeps the length
    return (toned if len(toned) == len(folded) else folded), where


def _heads_before() -> re.Pattern[str]:
    """A head word right before a name means the name is part of a longer one ("Văn phòng | UBND tỉnh")."""
    heads = sorted((h for h in agency_vocab()["heads"] if " " in h or h in {"văn", "ban", "phòng", "sở", "cục"}),
                   key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(match_form(h)) for h in heads) + r")\s*$")


def locate(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans in ``text`` of the given agency names, longest names first, never overlapping.

    Matching ignores case and tone placement; a name must start and end on word boundaries and
    must not continue a longer name (a head word such as "Văn phòng" just before it)."""
    folded, where = _folded(text)
    heads_before = _heads_before()
    taken: list[tuple[int, int]] = []
    wanted = sorted({_folded(n.strip())[0] for n in names if n and n.strip()}, key=len, reverse=True)
    for name in wanted:
        if len(name) < 3:
            continue
        for m in re.finditer(re.escape(name), folded):
            a, b = m.start(), m.end()
            if (a > 0 and folded[a - 1].isalnum()) or (b < len(folded) and folded[b].isalnum()):
                continue
            if heads_before.search(folded[max(0, a - 24):a]) and not any(
                    folded[max(0, a - 24):a].rstrip().endswith(t) for t in _HEAD_TITLE_WORDS):
                continue
            start, end = where[a], where[b - 1] + 1
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
    return sorted(taken)


def examples(blocks: Sequence[str], names: Iterable[str], *, keep_empty_every: int = 3) -> list[Example]:
    """One example per block that mentions a known name, plus every ``keep_empty_every``-th block that
    mentions none (so the recogniser also learns what is not an agency)."""
    names = list(names)
    out: list[Example] = []
    empty = 0
    for text in blocks:
        if not text.strip():
            continue
        spans = locate(text, names)
        if not spans:
            empty += 1
            if keep_empty_every <= 0 or empty % keep_empty_every:
                continue
        out.append(Example(text, spans))
    return out


def gold_names(gold: dict) -> set[str]:
    """The agency names a gold file gives (every role)."""
    return {a["agency"] for a in gold.get("assignments") or [] if a.get("agency")}
