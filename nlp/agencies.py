"""Agency mentions: where a name starts (a head word from the vocabulary), where it
ends (capitalised words, level and place), groups of a kind ("các sở, ban,
ngành"), and one canonical key for the spellings of one agency."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models.text import vi_pattern
from ..extract.normalize import match_form
from . import ner
from .words import one_noun, splits_a_word, verb_after
from .vocab import agency_vocab, alternation, doc_type_names, table

# a dotted initialism is one word ("Công ty F.D.I"), not a name ended by its first full stop
_TOKEN = re.compile(r"(?:[A-ZĐ]\.)+[A-ZĐ](?!\w)\.?|[\w&]+(?:[-–][\w&]+)*\.?|[,;:()\-–/]", re.UNICODE)


@dataclass
class Mention:
    name: str
    start: int
    end: int
    is_group: bool = False


SeqIndex = dict[str, list[tuple[str, ...]]]


def _index(phrases: list[str]) -> SeqIndex:
    """Word sequences by their first word, longest first: one dict lookup per token."""
    index: SeqIndex = {}
    for seq in sorted((tuple(p.split()) for p in phrases), key=len, reverse=True):
        index.setdefault(seq[0], []).append(seq)
    return index


@lru_cache(maxsize=None)
def _heads() -> SeqIndex:
    return _index(agency_vocab()["heads"])


@lru_cache(maxsize=None)
def _qualified_heads() -> dict[str, SeqIndex]:
    return {head: _index(kinds) for head, kinds in agency_vocab()["qualified_heads"].items()}


_NAMED_HEADS = frozenset(agency_vocab()["named_heads"])
_GROUP_PHRASES = frozenset(tuple(p.split()) for p in agency_vocab()["group_phrases"])
_ENTERPRISE_HEADS = frozenset(agency_vocab()["enterprise_heads"])


def _head_len(words: list[str], i: int) -> int:
    """Length of the head word sequence opening an agency at ``words[i]``, or 0. A qualified head
    ("Trường") opens one only before one of its kinds; before a name it is a syllable of that name."""
    n = _match_seq(words, i, _heads())
    if n and " ".join(words[i:i + n]).lower() in _NAMED_HEADS and not (i + n < len(words) and _is_cap(words[i + n])):
        return 0  # "Vụ Pháp chế" opens a body; "Sở Ngoại Vụ", "Vụ việc" do not
    kinds = _qualified_heads().get(" ".join(words[i:i + n]).lower()) if n else None
    if kinds is not None and not _match_seq(words, i + n, kinds):
        return 0
    return n


@lru_cache(maxsize=None)
def _role_notes() -> SeqIndex:
    return _index(agency_vocab()["role_notes"])


@lru_cache(maxsize=None)
def _stops() -> SeqIndex:
    return _index(agency_vocab()["stop_words"])


def _stop_len(words: list[str], i: int) -> int:
    """Length of the stop word sequence at ``words[i]`` that ends a name, or 0. A one-syllable stop
    that opens a noun with the syllable after it is no stop ("giao thông": not the verb "giao")."""
    n = _match_seq(words, i, _stops())
    if n == 1 and i + 1 < len(words) and words[i][:1].islower() and words[i + 1].isalpha() \
            and words[i + 1].islower() and one_noun(f"{words[i]} {words[i + 1]}"):
        return 0
    return n


@lru_cache(maxsize=None)
def _compounds() -> SeqIndex:
    return _index(agency_vocab()["name_compounds"])


_SELF_CONTAINED = frozenset(agency_vocab()["self_contained_heads"])
_PRIMARY_HEADS = frozenset(agency_vocab()["primary_heads"])
_OWNER_QUALIFIERS = _index(agency_vocab()["owner_qualifiers"])
_DESCRIPTIVE_HEADS = frozenset(agency_vocab()["descriptive_heads"])
_FAMILY_NAMES = frozenset(agency_vocab()["family_names"])
_LAW_TITLE_WORDS = frozenset(p.split()[-1] for p in agency_vocab()["law_title_words"])
_KINDS = frozenset(agency_vocab()["group_kinds"])
_GROUP_WORDS = frozenset(agency_vocab()["group_words"])


@lru_cache(maxsize=None)
def _doc_types() -> SeqIndex:
    """Document type names ("Kế hoạch", "Chương trình"): a name never runs into one."""
    return _index([n.lower() for n in doc_type_names()])


@lru_cache(maxsize=None)
def _levels() -> SeqIndex:
    return _index(agency_vocab()["levels"])


def _match_seq(words: list[str], i: int, seqs: SeqIndex) -> int:
    """Length of the longest sequence of ``seqs`` starting at ``words[i]`` (case-insensitive), or 0."""
    if i >= len(words):
        return 0
    for seq in seqs.get(words[i].lower(), ()):
        n = len(seq)
        if i + n <= len(words) and all(words[i + j].lower() == seq[j] for j in range(1, n)):
            return n
    return 0


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and len(word) <= 3)


def find_agencies(text: str, *, allow_generic: bool = False) -> list[Mention]:
    """Agency mentions in ``text``, left to right, never overlapping: the trained recogniser's extents
    when one is active (``ner.using``), else the hand extents."""
    rec = ner.active()
    if rec is None:
        found = rule_agencies(text, allow_generic=allow_generic)
        # an owner addressed as a pair is one; in a list of supporters each is named on its own
        return _join_pairs(found, text) if allow_generic else found
    if rec.mode == "filter":  # hand extents, vetted: a name the model does not see as an agency is dropped
        spans = rec.spans(text)
        return [m for m in rule_agencies(text, allow_generic=allow_generic)
                if m.is_group or any(m.start < e and s < m.end for s, e in spans)]
    found = learned_agencies(rec.spans(text), text, allow_generic=allow_generic)
    if rec.mode == "union":  # hand extents where the model marked nothing
        found += [m for m in rule_agencies(text, allow_generic=allow_generic)
                  if not any(m.start < f.end and f.start < m.end for f in found)]
        found.sort(key=lambda m: m.start)
    return found


_JOINED = tuple(tuple(pair) for pair in agency_vocab()["joined_names"])


def _join_pairs(mentions: list[Mention], text: str) -> list[Mention]:
    """'A và B' as one mention where A and B are a pair offices address together (data: joined_names)."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and text[prev.end:m.start].strip().lower() == "và" and any(
                a in match_form(prev.name) and match_form(m.name).startswith(b) for a, b in _JOINED):
            out[-1] = Mention(text[prev.start:m.end], prev.start, m.end, is_group=True)
            continue
        out.append(m)
    return out


def learned_agencies(spans: list[tuple[int, int]], text: str, *, allow_generic: bool) -> list[Mention]:
    """Mentions from recognised spans; a group that names no kind ("các cơ quan, đơn vị liên quan") is
    kept only when ``allow_generic``, as with the hand extents."""
    out: list[Mention] = []
    for start, end in spans:
        raw = text[start:end]
        name = raw.strip(" ,;:-–.")
        if len(name) < 2:
            continue
        start += len(raw) - len(raw.lstrip(" ,;:-–."))
        words = [m.group(0) for m in _TOKEN.finditer(name)]
        is_group = bool(_group_at(words, 0)) or bool(re.match(r"(?i)^(các|những)\s", name))
        if is_group or is_generic_group(name):
            low = name.lower()
            concrete = _names_a_kind(low) and "liên quan" not in low
            if not (concrete or allow_generic):
                continue
            is_group = True
        out.append(Mention(name, start, start + len(name), is_group=is_group))
    return out


@lru_cache(maxsize=1)
def _field_after_head() -> re.Pattern[str]:
    fields = sorted(table("addressing")["field_names"], key=len, reverse=True)
    heads = alternation(agency_vocab()["primary_heads"])
    return re.compile(rf"(?i)(?<!\w)(?:{heads})\s+({'|'.join(re.escape(f) for f in fields)})(?!\w)")


def recase_fields(text: str) -> str:
    """A field's name after a head word in its own spelling: "Bộ Khoa học và công nghệ" (a cell's line broken
    before "công") → "Bộ Khoa học và Công nghệ". Only letter case changes, so every offset holds."""
    fields = {f.lower(): f for f in table("addressing")["field_names"]}

    def fix(m: re.Match[str]) -> str:
        written, canonical = m.group(1), fields[m.group(1).lower()]
        if not written[:1].isupper() or len(canonical) != len(written) \
                or any(w.isupper() and c.islower() for w, c in zip(written, canonical)):
            return m.group(0)  # prose ("sở khoa học …") and spellings in capitals stay as written
        return m.group(0)[:m.start(1) - m.start()] + canonical
    return _field_after_head().sub(fix, text)


def rule_agencies(text: str, *, allow_generic: bool = False) -> list[Mention]:
    """The hand extents: a head word from the vocabulary starts a name, capitalisation, levels and
    places carry it on, verbs and clause words end it. A name never crosses a table cell (a tab)
    nor a sentence's end ("… cấp tỉnh. Đồng thời …")."""
    text = recase_fields(text)
    cuts = [m.start() for m in _CELL_OR_SENTENCE.finditer(text)]
    if cuts:
        out: list[Mention] = []
        for at, end in zip([0] + [c + 1 for c in cuts], cuts + [len(text)]):  # each piece on its own
            out += [Mention(x.name, x.start + at, x.end + at, x.is_group)
                    for x in rule_agencies(text[at:end], allow_generic=allow_generic)]
        return out
    toks = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    words = [t[0].rstrip(".") if t[0].endswith(".") and len(t[0]) > 2 and not t[0].isupper() else t[0] for t in toks]
    out: list[Mention] = []
    i = 0
    while i < len(words):
        j = _group_at(words, i)
        if j:
            j += _activity(words, i + j, " ".join(w.lower() for w in words[i:i + j]))
            last = words[i + j - 1].lower()
            if i + j < len(words) and words[i + j][:1].isupper() and not _head_len(words, i + j) \
                    and _match_seq([last], 0, _heads()) and not _names_document(words, i + j):
                j = _extend(words, i + j, head=last) - i  # a kind with its name: "các Ban Xây dựng Đảng"
            if " ".join(w.lower() for w in words[i:i + j + 3]).removeprefix("các ").startswith(_NOT_AGENCIES):
                i += j  # "Các cơ sở dữ liệu …": a thing, not a kind of party
                continue
            seg = text[toks[i][1]: toks[i + j - 1][2]].rstrip(" .,;")
            lows = " ".join(w.lower() for w in words[i:i + j])
            concrete = _names_a_kind(lows) and "liên quan" not in lows
            if concrete or (allow_generic and is_generic_group(seg)):  # "Các thông số …" is no group
                out.append(Mention(seg.strip(" ,"), toks[i][1], toks[i + j - 1][2], is_group=True))
            i += j
            continue
        n = _head_len(words, i)
        if n and _stop_len(words, i) > n:
            n = 0  # the head word opens a longer verb or clause word: "Ban hành", "Tổ chức thực hiện"
        if n and i > 0 and words[i - 1].lower() in _LAW_TITLE_WORDS:
            n = 0  # "Luật Thuế giá trị gia tăng", "Luật Công an nhân dân": a law's field, not an agency
        if n and words[i].isupper() and len(words[i]) > 1 and i > 0 and words[i - 1].isupper() \
                and words[i - 1][:1].isalpha() and words[i - 1].lower() not in {"ubnd", "hđnd", "và"}:
            n = 0  # in capitals, "ĐỒNG BỘ VĂN BẢN", "MÔI TRƯỜNG TẠI …" hold no agency: a head starts the name
        if n and _head_ok(words, i, n):
            head = " ".join(words[i:i + n]).lower()
            k = _extend(words, i + n, head=head)
            while k > i + n and k < len(words) and words[k - 1][:1].isupper() and words[k].isalpha() \
                    and words[k].islower() and splits_a_word(" ".join(words[max(i, k - 2):k]),
                                                             " ".join(words[k:k + 2])):
                k += 1  # a name never ends inside a word: "Ban Đại diện cha mẹ học sinh", not "Ban Đại"
            k = _before_verb(words, i, n, k)
            name = text[toks[i][1]: toks[k - 1][2]].strip(" ,;:-–.")
            if k > i + n or (head in _SELF_CONTAINED and _bare_head_ends(words, k)) \
                    or (n >= 4 and words[i][:1].isupper()):  # a long head is a whole name: "Liên minh Hợp tác xã"
                out.append(Mention(name, toks[i][1], toks[i][1] + len(name)))
            i = k
            continue
        i += 1
    return out




def _before_verb(words: list[str], i: int, n: int, k: int) -> int:
    """A name's end before the verb its lower-case tail runs into: "Vụ Pháp chế đưa …" → "Vụ Pháp chế", "Bộ Tài
    chính tổng hợp" → "Bộ Tài chính" — when the word right after the one its last capital opens is a verb.
    A name's own later words stay ("Cục Kết cấu hạ tầng xây dựng", "Trung tâm Phục vụ hành chính công")."""
    last_cap = max((j for j in range(i, k) if _is_cap(words[j])), default=i)
    span = words[i:k]
    for w in words[k:k + 3]:  # a little of what follows, up to a punctuation mark
        if not w.isalpha():
            break
        span.append(w)
    if last_cap + 1 >= k or not all(w.isalpha() for w in span) or not all(w.islower() for w in words[last_cap + 1:k]):
        return k
    verb = verb_after(tuple(span), last_cap - i)
    if verb is None or not i + n < i + verb < k or last_cap + _match_seq(words, last_cap, _compounds()) > i + verb:
        return k  # "Khu chế xuất": a compound of the names' vocabulary, whatever the tagger reads
    return i + verb


def _head_ok(words: list[str], i: int, n: int) -> bool:
    head = " ".join(words[i:i + n]).lower()
    first = words[i]
    nxt = words[i + n] if i + n < len(words) else ""
    if head in ("ubnd", "hđnd"):
        return True
    if head == "báo" and nxt.lower() == "cáo":
        return False  # "Báo cáo" is a report, not a newspaper
    if head in _SELF_CONTAINED:
        return first[:1].isupper() or (nxt[:1].isupper())
    if head in {"báo", "đài"} and nxt.lower() == "và":
        return True
    if not first[:1].isupper():
        # "phòng Tư pháp": a lower-case head followed by a capitalised name
        return head in {"phòng", "sở", "trung tâm", "ban", "lực lượng"} and nxt[:1].isupper() and nxt.lower() not in {"ubnd"}
    if n == 1 and not nxt[:1].isupper() and head not in _SELF_CONTAINED and not _match_seq(words, i + 1, _levels()):
        return False  # "Ban" followed by lower-case text is not a name
    return True


def _level_list(words: list[str], k: int) -> int:
    """Index after a list of levels: "tỉnh, thành phố", "xã, phường, đặc khu"."""
    k += _match_seq(words, k, _levels())
    while k + 1 < len(words) and words[k] in {",", "và"} and (lv := _match_seq(words, k + 1, _levels())):
        k += 1 + lv
    return k


def _extend(words: list[str], k: int, head: str) -> int:
    """Index after the end of a name whose head ends before ``k``."""
    start = k
    lower_run = 0
    seen_cap = False
    while k < len(words):
        w = words[k]
        low = w.lower()
        nxt = words[k + 1] if k + 1 < len(words) else ""
        # "Giáo dục và Đào tạo", "Phát triển nông thôn": stop words that complete a name word
        if _is_cap(w) and (compound := _match_seq(words, k, _compounds())):
            seen_cap, lower_run = True, 0
            k += compound
            continue
        if k > start and _is_cap(words[k - 1]) and (compound := _match_seq(words, k - 1, _compounds())) > 1:
            k += compound - 1
            continue
        inside = next((k0 + c for k0 in (k - 2, k - 1) if k0 >= start
                       and (c := _match_seq(words, k0, _compounds())) > k - k0), 0)
        if inside:  # "… hạ tầng xây dựng", "phòng, chống": a compound the stop word completes
            seen_cap, lower_run = True, 0
            k = inside
            continue
        stop = _stop_len(words, k)
        after = words[k + stop] if stop and k + stop < len(words) else ""
        joined_field = seen_cap and w[:1].isupper() and k > start and words[k - 1] in {"-", "–", "&"}
        all_caps = w.isupper() and len(w) > 1 and k > 0 and words[k - 1].isupper() and len(words[k - 1]) > 1
        if stop and not joined_field and (all_caps or (
                not (seen_cap and low in {"tổ chức"} and nxt[:1].isupper())
                and not (k == start and w[:1].isupper())
                and not (w[:1].isupper() and after[:1].isupper() and not _head_len(words, k + stop)))):
            # capitalised and followed by a capital it is a proper name: "Cần Thơ", "Phòng Quản lý Công nghiệp";
            # after a dash it is a merged field: "Sở Giao thông vận tải - Xây dựng"
            break
        lv = _match_seq(words, k, _levels())
        if lv and low == "xã" and nxt.lower() == "hội":
            lv = 0
        if lv:
            k = _level_list(words, k)  # "Thuế tỉnh, thành phố": one level or a list of them
            if " ".join(words[k - lv:k]).lower() == "trung ương" and k < len(words) and _is_cap(words[k]) \
                    and (compound := _match_seq(words, k, _compounds())):
                k += compound  # "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam": one body, the central one
            while k < len(words) and _is_cap(words[k]) and not _head_len(words, k) \
                    and not _names_document(words, k):
                k += 1
            break
        if w in {"-", "–"} and _match_seq(words, k + 1, _role_notes()):
            break  # "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo": the body's role, not its name
        if w in {",", "và", "&", "-", "–"}:
            nxt_head = _head_len(words, k + 1)
            if w in {"-", "–"} and {words[k - 1].lower(), nxt.lower()} == {"hđnd", "ubnd"}:
                k += 1  # "Văn phòng HĐND - UBND cấp xã": one office of both
                continue
            if w in {"-", "–"} and seen_cap and nxt_head and nxt[:1].isupper() \
                    and " ".join(words[k + 1:k + 1 + nxt_head]).lower() not in _PRIMARY_HEADS:
                k += 1  # "Tập đoàn Công nghiệp - Viễn thông Quân đội": one name across the dash
                continue
            if nxt[:1].isupper() and not nxt_head and nxt.lower() not in {"ubnd", "hđnd"} \
                    and not _HEAD_TITLES.match(" ".join(words[k + 1:k + 4])) \
                    and not _names_document(words, k + 1):
                k += 1  # not into a person's title ("UBND, Chủ tịch …") nor a document ("và Chương trình")
                continue
            if w == "và" and lower_run and nxt.lower() in {x.lower() for x in words[k - lower_run:k]}:
                k += 1  # "… các khu công nghệ cao và khu công nghiệp": the same noun coordinated
                continue
            break
        if w in {";", ":", "(", ")", "/"} or w.endswith("."):
            if w.endswith(".") and len(w) > 1 and (w[:1].isupper() or w.isupper()):
                k += 1
            break
        if (_is_cap(w) or w.isupper()) and not w.isupper() and (
                _names_document(words, k) or (head in _SELF_CONTAINED and low in _FAMILY_NAMES and nxt[:1].isupper())):
            break  # "… Kế hoạch này", "Thủ tướng Chính phủ Trần Hồng Hà": a document or a person follows
        if _is_cap(w) or w.isupper():
            if k > start and seen_cap and (owner := _match_seq(words, k, _OWNER_QUALIFIERS)):
                return k + owner  # "Ban Cơ yếu Chính phủ": the owner closes the name
            if k > start and seen_cap and _HEAD_TITLES.match(" ".join(words[k:k + 4])):
                break  # "… Sở Khoa học và Công nghệ Giám đốc Trung tâm …": the next head's title, a separator left out
            if _head_len(words, k) and k > start and low not in {"ngân", "hàng"} \
                    and words[k - 1] not in {"-", "–"} and head not in _ENTERPRISE_HEADS:  # a dash let it in
                # a new head word inside a name is allowed only after "của" / "thuộc"; else a new agency
                break
            seen_cap = True
            lower_run = 0
            k += 1
            continue
        # lower-case word
        if low == "các" and k == start and _match_seq(words, k + 1, _levels()):
            return _level_list(words, k + 1)  # "Thuế các tỉnh, thành phố", "Công an các xã, phường"
        if low == "các" and k == start and nxt[:1].isupper():
            k += 1  # "Ban Quản lý các Khu công nghiệp"
            continue
        if head in _SELF_CONTAINED and not seen_cap:
            break
        descriptive = head in _DESCRIPTIVE_HEADS and not seen_cap
        if not descriptive and not seen_cap and k == start and not (
                " " in head and any(_is_cap(x) and not _head_len(words, j)
                                    for j, x in enumerate(words[k + 1:k + 3], start=k + 1))):
            break  # a two-word head may go on in lower case into a capital: "Ban Quản lý khu Kinh tế"
        lower_run += 1
        if lower_run > (8 if head in _DESCRIPTIVE_HEADS else 4):
            k -= lower_run - 1
            break
        k += 1
    # drop trailing lower-case words that are not part of a name
    while k > start and words[k - 1] in {",", "và", "&", "-", "–"}:
        k -= 1
    return k


_DESCRIPTIVE_KINDS = tuple(agency_vocab()["descriptive_kinds"])


def _activity(words: list[str], k: int, group: str) -> int:
    """Words after a group of regulated parties that say what they do ("Các cơ sở | nuôi trồng thủy
    sản"): lower case, up to a verb or clause word, a punctuation mark or eight words."""
    if not group.endswith(_DESCRIPTIVE_KINDS):
        return 0
    n = 0
    while k + n < len(words) and n < 8:
        w = words[k + n]
        if w[:1].islower() and (compound := _match_seq(words, k + n, _compounds())):
            n += compound  # "Các cơ sở | đào tạo đại học": a compound names the activity, it is no verb here
            continue
        if not w[:1].islower() or _stop_len(words, k + n) or _head_len(words, k + n):
            break
        n += 1
    return n if n >= 2 else 0


# a cell boundary, or a full stop after a lower-case word and before a capital ("TP. Hồ Chí Minh" stays)
_CELL_OR_SENTENCE = re.compile(vi_pattern(r"\t|(?<=[^\W\d_]{2})(?<![[:upper:]]{2})\.(?=\s+[[:upper:]])"))
_NOT_AGENCIES = tuple(agency_vocab()["not_agencies"])


def _bare_head_ends(words: list[str], k: int) -> bool:
    """A head standing alone ("Công an", "Thanh tra") names a body where the clause goes on with a verb or
    stops; followed by a plain noun it is the activity ("Thanh tra chuyên đề về …")."""
    if k >= len(words):
        return True
    w = words[k]
    return not w[:1].islower() or w.lower() in {"và", "cùng", "với"} or bool(_stop_len(words, k))


_DOCUMENT_FOLLOWERS = frozenset({"số", "này", "ngày", "của", "về", "kèm", "đã", "được", "trên", "nêu", "thực"})


def _names_document(words: list[str], k: int) -> bool:
    """A document is named at ``k`` ("Kế hoạch này", "Chương trình số 12"), not a part of a name
    ("Ban Quản lý Dự án 85", "Phòng Tài chính - Kế hoạch")."""
    n = _match_seq(words, k, _doc_types())
    if n < 2 or (k > 0 and words[k - 1] in {"-", "–", "&"}):
        return False
    after = words[k + n] if k + n < len(words) else ""
    return not after or after.lower() in _DOCUMENT_FOLLOWERS


def _group_at(words: list[str], i: int) -> int:
    """Length of a group mention starting at ``i`` ("các sở, ban, ngành", "UBND các xã, phường")."""
    low = [w.lower() for w in words]
    j = i
    if low[j:j + 1] in (["ubnd"], ["hđnd"]):
        j += 1
    elif low[j:j + 4] == ["ủy", "ban", "nhân", "dân"] or low[j:j + 4] == ["uỷ", "ban", "nhân", "dân"]:
        j += 4
    if j < len(low) and low[j] in {"các", "cấp"} and (j > i or low[j] == "các"):
        j += 1
    elif j > i and j + 2 < len(low) and low[j] in {"xã", "phường", "huyện", "thị"} and low[j + 1] == "," \
            and low[j + 2] in {"phường", "thị", "xã", "đặc", "thành", "quận"}:
        pass  # "UBND xã, phường"
    elif j == i and j + 2 < len(low) and low[j] == "sở" and low[j + 1] == "," and low[j + 2] in {"ban", "ngành"}:
        pass  # "phối hợp với sở, ban, ngành, …": the kinds listed without "các"
    else:
        return 0
    if j >= len(low) or low[j] not in _GROUP_WORDS or low[j:j + 2] == ["bộ", "trưởng"]:
        return 0  # "Các Bộ trưởng, Thủ trưởng …": heads listed, not a group of kinds
    k = j
    place = False  # inside the place name after a level word ("tỉnh Lào Cai")
    while k < len(low) and (low[k] in _GROUP_WORDS or tuple(low[k:k + 2]) in _GROUP_PHRASES or (
            words[k][:1].isupper() and k > j and (
            low[k - 1] in {"tỉnh", "huyện", "thành", "phố", "khu"} or place))):  # "… đặc khu Cồn Cỏ"
        place = words[k][:1].isupper() and low[k] not in _GROUP_WORDS
        if low[k] == "," and k + 1 < len(low) and low[k + 1] in {"chủ", "doanh", "nhà"} and k > j + 1:
            break  # "các Sở, ban ngành, chủ đầu tư …": businesses are another kind, another group
        if low[k] == "chủ" and (k + 1 >= len(low) or low[k + 1] != "đầu"):
            break  # "chủ đầu tư" is a kind; "UBND cấp xã chủ trì" ends before the verb
        if low[k] == "," and (k + 1 >= len(low) or low[k + 1] not in _GROUP_WORDS
                               and tuple(low[k + 1:k + 3]) not in _GROUP_PHRASES):
            break
        if low[k] == "," and low[k - 1] in {"huyện", "tỉnh", "phố", "xã", "phường", "khu", "trấn"} and k + 1 < len(low) \
                and low[k + 1] not in {"xã", "phường", "thị", "thành", "quận", "huyện", "đặc"}:
            break  # "các cơ quan, ban, ngành huyện, tổ chức …": the level word closes the group
        if k > j and low[k - 1] in {"huyện", "tỉnh"} and low[k] not in {",", "và", "còn", "liên", "có"} \
                and not words[k][:1].isupper():
            break  # "… đoàn thể huyện tổ chức các đoàn kiểm tra": a verb after the level word
        if low[k] == "và" and (k + 1 >= len(low) or low[k + 1] in {"các"} or not _kind_follows(low, k + 1)) \
                and not (low[k - 1] == "trong" and low[k + 1:k + 2] == ["ngoài"]):  # "trong và ngoài tỉnh"
            break  # "các sở, ngành và chính quyền địa phương": what follows "và" names no kind
        if low[k:k + 2] == ["tổ", "chức"] and k > j and low[k - 1] not in {",", "các", "và", "-", "–"}:
            break  # "UBND cấp xã tổ chức tuyên truyền": not in a list's place, "tổ chức" is the verb
        if tuple(low[k:k + 2]) in _GROUP_PHRASES:
            k += 2
            continue
        if low[k:k + 3] == ["thuộc", "chính", "phủ"]:
            k += 3  # "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ": one kind of central body
            continue
        if low[k:k + 2] == ["trực", "thuộc"] and (k + 2 >= len(low) or low[k + 2] in {",", ";", ":", "(", ")"}):
            return k + 2 - i  # "các tổ chức chính trị - xã hội trực thuộc": the affiliated ones, a kind still
        if low[k] in {"của", "có", "trong", "thuộc", "trực"} and (k + 1 >= len(low) or low[k + 1] not in _GROUP_WORDS):
            break
        k += 1
    while k > j and low[k - 1] in {",", "và", "-", "–", "của", "có", "trong", "thuộc", "trực"}:
        k -= 1
    return k - i if k > j else 0


def _kind_follows(low: list[str], k: int) -> bool:
    """The words from ``k`` to the next comma or clause word name a kind of agency."""
    end = k
    while end < len(low) and end - k < 6 and low[end] not in {",", ";", ":", "."} and low[end] in _GROUP_WORDS:
        end += 1
    return _names_a_kind(" ".join(low[k:end]))


def _names_a_kind(low: str) -> bool:
    return any(re.search(rf"\b{re.escape(k)}\b", low) for k in _KINDS)


_UNITS_OF = re.compile(r"^(?:các\s+)?(?:cơ quan|đơn vị)(?:\s*,\s*(?:cơ quan|đơn vị))*\s+(?:trực\s+)?thuộc\b(?!\s+chính phủ)")


def is_generic_group(name: str) -> bool:
    low = match_form(name)
    if "liên quan" in low or _UNITS_OF.match(low):
        return True  # "các đơn vị thuộc Bộ Tài chính": whose units, no kind (ANNOTATION.md)
    words = set(re.findall(r"\w+", low)) - {"các", "và", "có"}
    if not words or _names_a_kind(low):
        return False
    return words <= {"cơ", "quan", "đơn", "vị", "địa", "phương", "tổ", "chức", "cá", "nhân", "cấp", "ngành"}


# a body's head named before it ("Giám đốc Sở …", "Vụ trưởng Vụ …"): the titles are data (addressing.json)
_HEAD_TITLES = re.compile(rf"^(?:đồng chí\s+)?(?:{alternation(table('addressing')['head_titles'])})\s+(?:các\s+)?",
                          re.IGNORECASE)


def strip_head_title(name: str) -> str:
    """'Giám đốc Công an tỉnh' → 'Công an tỉnh'; 'Chánh Văn phòng UBND tỉnh' → 'Văn phòng UBND tỉnh'."""
    m = _HEAD_TITLES.match(name)
    if not m:
        return name
    rest = name[m.end():]
    if m.group(0).lower().startswith("chánh văn phòng"):
        return "Văn phòng " + rest
    if m.group(0).lower().startswith("chánh thanh tra"):
        return "Thanh tra " + rest
    return rest


_UNITS = {"xã": "xã", "phường": "phường", "đặc khu": "đặc_khu", "thị trấn": "thị_trấn", "huyện": "huyện",
          "quận": "quận", "thị xã": "thị_xã", "thành phố": "thành_phố"}
_UNIT_RE = re.compile(r"\b(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b")


@lru_cache(maxsize=4096)
def canonical_key(name: str, *, ordered: bool = False) -> str:
    """One key for the spellings of one agency inside a plan. A group listing several kinds of
    unit ("UBND xã, phường, đặc khu" / "Ủy ban nhân dân phường, xã, đặc khu") gets one key
    whatever their order, unless ``ordered``."""
    s = _literal_key(name)
    if ordered:
        return s
    words = _UNIT_RE.sub(lambda m: _UNITS[m.group(1)], s).split()
    units = [w for w in words if w in _UNITS.values()]
    if len(units) < 2:
        return s
    first = next(i for i, w in enumerate(words) if w in _UNITS.values())
    rest = [w for w in words if w not in _UNITS.values()]
    return " ".join(rest[:first] + sorted(units) + rest[first:]).replace("_", " ")


def unit_group_spellings(names) -> dict[str, str]:
    """Within one plan: canonical key of "UBND cấp xã" / "UBND các xã" → the plan's most used spelling
    that lists that unit with others ("UBND các xã, phường"), when there is one such spelling."""
    from collections import Counter

    listing: dict[str, Counter[str]] = {}
    for name in names:
        key = canonical_key(name)
        if not key.startswith("ủy ban nhân dân"):
            continue
        units = [u for u in _UNIT_RE.findall(key)]
        if len(units) >= 2:
            listing.setdefault(units[0], Counter())[name] += 1
            for u in units[1:]:
                listing.setdefault(u, Counter())[name] += 0
    out: dict[str, str] = {}
    for unit, spellings in listing.items():
        distinct = {canonical_key(n) for n in spellings}
        if len(distinct) == 1:
            out[f"ủy ban nhân dân {unit}"] = spellings.most_common(1)[0][0]
    return out


def _literal_key(name: str) -> str:
    s = match_form(name)
    for abbr, full in sorted(agency_vocab()["abbreviations"].items(), key=lambda kv: -len(kv[0])):
        s = re.sub(rf"(?<![\w&]){re.escape(abbr)}(?![\w&])", full.lower(), s)
    s = re.sub(r"[,;:.()\"“”'\-–—/&]", " ", s)
    s = re.sub(r"\b(và|các|cấp)\b", " ", s)
    s = re.sub(r"^(đề nghị|giao|yêu cầu)\s+", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def level_of(name: str) -> str | None:
    low = match_form(name).replace("xã hội", "xh")  # "Chính sách xã hội" names no commune
    for level, words in (("commune", ("xã", "phường", "thị trấn", "đặc khu")), ("district", ("huyện", "quận", "thị xã")),
                         ("province", ("tỉnh", "thành phố")), ("central", ("bộ ", "chính phủ", "trung ương", "cục "))):
        if any(re.search(rf"\b{w}\b", low) for w in words):
            return level
    if low.startswith("phòng "):
        return "district"
    if low.startswith("sở "):
        return "province"
    return None
