"""Broken fonts decoded exactly: learn each glyph's letter from a little OCR, then read the text layer.

A font without a usable Unicode map (``(cid:N)`` or mojibake in the text layer) still draws the
same letter with the same glyph everywhere. So: pick a few words that between them show every
broken glyph of the document a few times, crop them from the rendered pages, pack the crops
into one image and OCR it once (tesseract TSV: word boxes); align each OCR'd word with the glyph
codes under its box (edit-distance alignment), and give every glyph the character most of its
occurrences were read as — a vote, so OCR slips cancel out. The whole text layer is then decoded
through that map, keeping its positions, order and tables. A glyph with too few or split votes
is marked unknown; the words that hold one are OCR'd alone (``fill_unknown``).

Characters come in as ``Char`` (text or raw code, font name, box), so any extractor can feed
this: pdfium's chars (``glyphs_of``, which names an unmapped glyph by its raw code as pdfminer does)
or pdfplumber's. Glyphs are keyed by
(font, code). Precomposed glyphs (one glyph "ệ") and base + combining-mark glyphs both align:
each word is aligned against the NFC and the NFD spelling of its OCR reading, whichever fits.
"""
from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Protocol, Sequence

from .syllables import is_syllable
from ..models.text import fold

UNKNOWN = "\ufffd"  # a glyph the votes could not settle: its word is OCR'd alone


@dataclass
class Char:
    """One drawn glyph: what the text layer says (a character, "(cid:N)" or mojibake), its font, its box."""
    text: str
    font: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def key(self) -> tuple[str, str]:
        return (self.font, self.text)


class _Boxed(Protocol):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


UNREAD = "#unread"  # the pseudo-font of a good font's glyphs that pdfium names by no usable letter


def glyphs_of(chars: Sequence, unread: set[int] | frozenset[int] = frozenset()) -> list[Char]:
    """pdfium's chars (``pdf_chars.Char``) as ``Char``: a glyph the font does not map is named by its
    raw code, spelt as pdfminer spells it ("(cid:N)"), so a mapped letter never shares its key.
    ``unread``: fonts (``font_id``) read as WinAnsi codes (``pdf_chars.winansi_codes``); a glyph of theirs that is no
    Vietnamese letter even so ("Á" shown as "£") is a glyph to learn too, of the font's pseudo-font
    (``UNREAD``)."""
    from .pdf_chars import _foreign, _winansi

    out = []
    for c in chars:
        if not c.mapped:
            out.append(Char(f"(cid:{c.code})", c.font, c.x0, c.x1, c.top, c.bottom))
        elif c.font_id in unread and _foreign(c.text[:1]) and _winansi(c.text[:1]) == c.text[:1]:
            # a code that Mac Roman and WinAnsi read alike, yet no letter: pdfium's reading is a guess
            out.append(Char(f"(cid:{c.code})", c.font + UNREAD, c.x0, c.x1, c.top, c.bottom))
        else:
            out.append(Char(c.text, c.font, c.x0, c.x1, c.top, c.bottom))
    return out


def looks_broken(text: str) -> bool:
    """A glyph's text that cannot be a letter of the document: an unmapped CID, a control or
    private-use code, a letter of another script."""
    if text.startswith("(cid:"):
        return True
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Co", "Cn", "Cs") and not ch.isspace():
            return True
        if ch.isalpha():
            base = unicodedata.normalize("NFD", ch)[0].lower()
            if not ("a" <= base <= "z" or ch in "đĐ"):
                return True
    return False


def has_broken_glyphs(glyphs: Iterable[Char], at_least: int = 10) -> bool:
    """A page whose text layer holds glyph codes rather than letters."""
    n = 0
    for c in glyphs:
        n += looks_broken(c.text)
        if n >= at_least:
            return True
    return False


def covered_spaces(chars: Sequence[_Boxed]) -> set[int]:
    """Indexes of the space glyphs that other glyphs are drawn over: a number or day stamped onto
    the blanks of "Số:        /TB-SCT" would otherwise be split digit by digit. The glyphs on either
    side of a space in the text's own order do not count: a slanted letter's box leans over it."""
    cells: dict[tuple[int, int], list[tuple[int, _Boxed]]] = defaultdict(list)  # inked glyphs by 10 × 20 pt cell
    for i, c in enumerate(chars):
        if not c.text.isspace():
            for band in range(int(c.top // 10), int(c.bottom // 10) + 1):
                for col in range(int(c.x0 // 20), int(c.x1 // 20) + 1):
                    cells[(band, col)].append((i, c))

    def covered(i: int, c: _Boxed) -> bool:
        width = c.x1 - c.x0
        mid = (c.top + c.bottom) / 2
        near = (o for col in range(int(c.x0 // 20), int(c.x1 // 20) + 1) for o in cells.get((int(mid // 10), col), ()))
        return any(abs(k - i) > 1 and o.top <= mid <= o.bottom and min(c.x1, o.x1) - max(c.x0, o.x0) > 0.3 * width
                   for k, o in near)

    return {i for i, c in enumerate(chars) if c.text.isspace() and covered(i, c)}


def broken_fonts(chars: Iterable[Char], min_share: float = 0.3) -> set[str]:
    """Fonts whose codes are not Unicode: every glyph of such a font is decoded by the map, even
    those that happen to look like letters or digits (a shifted encoding draws 'S' as '6')."""
    total: Counter[str] = Counter()
    bad: Counter[str] = Counter()
    for c in chars:
        total[c.font] += 1
        bad[c.font] += looks_broken(c.text)
    return {f for f in total if bad[f] >= max(1, min_share * total[f])}


def glyph_words(chars: Sequence[Char], **kw) -> list[list[Char]]:
    """Chars grouped into words (see ``glyph_lines``)."""
    return [w for line in glyph_lines(chars, **kw) for w in line]


def glyph_lines(chars: Sequence[Char], *, line_tolerance: float = 3.0, gap: float = 1.5) -> list[list[list[Char]]]:
    """Chars grouped into lines of words: lines by vertical middle, words split by spaces and gaps."""
    rows: list[list[Char]] = []
    for c in sorted(chars, key=lambda c: ((c.top + c.bottom) / 2, c.x0)):
        mid = (c.top + c.bottom) / 2
        if rows and abs(mid - (rows[-1][0].top + rows[-1][0].bottom) / 2) <= line_tolerance:
            rows[-1].append(c)
        else:
            rows.append([c])
    lines: list[list[list[Char]]] = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        words: list[list[Char]] = []
        cur: list[Char] = []
        for c in row:
            if c.text.isspace():
                if cur:
                    words.append(cur)
                cur = []
                continue
            if cur and c.x0 - cur[-1].x1 > gap:
                words.append(cur)
                cur = []
            cur.append(c)
        if cur:
            words.append(cur)
        if words:
            lines.append(words)
    return lines


def align(glyphs: Sequence[str | None], target: str) -> list[tuple[int, int]]:
    """Edit-distance alignment of a word's glyphs (their known text, or None) with an OCR'd
    spelling; returns (glyph index, target index) pairs that were matched or substituted."""
    n, m = len(glyphs), len(target)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[0] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            if i < n and j < m:
                g = glyphs[i]
                sub = 0.4 if g is None else (0.0 if g == target[j] else 1.0)
                if here + sub < cost[i + 1][j + 1]:
                    cost[i + 1][j + 1], back[i + 1][j + 1] = here + sub, 0
            if i < n and here + 1 < cost[i + 1][j]:
                cost[i + 1][j], back[i + 1][j] = here + 1, 1
            if j < m and here + 1 < cost[i][j + 1]:
                cost[i][j + 1], back[i][j + 1] = here + 1, 2
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        if step == 0:
            i, j = i - 1, j - 1
            pairs.append((i, j))
        elif step == 1:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _alignment_cost(glyphs: Sequence[str | None], target: str) -> float:
    """Mismatches of the best alignment: known glyphs read otherwise, glyphs or letters left over
    (an unknown glyph matched to any letter is no mismatch)."""
    pairs = align(glyphs, target)
    subs = sum(glyphs[i] is not None and glyphs[i] != target[j] for i, j in pairs)
    return subs + (len(glyphs) - len(pairs)) + (len(target) - len(pairs))


@dataclass
class GlyphVotes:
    """What each broken glyph was read as, over all its OCR'd occurrences."""
    broken: set[str]
    votes: dict[tuple[str, str], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def known(self, c: Char, mapping: dict[tuple[str, str], str]) -> str | None:
        if c.font not in self.broken:
            return c.text
        return mapping.get(c.key)

    def add(self, word: Sequence[Char], reading: str, mapping: dict[tuple[str, str], str]) -> None:
        """Vote from one OCR'd word over the glyphs under its box."""
        glyphs = [self.known(c, mapping) for c in word]
        if not any(c.font in self.broken for c in word):
            return
        core = reading.strip(_EDGE_PUNCT)
        if core.isalpha() and core.islower() and not is_syllable(core):
            return  # a lower-case reading that is no Vietnamese syllable ("zzm" for "năm") is a misread
        spellings = {unicodedata.normalize("NFC", reading), unicodedata.normalize("NFD", reading)}
        target = min(spellings, key=lambda t: (_alignment_cost(glyphs, t), len(t)))
        if _alignment_cost(glyphs, target) > max(1.0, 0.34 * len(word)):
            return  # the OCR'd word is not this glyph run (boxes crossed, a word misread)
        if len(target) != len(glyphs) and sum(g is None for g in glyphs) * 2 > len(glyphs):
            return  # a letter too many or too few and little to anchor it: which glyph read what is a guess
        for i, j in align(glyphs, target):
            if word[i].font in self.broken:
                self.votes[word[i].key][target[j]] += 1

    def resolve(self, *, min_votes: int = 2, min_share: float = 0.6) -> dict[tuple[str, str], str]:
        """Each glyph's majority reading; glyphs with too few or split votes are left out."""
        out: dict[tuple[str, str], str] = {}
        for key, counter in self.votes.items():
            total = sum(counter.values())
            reading, count = counter.most_common(1)[0]
            if count >= min(min_votes, total) and count >= 1 and count / total >= min_share \
                    and (total >= min_votes or total == count):
                out[key] = reading
        return out


def words_under(boxes: Sequence[_Boxed], words: Sequence[Sequence[Char]], pad: float = 1.0
                ) -> list[tuple[str, list[Char]]]:
    """Each OCR'd word with the glyphs whose centres lie inside its box."""
    out = []
    for b in boxes:
        inside = [c for w in words for c in w
                  if b.x0 - pad <= (c.x0 + c.x1) / 2 <= b.x1 + pad and b.top - pad <= (c.top + c.bottom) / 2 <= b.bottom + pad]
        if inside:
            out.append((b.text, sorted(inside, key=lambda c: c.x0)))
    return out


def learn(pages: Sequence[Sequence[Char]], ocr: Callable[[list[tuple[int, "Box"]]], list[list["Box"]]],
          *, need: int = 2, own: int = 8, pool: bool = False, max_words: int = 400) -> tuple[dict[tuple[str, str], str], dict]:
    """The glyph map of a document.

    ``pages``: the chars of every page. ``ocr``: reads a list of (page index, region) and returns,
    per region, the OCR'd words with their boxes in page coordinates. Words are chosen greedily
    so that every broken glyph is seen ``need`` times (or as often as the document has it)."""
    broken = broken_fonts(c for p in pages for c in p)
    stats: dict = {"broken_fonts": sorted(broken), "glyphs": 0, "ocr_words": 0}
    if not broken:
        return {}, stats
    page_words = [glyph_words(p) for p in pages]
    # a space is a word break, never a glyph to learn (pdfium gives the spaces it infers the font before them)
    total: Counter[tuple[str, str]] = Counter(c.key for p in pages for c in p if c.font in broken and not c.text.isspace())
    stats["glyphs"] = len(total)
    # coverage is counted per (font family, code): the styles of one family usually share their glyph
    # codes, so a letter read in the regular face need not be read again in the bold one; every font
    # also gets a few words of its own, the evidence that decides whether it may borrow (``borrow``)
    def cover_keys(w: Sequence[Char]) -> Counter:
        keys: Counter = Counter()
        for c in w:
            if c.font in broken:
                keys[(family(c.font), c.text) if pool else c.key] += 1
                keys[(c.font, "*")] += 1
        return keys

    want: dict = {}
    for p in pages:
        for c in p:
            if c.font in broken and not c.text.isspace():
                k = (family(c.font), c.text) if pool else c.key
                want[k] = min(need, want.get(k, 0) + 1)
                f = (c.font, "*")
                want[f] = min(own, want.get(f, 0) + 1)
    candidates = [(pi, w) for pi, ws in enumerate(page_words) for w in ws if any(c.font in broken for c in w)]
    chosen: list[tuple[int, list[Char]]] = []
    seen: Counter = Counter()
    glyph_counts = [cover_keys(w) for _, w in candidates]

    def gain(i: int) -> int:
        return sum(min(n, want[k] - seen[k]) for k, n in glyph_counts[i].items() if seen[k] < want[k])

    # lazy greedy (gains only fall): the word that covers most still-wanted glyph occurrences first
    heap = [(-gain(i), i) for i in range(len(candidates))]
    heapq.heapify(heap)
    while heap and len(chosen) < max_words:
        neg, i = heapq.heappop(heap)
        g = gain(i)
        if g <= 0:
            continue
        if heap and g < -heap[0][0]:
            heapq.heappush(heap, (-g, i))
            continue
        chosen.append(candidates[i])
        seen.update(glyph_counts[i])
    regions = [(pi, Box("", min(c.x0 for c in w), min(c.top for c in w), max(c.x1 for c in w), max(c.bottom for c in w)))
               for pi, w in chosen]
    evidence: list[tuple[list[list[Char]], list[Box]]] = [([w], boxes) for (_, w), boxes in
                                                           zip(chosen, ocr(regions) if regions else [])]
    stats["ocr_words"] = len(regions)

    def vote() -> tuple[GlyphVotes, dict[tuple[str, str], str]]:
        votes, mapping = GlyphVotes(broken), {}
        for _ in range(2):  # second pass: align again with the first pass's map as known glyphs
            votes = GlyphVotes(broken)
            for words, boxes in evidence:
                for text, glyphs in words_under(boxes, words):
                    votes.add(glyphs, text, mapping)
            mapping = votes.resolve()
        return votes, mapping

    votes, mapping = vote()
    # glyphs the first reading left unsettled or thinly read (an OCR slip in one of their few words)
    # are read once more, in their words' context on the line: only those words, not all again
    def agreeing(k: tuple[str, str]) -> int:
        counter = votes.votes.get(k)
        return counter.most_common(1)[0][1] if counter else 0

    thin = {k for k in total if k not in mapping or agreeing(k) < min(need, total[k])}
    again = _context_regions(pages, thin, need) if thin else []
    if again:
        evidence += [(words, boxes) for (_, words), boxes in zip(again, ocr([r for r, _ in again]))]
        votes, mapping = vote()
    stats["ocr_words_again"] = len(again)
    stats["voted"] = len(mapping)
    mapping, stats["borrowed"] = borrow(mapping, votes, set(total))
    from .ocr_correct import model

    lm = model()
    if lm is not None:
        mapping, stats["lm_changed"] = refine(mapping, votes, [glyph_lines(p) for p in pages], broken, lm)
    mapping, stats["doubted"] = doubt_rare(mapping, votes, page_words, broken)
    stats["mapped"] = len(mapping)
    stats["unmapped"] = sorted(set(total) - set(mapping), key=str)
    return mapping, stats


def plausible_word(text: str) -> bool:
    """A decoded word that reads as Vietnamese text: a syllable, an upper-case abbreviation, a
    number or code, punctuation; not letters broken by a mark or a stray sign ("hoặ(h", "phy")."""
    if text.rstrip(".,;:").endswith(("(", "[")) or text.startswith((")", "]")):
        return False  # a bracket that opens at a word's end or closes at its start: another sign misread
    core = text.strip(_EDGE_PUNCT)
    if not core or UNKNOWN in core or not any(ch.isalpha() for ch in core) or any(ch.isdigit() for ch in core):
        return True
    if mixed_case(core):
        return False
    parts = [p for p in re.split(r"[-/.]", core) if p]  # "QĐ-UBND", "KH-ĐKT"
    return all(p.isalpha() and (is_syllable(p) or p.isupper()) for p in parts)


def doubt_rare(mapping: dict[tuple[str, str], str], votes: GlyphVotes, page_words: Sequence[Sequence[Sequence[Char]]],
               broken: set[str], *, few: int = 2) -> tuple[dict[tuple[str, str], str], int]:
    """A glyph read ``few`` times or fewer whose reading breaks most of the words it is in is not
    trusted: it is left unknown, so those words are OCR'd in their context (``fill_unknown``)."""
    sites: dict[tuple[str, str], list[Sequence[Char]]] = defaultdict(list)
    for words in page_words:
        for w in words:
            for k in {c.key for c in w if c.font in broken}:
                sites[k].append(w)
    out = dict(mapping)
    doubted = 0
    for k in sorted(mapping):
        if sum(votes.votes.get(k, Counter()).values()) > few:
            continue
        texts = [unicodedata.normalize("NFC", "".join(mapping.get(c.key, UNKNOWN) if c.font in broken else c.text
                                                      for c in w)) for w in sites.get(k, [])]
        if texts and 2 * sum(not plausible_word(t) for t in texts) > len(texts):
            del out[k]
            doubted += 1
    return out, doubted


def _context_regions(pages: Sequence[Sequence[Char]], keys: set[tuple[str, str]], need: int, *, max_regions: int = 60,
                     reach: float = 30.0) -> list[tuple[tuple[int, "Box"], list[list[Char]]]]:
    """Up to ``need`` words for each glyph of ``keys``, each with the words beside it on its line
    (within ``reach`` points, in any font: OCR reads a lone italic "năm" as "zzm", the same word in
    "5 năm 2026" right): a region to OCR and the words it holds."""
    out: list[tuple[tuple[int, Box], list[list[Char]]]] = []
    seen: Counter[tuple[str, str]] = Counter()
    for pi, page in enumerate(pages):
        words = glyph_words(page)
        for word in words:
            wanted = {c.key for c in word if c.key in keys and seen[c.key] < need}
            if not wanted or len(out) >= max_regions:
                continue
            seen.update(wanted)
            top, bottom = min(c.top for c in word), max(c.bottom for c in word)
            x0, x1 = min(c.x0 for c in word), max(c.x1 for c in word)
            group = [w for w in words if top <= (w[0].top + w[0].bottom) / 2 <= bottom
                     and x0 - reach <= w[0].x0 and w[-1].x1 <= x1 + reach]
            cs = [c for w in group for c in w]
            out.append(((pi, Box("", min(c.x0 for c in cs), min(c.top for c in cs), max(c.x1 for c in cs),
                                 max(c.bottom for c in cs))), group))
    return out


_STYLE = re.compile(r"(?i)(?:[-,]?(?:PS|MT|Bold|Italic|Oblique|Regular|Semibold|Light|Medium|Black))+$")


def family(font: str) -> str:
    """'ABCDEF+TimesNewRomanPS-BoldItalicMT' → 'TimesNewRoman': the face without subset tag and style."""
    return _STYLE.sub("", font.split("+", 1)[-1]) or font


def borrow(mapping: dict[tuple[str, str], str], votes: GlyphVotes, keys: set[tuple[str, str]], *,
           min_agree: float = 0.85, min_evidence: int = 3) -> tuple[dict[tuple[str, str], str], int]:
    """Glyphs a font's own words did not settle take the reading of the same code in the other
    fonts of its family — only for a font whose own readings agree with its family's (the faces
    share their codes), never by assumption. Borrowed glyphs take the family's votes too."""
    mapping = dict(mapping)
    pooled: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (font, code), counter in votes.votes.items():
        pooled[(family(font), code)].update(counter)

    def others(font: str, code: str) -> Counter[str]:
        out = pooled.get((family(font), code), Counter()).copy()
        out.subtract(votes.votes.get((font, code), Counter()))
        return +out

    fonts = {f for f, _ in keys}
    borrowed = 0
    for font in sorted(fonts):  # sorted: the same map whatever the process's string hashing
        agree = n = 0
        for (f, code), reading in list(mapping.items()):
            if f != font:
                continue
            other = others(font, code)
            if other:
                n += 1
                agree += other.most_common(1)[0][0] == reading
        if n < min_evidence or agree < min_agree * n:
            continue
        for f, code in keys:
            if f != font or (f, code) in mapping:
                continue
            other = others(font, code)
            if other:
                reading, count = other.most_common(1)[0]
                if count / sum(other.values()) >= 0.6:
                    mapping[(f, code)] = reading
                    votes.votes[(f, code)] = other
                    borrowed += 1
    return mapping, borrowed


def _letter_variants() -> dict[str, list[str]]:
    """Every Vietnamese letter by its base letter and case: the diacritic variants of a glyph."""
    out: dict[str, list[str]] = defaultdict(list)
    for base in "aăâeêioôơuưy":
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            for b in (base, base.upper()):
                ch = unicodedata.normalize("NFC", b + tone)
                out[fold(ch) + ("U" if ch.isupper() else "l")].append(ch)
    out["dl"] += ["d", "đ"]
    out["dU"] += ["D", "Đ"]
    return out


_VARIANTS = None
_PUNCT = "().,;:-/"


def mixed_case(word: str) -> bool:
    """An upper-case letter after a lower-case one ("nỔ", "TỉNH")."""
    seen_lower = False
    for ch in word:
        if ch.islower():
            seen_lower = True
        elif ch.isupper() and seen_lower:
            return True
    return False
_ALL_LETTERS = {ch for group in _letter_variants().values() for ch in group} | set("bcghklmnpqrstvx") | \
    set("BCGHKLMNPQRSTVX")


def letter_variants(ch: str) -> list[str]:
    global _VARIANTS
    if _VARIANTS is None:
        _VARIANTS = _letter_variants()
    if len(ch) != 1 or not ch.isalpha():
        return [ch]
    return _VARIANTS.get(fold(ch) + ("U" if ch.isupper() else "l"), [ch])


_EDGE_PUNCT = "\"'“”‘’()[]{}<>.,;:!?…*_|/\\-–—"


def refine(mapping: dict[tuple[str, str], str], votes: GlyphVotes, lines: Sequence[Sequence[Sequence[Sequence[Char]]]],
           broken: set[str], lm, *, margin: float = 1.0, letter_margin: float = 6.0, few_votes: int = 3,
           vote_weight: float = 2.0, rounds: int = 1, max_sites: int = 24
           ) -> tuple[dict[tuple[str, str], str], int]:
    """The syllable model as a second voter: OCR decides a glyph's letter, the whole document's text
    decides its marks. For each glyph, its voted readings and their diacritic variants are scored by
    the model over every word the glyph occurs in (with its neighbours); a reading is replaced only
    when another spelling wins by ``margin`` nats summed over the document. A rare glyph (``few_votes``
    readings or fewer) may also become another letter, when that wins by ``letter_margin``: a glyph
    read '7' in "7hương" once is the 'T' that makes the words Vietnamese."""
    from .ocr_correct import BOS, EOS, token_key

    mapping = dict(mapping)
    occurrences: dict[tuple[str, str], list[tuple[int, int, int]]] = defaultdict(list)
    for pi, page in enumerate(lines):
        for li, line in enumerate(page):
            for wi, word in enumerate(line):
                for c in word:
                    if c.font in broken:
                        occurrences[c.key].append((pi, li, wi))

    # a word's text is made once and again only when one of its glyphs is given another reading
    texts: dict[int, str] = {}
    holders: dict[tuple[str, str], list[Sequence[Char]]] = defaultdict(list)
    for k, sites in occurrences.items():
        holders[k] = [lines[pi][li][wi] for pi, li, wi in sorted(set(sites))]

    def assign(k: tuple[str, str], v: str) -> None:
        mapping[k] = v
        for w in holders[k]:
            texts.pop(id(w), None)

    def text(word: Sequence[Char]) -> str:
        t = texts.get(id(word))
        if t is None:
            t = texts[id(word)] = unicodedata.normalize(
                "NFC", "".join(mapping.get(c.key, UNKNOWN) if c.font in broken else c.text for c in word))
        return t

    def core(t: str) -> str:
        return t.strip(_EDGE_PUNCT)

    keys_of: dict[str, str] = {}

    def key_of(t: str) -> str:
        if t not in keys_of:
            c = core(t)
            keys_of[t] = "<u>" if not c or UNKNOWN in c else token_key(c)
        return keys_of[t]

    def local(pi: int, li: int, wi: int) -> float:
        line = lines[pi][li]
        here = text(line[wi])
        k = key_of(here)
        if mixed_case(core(here)):
            return 2 * math.log(1e-7)  # "nỔ": Vietnamese words are lower, Title or UPPER case
        if k == "<n>" and any(ch.isalpha() for ch in core(here)):
            return 2 * math.log(1e-6)  # letters and digits mixed ("7hương"): a code number, or a misread
        if k == "<n>" or UNKNOWN in here or not any(ch.isalpha() for ch in core(here)):
            return 0.0  # no evidence either way
        if k == "<u>" or k not in lm.index:  # not a syllable, or one legal Vietnamese never uses
            c = core(here)
            if c.isupper() and len(c) <= 6 and all(ch.isascii() or ch == "Đ" for ch in c):
                return 2 * math.log(1e-5)  # an abbreviation (UBND, QĐ): plausible, less so than a syllable
            return 2 * math.log(1e-7)  # not a syllable: this reading breaks the word
        prev = text(line[wi - 1]) if wi else None
        if here.lstrip(_EDGE_PUNCT) != here or (prev is not None and prev.rstrip(_EDGE_PUNCT) != prev):
            left = BOS
        else:
            left = key_of(prev) if prev is not None else None
        if here.rstrip(_EDGE_PUNCT) != here:
            right = EOS
        else:
            right = key_of(text(line[wi + 1])) if wi + 1 < len(line) else None
        return lm.logp(left, k) + (lm.logp(k, right) if right is not None else 0.0)

    changed = 0
    keys = sorted(occurrences, key=lambda k: -len(occurrences[k]))
    for _ in range(rounds):
        moved = 0
        for k in keys:
            counter = votes.votes.get(k, Counter())
            if not counter:
                continue
            options = {v for r in counter for v in letter_variants(r)}
            current = mapping.get(k)
            if current is not None:
                options |= set(letter_variants(current)) | {current}
            sites = sorted(set(occurrences[k]))
            if len(sites) > max_sites:  # a common glyph: an even sample of its words is evidence enough
                sites = sites[:: len(sites) // max_sites + 1]
            breaks = 0
            if current is not None:
                breaks = sum(local(*site) <= 2 * math.log(1e-6) for site in sites)
            if sum(counter.values()) <= few_votes and (current is None or 2 * breaks >= len(sites)):
                # a rare glyph whose reading breaks its words: any letter (of its case) may be the one it draws
                if current is not None and current.isalpha():
                    options |= {ch for ch in _ALL_LETTERS if ch.isupper() == current.isupper()}
                else:
                    options |= _ALL_LETTERS
                options |= set(_PUNCT)  # or punctuation read as a letter: "hợpì" is "hợp)"
            if len(options) <= 1 and current is not None:
                continue

            def score(v: str) -> float:
                assign(k, v)
                s = sum(local(*site) for site in sites)
                return s + vote_weight * math.log(counter.get(v, 0) + 0.5)

            scored = {v: score(v) for v in sorted(options)}  # ties go the same way in every run
            best = max(scored, key=scored.get)
            need = margin
            if current is not None and fold(best) != fold(current):
                # another letter only where the voted one breaks most of the words it is in
                need = letter_margin if 2 * breaks >= len(sites) else math.inf
            if current is None or (best != current and scored[best] - scored[current] >= need):
                assign(k, best)
                moved += best != current
            else:
                assign(k, current)
        changed += moved
        if not moved:
            break
    return mapping, changed


@dataclass
class Box:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


def decode(chars: Sequence[Char], mapping: dict[tuple[str, str], str], broken: set[str]) -> list[str]:
    """The text of each char through the map (``UNKNOWN`` where the map has no answer)."""
    return [mapping.get(c.key, UNKNOWN) if c.font in broken else c.text for c in chars]


def pack_regions(images: Sequence, *, gap: int = 40, row_width: int = 2400):
    """Crops packed into one white image in rows; returns the image and each crop's offset."""
    from PIL import Image

    offsets: list[tuple[int, int]] = []
    x = y = row_h = 0
    for im in images:
        w, h = im.size
        if x and x + w > row_width:
            x, y, row_h = 0, y + row_h + gap, 0
        offsets.append((x + gap, y + gap))
        x += w + gap
        row_h = max(row_h, h)
    width = max((ox + im.size[0] for (ox, _), im in zip(offsets, images)), default=1) + gap
    height = y + row_h + 2 * gap
    sheet = Image.new("L", (width, height), 255)
    for (ox, oy), im in zip(offsets, images):
        sheet.paste(im.convert("L"), (ox, oy))
    return sheet, offsets


class PdfGlyphDecoder:
    """The document-level decoder a PDF reader consults for a page whose text layer is broken.
    It reads pdfium's chars (``pdf_chars``), which keep each glyph's raw code: no pdfminer pass."""

    def __init__(self, pdf_path, *, lang: str = "vie", dpi: int = 300, max_pages: int = 500,
                 timeout: float = 120.0) -> None:
        self.path = str(pdf_path)
        self.lang, self.dpi, self.max_pages, self.timeout = lang, dpi, max_pages, timeout
        self.mapping: dict[tuple[str, str], str] | None = None
        self.broken: set[str] = set()
        self.mac_fonts: set[int] = set()
        self._raw: list[list] = []
        self.stats: dict = {}
        self._doc = None
        self._images: dict[int, object] = {}
        self.read_boxes: dict[int, list[Box]] = {}  # every OCR'd word so far, by page: reused by fill_unknown
        self.ocr_calls = 0

    def _pdf(self):
        if self._doc is None:
            import pypdfium2 as pdfium

            self._doc = pdfium.PdfDocument(self.path)
        return self._doc

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None
        self._images.clear()

    def _page_image(self, index: int):
        if index not in self._images:
            page = self._pdf()[index]
            try:
                # grey straight from pdfium, a third of the time of converting its RGB (black text: the same pixels)
                self._images[index] = page.render(scale=self.dpi / 72, grayscale=True).to_pil().convert("L")
            finally:
                page.close()
        return self._images[index]

    def ocr_regions(self, regions: list[tuple[int, Box]]) -> list[list[Box]]:
        """OCR many small page regions with one tesseract call; boxes come back in page points."""
        from .ocr import ocr_words

        s = self.dpi / 72
        pad = 2.0
        crops = []
        for pi, b in regions:
            img = self._page_image(pi)
            crops.append(img.crop((int((b.x0 - pad) * s), int((b.top - pad) * s),
                                   int((b.x1 + pad) * s) + 1, int((b.bottom + pad) * s) + 1)))
        sheet, offsets = pack_regions(crops)
        words = ocr_words(sheet, lang=self.lang, psm=6, timeout=self.timeout)
        self.ocr_calls += 1
        out: list[list[Box]] = [[] for _ in regions]
        for w in words:
            cx, cy = w.left + w.width / 2, w.top + w.height / 2
            for k, ((ox, oy), im) in enumerate(zip(offsets, crops)):
                if ox <= cx <= ox + im.size[0] and oy <= cy <= oy + im.size[1]:
                    b = regions[k][1]
                    to_x = lambda px: (px - ox) / s + b.x0 - pad  # noqa: E731
                    to_y = lambda py: (py - oy) / s + b.top - pad  # noqa: E731
                    out[k].append(Box(w.text, to_x(w.left), to_y(w.top), to_x(w.left + w.width), to_y(w.top + w.height)))
                    break
        for (pi, _), boxes in zip(regions, out):
            self.read_boxes.setdefault(pi, []).extend(boxes)
        return out

    def _learn(self) -> None:
        from .pdf_chars import mac_read_fonts, page_chars

        doc = self._pdf()
        # every page's chars, kept: a font's id holds within this document only
        self._raw = [page_chars(doc, i, raw_codes=True) for i in range(min(len(doc), self.max_pages))]
        self.mac_fonts = mac_read_fonts([c for p in self._raw for c in p])  # the document's, not one page's
        pages = [self._glyphs(p)[1] for p in self._raw]
        self.broken = broken_fonts(c for p in pages for c in p)
        self.mapping, self.stats = learn(pages, self.ocr_regions)

    def summary(self) -> dict:
        """What the map was learnt from, for the document's metadata."""
        out = {k: (len(v) if isinstance(v, list) and k == "unmapped" else v) for k, v in self.stats.items()}
        return out | {"ocr_calls": self.ocr_calls}

    def _glyphs(self, chars: Sequence) -> tuple[list, list[Char]]:
        from .pdf_chars import winansi_codes

        chars = winansi_codes(list(chars), self.mac_fonts)
        return chars, glyphs_of(chars, self.mac_fonts)

    def decode_page(self, index: int) -> list | None:
        """pdfium chars of a page (``pdf_chars.Char``) with their broken glyphs' text read through the map
        (``UNKNOWN`` where it has no answer). None when the document has no broken font or nothing could
        be learnt."""
        if self.mapping is None:
            self._learn()
        if not self.mapping or index >= len(self._raw):
            return None
        from dataclasses import replace

        chars, glyphs = self._glyphs(self._raw[index])
        # a space stays a word break in any font (pdfium gives the spaces it infers the font before them)
        return [replace(c, text=self.mapping.get(g.key, UNKNOWN)) if g.font in self.broken and not g.text.isspace()
                else c for c, g in zip(chars, glyphs)]

    def fill_unknown(self, words: list, page_index: int) -> list:
        """Words holding an unknown glyph get the OCR'd reading of their own box (one OCR call)."""
        holes = [w for w in words if UNKNOWN in w.text]
        if not holes:
            return words

        def inside(w, boxes: list[Box]) -> list[Box]:
            return [b for b in boxes if w.x0 - 1 <= (b.x0 + b.x1) / 2 <= w.x1 + 1
                    and w.top - 2 <= (b.top + b.bottom) / 2 <= w.bottom + 2]

        def known(w) -> list[Box]:  # words the learning sheet already read
            return inside(w, self.read_boxes.get(page_index, []))

        def plausible(boxes: list[Box]) -> bool:
            core = "".join(ch for b in boxes for ch in b.text if ch.isalpha())
            return bool(boxes) and (not core or is_syllable(core) or core.isupper())

        def in_context(w) -> Box:  # the word with its neighbours on the line: OCR reads a word better in context
            mid = (w.top + w.bottom) / 2
            line = [o for o in words if abs((o.top + o.bottom) / 2 - mid) <= 3 and abs(o.x0 - w.x0) <= 150]
            return Box("", min(o.x0 for o in line), min(o.top for o in line),
                       max(o.x1 for o in line), max(o.bottom for o in line))

        readings: dict[int, list[Box]] = {i: known(w) for i, w in enumerate(holes)}
        todo = [i for i, boxes in readings.items() if not plausible(boxes)]
        if todo:
            fresh_all = self.ocr_regions([(page_index, in_context(holes[i])) for i in todo])
            for i, boxes in zip(todo, fresh_all):
                fresh = inside(holes[i], boxes)
                if fresh and (plausible(fresh) or not readings[i]):
                    readings[i] = fresh
        for w, boxes in zip(holes, (readings[i] for i in range(len(holes)))):
            text = " ".join(b.text for b in sorted(boxes, key=lambda b: b.x0))
            w.text = text if text else w.text.replace(UNKNOWN, "")
        self.stats["ocr_filled_words"] = self.stats.get("ocr_filled_words", 0) + len(holes)
        return words
