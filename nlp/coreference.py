"""References back to agencies a document has already named.

An inspection notice lists the bodies it inspected ("… của các đơn vị: Công ty A (…); Tổng công ty B (…)")
and then gives them duties as "Sở Công Thương yêu cầu đơn vị nêu trên thực hiện …" or "Đề nghị Công ty
tiếp tục …"; a Công văn sent to one company ("Kính gửi: Công ty cổ phần X") writes "Đề nghị Công ty mời …".
The owner is the body referred back to, as the document named it.

A back reference is a referring kind with a qualifier ("đơn vị nêu trên", "các công ty được kiểm tra"),
or a company-like kind written capitalised with no name after it ("Công ty", "Chủ đầu tư"). Its
antecedents are found walking back from it: a list the document opened with the kind ("các đơn vị: …",
"Kính gửi: …"), else, for a company-like kind, the names of that kind last written. Nothing found,
nothing resolved: the reference then owns nothing, as before.

The words are data: nlp/data/addressing.json, "back_references".
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..extract.normalize import match_form
from ..models import Block
from ..models.text import vi_pattern
from .addressing import opens_predicate
from .agencies import Mention, find_agencies, is_generic_group
from .vocab import alternation, table

PLACEHOLDER = "\u21a9"  # the name a back reference carries until it is expanded to its antecedents


@lru_cache(maxsize=None)
def _data() -> dict:
    return table("addressing")["back_references"]


@lru_cache(maxsize=None)
def _qualified_re() -> re.Pattern[str]:
    d = _data()
    return re.compile(rf"(?<![\w])(?:các\s+)?(?P<kind>{alternation(list(d['kinds']))})\s+"
                      rf"(?:{alternation(d['qualifiers'])})(?![\w])", re.I)


@lru_cache(maxsize=None)
def _bare_re() -> re.Pattern[str]:
    # capitalised as a name's head is, but a lower-case word follows, not a name
    capitalised = [k[:1].upper() + k[1:] for k in _data()["bare_kinds"]]
    return re.compile(rf"(?<![\w])(?P<kind>{alternation(capitalised)})(?=\s+(?P<next>\w))")


_TRIGGER_BEFORE = re.compile(r"(?:^|[\s,;])(?:đề nghị|giao|yêu cầu)\s+$", re.I)


def _refers_back(sentence: str, m: re.Match[str]) -> bool:
    """A bare kind is a subject referring back when a trigger asks it ("Đề nghị Công ty mời …") or a
    duty's verb follows it ("Chủ đầu tư có trách nhiệm …"); "Chủ đầu tư dự án …" names a kind of party."""
    return bool(_TRIGGER_BEFORE.search(sentence[:m.start()])) or opens_predicate(sentence[m.end():].lstrip())


@lru_cache(maxsize=None)
def _opener_re() -> re.Pattern[str]:
    """Where a list of named bodies opens: "các đơn vị: …", "các doanh nghiệp gồm: …", "Kính gửi: …"."""
    d = _data()
    return re.compile(rf"(?:(?:các\s+)?(?:{alternation(list(d['kinds']))})(?:\s+(?:{alternation(d['list_openers'])}))?"
                      rf"|kính gửi)\s*:\s*", re.I)


_SENTENCE_END = re.compile(vi_pattern(r"(?<=[^\W\d_]{2})[.;](?=\s+[[:upper:]])|$"))


@dataclass(frozen=True)
class BackReference:
    start: int
    end: int
    kind: str  # match form: "đơn vị", "công ty"


@lru_cache(maxsize=None)
def _honorific_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?P<kind>{alternation(list(_data()['honorifics']))})(?![\w])", re.I)


_KINH_GUI = re.compile(r"^\W*kính gửi\s*:?", re.I)
_LIST_ITEM = re.compile(r"^\s*[-–+•]\s*")


def back_references(sentence: str, mentions: list[Mention]) -> list[BackReference]:
    """The back references in ``sentence`` that no agency mention already covers."""
    found: list[BackReference] = []
    for rx in (_honorific_re(), _qualified_re(), _bare_re()):
        for m in rx.finditer(sentence):
            if any(x.start < m.end() and m.start() < x.end for x in mentions):
                continue  # "Công ty cổ phần X" is a name, not a reference
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            if rx is _bare_re() and not (m.group("next").islower() and _refers_back(sentence, m)):
                continue
            found.append(BackReference(m.start(), m.end(), match_form(m.group("kind"))))
    return sorted(found, key=lambda r: r.start)


def _outside_brackets(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions not inside (…): a listed company's bracketed works name places, not more bodies."""
    depth_at = []
    depth = 0
    for ch in text:
        depth_at.append(depth)
        depth += (ch == "(") - (ch == ")")
        depth = max(depth, 0)
    return [m for m in mentions if m.start < len(depth_at) and depth_at[m.start] == 0]


def _of_kind(names: list[Mention], kind: str) -> list[str]:
    heads = _data()["kinds"].get(kind) or []
    out: list[str] = []
    for m in names:
        if m.is_group or is_generic_group(m.name):
            continue
        if heads and not match_form(m.name).startswith(tuple(heads)):
            continue
        if m.name not in out:
            out.append(m.name)
    return out


Finder = Callable[[str], list[Mention]]


def _listed(text: str, kind: str, agencies: Finder) -> list[str]:
    """Bodies of ``kind`` named in a list ``text`` opens ("các đơn vị: A; B"), each as written."""
    for opener in reversed(list(_opener_re().finditer(text))):
        # whatever kind opened the list, the names' own heads decide what a company-like kind refers to
        rest = text[opener.end():]
        end = _SENTENCE_END.search(rest)
        rest = rest[:end.start()] if end else rest
        names = _of_kind(_outside_brackets(rest, agencies(rest)), kind)
        if names:
            return names
    return []


def _named(text: str, kind: str, agencies: Finder) -> list[str]:
    """For a company-like kind: the bodies of that kind ``text`` names, each as written."""
    if not _data()["kinds"].get(kind):
        return []  # "đơn vị", "cơ quan" refer to a list, never to whatever body was last named
    return _of_kind(agencies(text), kind)


class Antecedents:
    """The blocks of one document, to resolve back references against what comes before them."""

    def __init__(self, blocks: list[Block]):
        self._blocks = blocks
        self._lookback = int(_data()["lookback_blocks"])
        self._found: dict[str, list[Mention]] = {}  # each earlier block is read for names once

    def _agencies(self, text: str) -> list[Mention]:
        if text not in self._found:
            self._found[text] = find_agencies(text)
        return self._found[text]

    def addressees(self, block_index: int) -> list[Mention]:
        """The bodies a Công văn's "Kính gửi:" names (on its line and the "- …" lines after it)."""
        for i in range(min(block_index, len(self._blocks))):
            if _KINH_GUI.match(self._blocks[i].text):
                lines = [_KINH_GUI.sub("", self._blocks[i].text)]
                for b in self._blocks[i + 1:min(block_index, i + 12)]:
                    if not _LIST_ITEM.match(b.text):
                        break
                    lines.append(_LIST_ITEM.sub("", b.text))
                return [m for line in lines for m in find_agencies(line, allow_generic=True)
                        if not is_generic_group(m.name) or m.is_group]
        return []

    def resolve(self, ref: BackReference, block_index: int, before: str) -> list[str]:
        """The bodies ``ref`` refers to; ``before``: the text of its block before it."""
        heads = _data()["honorifics"].get(ref.kind)
        if heads is not None:  # "Quý Ủy ban": the addressees, groups too ("UBND các tỉnh, thành phố …")
            named = [m.name for m in self.addressees(block_index)
                     if not heads or match_form(m.name).startswith(tuple(heads))]
            return list(dict.fromkeys(named))
        texts = [before] + [self._blocks[i].text
                            for i in range(block_index - 1, max(-1, block_index - 1 - self._lookback), -1)]
        for text in texts:
            names = _listed(text, ref.kind, self._agencies) or _named(text, ref.kind, self._agencies)
            if names:
                return names
        return []

    def mentions(self, sentence: str, mentions: list[Mention], block_index: int,
                 before: str) -> tuple[list[Mention], dict[str, list[str]]]:
        """Placeholder mentions for the resolved back references in ``sentence`` (``before``: the block's
        text before the sentence) and what each placeholder stands for."""
        out: list[Mention] = []
        expansion: dict[str, list[str]] = {}
        for n, ref in enumerate(back_references(sentence, mentions)):
            names = self.resolve(ref, block_index, before + " " + sentence[:ref.start])
            if names:
                key = f"{PLACEHOLDER}{n}"
                expansion[key] = names
                out.append(Mention(key, ref.start, ref.end))
        return out, expansion


def expand(names: list[str], expansion: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    for name in names:
        for n in expansion.get(name, [name]):
            if n not in out:
                out.append(n)
    return out
