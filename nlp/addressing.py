"""How a document addresses the bodies it gives duties to, beyond one agency name at a time.

- Heads listed together name their bodies one by one: "Chánh Văn phòng UBND tỉnh; Giám đốc các Sở, Thủ
  trưởng các Ban, Ngành cấp tỉnh; Chủ tịch UBND các xã, phường … chịu trách nhiệm thi hành Quyết định này"
  (a Quyết định's closing article, a Công điện's items, a Công văn's "Giao người đứng đầu …").
- A kind followed by its members: "Bộ trưởng các Bộ: Công an, Quốc phòng" → "Bộ Công an", "Bộ Quốc phòng".
- The issuer's own lead-in ("Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:") owns none of what follows.
- A Thông báo's closing "X thông báo để A và B biết, thực hiện" gives A and B that duty.

The vocabulary (titles, cues, kinds of document) is data: nlp/data/addressing.json.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..extract.normalize import match_form
from ..models import units
from ..models.text import vi_pattern
from .agencies import Mention, canonical_key, find_agencies, is_generic_group
from .vocab import agency_vocab, alternation, table


@lru_cache(maxsize=None)
def _data() -> dict:
    return table("addressing")


@lru_cache(maxsize=None)
def _title_re() -> re.Pattern[str]:
    # "các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ …": the heads may be plural
    return re.compile(rf"(?:các\s+)?(?:phó\s+)?(?:{alternation(_data()['head_titles'])})\b", re.I)


@lru_cache(maxsize=None)
def _cue_re() -> re.Pattern[str]:
    # case-sensitive: a cue is a lower-case verb phrase ("xây dựng"), never a capitalised name ("Bộ Xây dựng")
    return re.compile(rf"(?<![\w])(?:{alternation(_data()['predicate_cues'])})(?![\w])")


@lru_cache(maxsize=None)
def _speech_re() -> re.Pattern[str]:
    return re.compile(rf"^\W*(?:{alternation(_data()['speech_acts'])})", re.I)


@lru_cache(maxsize=None)
def _heads() -> tuple[str, ...]:
    return tuple(sorted(agency_vocab()["heads"], key=len, reverse=True))


def kinds() -> dict[str, dict]:
    """Kind of document → how it addresses its duties (documentation of the layouts this module reads)."""
    return _data()["kinds"]


def _head_of(piece: str) -> str | None:
    low = re.sub(r"^các\s+", "", match_form(piece))
    if any(low.startswith(w) for w in _data()["not_heads"]):
        return None
    return next((h for h in _heads() if low == h or low.startswith(h + " ") or low.startswith(h + ",")), None)


def _starts_with_head(piece: str) -> bool:
    if _head_of(piece):
        return True
    m = re.match(r"^các\s+(.*)$", match_form(piece))  # "các đơn vị sự nghiệp công lập …"
    return bool(m) and any(m.group(1).startswith(w + " ") or m.group(1) == w for w in _data()["group_starts"])


def _strip_title(piece: str) -> tuple[str | None, str]:
    m = _title_re().match(piece)
    if not m:
        return None, piece
    title = re.sub(r"^các\s+", "", match_form(m.group(0)))
    rest = re.sub(r"\s+(?:nêu|nói|kể) trên$", "", piece[m.end():].strip(" ,"))  # "… Trung ương nêu trên"
    if title in {"chánh văn phòng", "chánh thanh tra"}:
        return title, piece[m.start() + len("Chánh "):].strip()
    return title, rest


def _members(text: str) -> list[str]:
    """A member list "Tài chính, Xây dựng, Văn hóa, Thể thao và Du lịch, Tập đoàn Điện lực Việt Nam",
    not cut inside a field name that holds a comma."""
    protected = text
    fields = sorted(_data()["field_names"], key=len, reverse=True)
    for i, f in enumerate(fields):
        protected = re.sub(re.escape(f), f"\x00{i}\x00", protected, flags=re.I)
    out = []
    for part in re.split(vi_pattern(r"\s*,\s*|\s+và\s+(?=[[:upper:]]|(?:xã|phường|thị trấn|đặc khu|huyện|tỉnh)\s)"),
                         protected):
        part = re.sub(r"\x00(\d+)\x00", lambda m: fields[int(m.group(1))], part).strip(" .;:")
        if part:
            out.append(part)
    return out


_BETWEEN_NAMES = re.compile(vi_pattern(r"\s*,\s*(?=[[:upper:]])|\s+và\s+(?=[[:upper:]])"))


def _without_body_prefix(piece: str) -> str:
    low = match_form(piece)
    prefix = next((p for p in _data()["body_prefixes"] if low.startswith(p + " ")), None)
    return piece[len(prefix) + 1:] if prefix else piece


_LEVEL = r"(?:tỉnh|huyện|xã|phường|quận|thị xã|thị trấn|đặc khu)"
_KIND_LEVEL = rf"(?:{_LEVEL}|thành phố)"
# "Ủy ban nhân dân các xã", "UBND các phường, xã", "Chủ tịch UBND các tỉnh, thành phố trực thuộc Trung ương"
# before the colon that lists their names
_PLACES_KIND = re.compile(rf"^(?P<body>.+?)\s+các\s+(?P<levels>(?P<level>{_KIND_LEVEL})(?:\s*,\s*{_KIND_LEVEL})*)"
                          r"(?:\s+trực\s+thuộc\s+(?:Trung\s+ương|tỉnh))?$", re.I)


def _unit_body(body: str, levels: str, member: str) -> str:
    """"Ủy ban nhân dân" of the unit named: "Tả Phìn" → "Ủy ban nhân dân xã Tả Phìn"; a member naming its own level
    ("phường Sa Pa") keeps it; of "các tỉnh, thành phố", a centrally-run city is a "thành phố" ("Đà Nẵng"), the
    rest are "tỉnh"."""
    if re.match(rf"(?i){_KIND_LEVEL}\s", member):
        return f"{body} {member}"
    named = [x.strip().lower() for x in levels.split(",")]
    level = named[0]
    if "thành phố" in named and "tỉnh" in named:
        level = "thành phố" if units.is_city(member) else "tỉnh"
    return f"{body} {level} {member}"


def _bodies(piece: str) -> list[str]:
    """The bodies one piece of a list of heads names."""
    title, rest = _strip_title(piece.strip(" ,;:."))
    if title and rest.startswith(":"):  # "Giám đốc: Trung tâm Công báo - Tin học tỉnh, Trung tâm Phục vụ …"
        return [m.name for m in find_agencies(rest[1:])]
    if not rest:
        body = _data()["title_bodies"].get(title or "")
        return [body] if body else []
    head = _data()["title_heads"].get(title or "")
    if head and rest[:1].isupper() and not _starts_with_head(rest):
        rest = f"{head} {rest}"  # "Trưởng phòng Quản lý công nghiệp" → "Phòng Quản lý công nghiệp"
    m = re.match(r"^(?P<kind>[^:]{2,70}?)\s*:\s*(?P<members>.+)$", rest)
    if m:
        head = _data()["member_kinds"].get(match_form(m.group("kind")).strip())
        places = _PLACES_KIND.match(m.group("kind"))
        if head is None and places and _NAMES_LISTED.match(m.group("members")):
            # "Ủy ban nhân dân các huyện: Hoa Lư, Nho Quan" → each district's UBND
            return [_unit_body(places.group("body"), places.group("levels"), p) for p in _members(m.group("members"))]
        if head is None:
            rest = m.group("kind")  # "… các tỉnh, thành phố: Huế, Đà Nẵng": two levels, so the group as written
        else:
            # "Dân tộc và Tôn giáo, Nội vụ và các sở, ban, ngành": the members end where a group opens
            members, _, group = (re.split(r"(\s*,\s*|\s+và\s+)(?=các\s)", m.group("members"), maxsplit=1)
                                 + ["", ""])[:3]
            names = [g.name for g in find_agencies(group, allow_generic=True)] if group else []
            for member in reversed(_members(members)):
                # a member that is a body's own name stays ("Tập đoàn Điện lực Việt Nam"); a field takes the
                # kind's head ("Công an" → "Bộ Công an", "Tài chính" → "Bộ Tài chính")
                own = _head_of(member)
                names.insert(0, member if own and len(member.split()) > len(own.split()) else f"{head} {member}")
            return names
    out = []
    # "các cơ quan chuyên môn, cơ quan hành chính khác, các đơn vị sự nghiệp …": a new "các" starts another
    # group; "cơ quan ngang Bộ, cơ quan thuộc Chính phủ": a name closed by its proper name is complete
    parts: list[str] = []
    for chunk in re.split(r"\s*,\s*(?=các\s)|\s+và\s+(?=các\s)", rest):
        subs = re.split(r",\s*(?=(?:cơ quan|đơn vị)\s)", chunk)
        merged = [subs[0]]
        for sub in subs[1:]:
            last = merged[-1].split()[-1] if merged[-1].split() else ""
            if last[:1].isupper():
                merged.append(sub)
            else:
                merged[-1] = f"{merged[-1]}, {sub}"
        parts.extend(merged)
    # "UBND xã Gia Phú và Công ty Cổ phần X", "Sở Nội vụ, Thường trực HĐND huyện, UBND huyện": a comma or
    # "và" before a capitalised body lists bodies, when every piece opens with one
    split_parts: list[str] = []
    for part in parts:
        pieces = [p for p in _BETWEEN_NAMES.split(part) if p]
        ok = len(pieces) > 1 and all(_starts_with_head(_without_body_prefix(p)) for p in pieces)
        split_parts.extend(pieces if ok else [part])
    parts = split_parts
    for part in parts:
        part = part.strip(" ,;:.")
        # "các cơ quan, đơn vị trực thuộc UBND Thành phố" names no kind; "các đơn vị sự nghiệp công lập trực thuộc …" does
        unqualified = re.sub(r"\s+trực thuộc\s.*$", "", part)
        if part and _starts_with_head(_without_body_prefix(part)) and not is_generic_group(unqualified) \
                and _name_like(part):
            out.append(part)
    return out


def _name_like(piece: str) -> bool:
    """No second head's title inside, no verb of a clause: a body's name, not "Sở phân công các Phó Giám đốc …"."""
    if _title_re().search(piece, 1) or len(piece.split()) > 16:
        return False
    low = f" {match_form(piece)} "
    return not any(f" {w} " in low for w in _data()["not_in_names"])


def _pieces(part: str) -> list[str]:
    """A ';'-part cut before each head title it lists ("Giám đốc các Sở, Thủ trưởng các Ban, Ngành")."""
    cuts = [m.start() for m in re.finditer(rf"(?:,\s*|\s+và\s+)(?=(?:{_title_re().pattern}))", part, re.I)]
    out, prev = [], 0
    for c in cuts:
        out.append(part[prev:c])
        prev = c
    out.append(part[prev:])
    return [re.sub(r"^\s*(?:,|và)\s*", "", p) for p in out]


def split_addressees(text: str) -> list[str]:
    """The bodies a list of heads and bodies names, one by one, each as the document spells it."""
    text = re.sub(r"^\s*(?:Giao|Đề nghị|Yêu cầu|Trách nhiệm(?: của)?)\s+", "", text.strip(" ,;:."), flags=re.I)
    out: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"\s*;\s*", text):
        pieces = _pieces(part)
        for i, piece in enumerate(pieces):
            title, rest = _strip_title(piece.strip(" ,;:."))
            nxt = _strip_title(pieces[i + 1].strip(" ,;:."))[1] if i + 1 < len(pieces) else ""
            body = _data()["title_bodies"].get(title or "", "")
            if not rest and body and match_form(nxt).startswith(match_form(body)):
                continue  # "Giám đốc, Thủ trưởng các sở, ban, ngành": the heads share the body after them
            for name in _bodies(piece):
                key = canonical_key(name)
                if key and key not in seen:
                    seen.add(key)
                    out.append(name)
    if len(out) == 1 and len(out[0].split()) == 1:
        return []  # "Giám đốc Sở thực hiện …" alone: the head of one unnamed body, not a list of bodies
    return out


def lists_heads(text: str) -> bool:
    """``text`` opens with a head's title, or lists bodies by ';' or by a kind and its members."""
    t = re.sub(r"^\s*(?:Giao|Đề nghị|Yêu cầu)\s+", "", text)
    if _title_re().match(t):
        return True
    m = re.match(r"^([^:;]{2,70}?)\s*:", t)
    if m and is_member_kind(m.group(1), t[m.end():]):
        return True  # "Các Bộ: Công an, …", "Ủy ban nhân dân các xã: Tả Phìn, …"
    if match_form(t).startswith(tuple(_data()["listed_kinds"])):
        return True  # "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ, …"
    parts = [p.strip() for p in t.split(";") if p.strip()]
    return len(parts) > 1 and all(_opens_body(p) for p in parts)


def _opens_body(part: str) -> bool:
    """A ';'-part that opens with a head's title or with a body's name ("Chánh Văn phòng …", "Sở Y tế …")."""
    if _title_re().match(part):
        return True
    if not _starts_with_head(part):
        return False
    found = find_agencies(part[:80], allow_generic=True)  # only where the part starts matters
    return bool(found) and found[0].start == 0


_NAMES_LISTED = re.compile(vi_pattern(r"^\s*[[:upper:]]\w*(?:\s+[[:upper:]]\w*){0,3}\s*(?:,|và\s)"))


def is_member_kind(text: str, after: str = "") -> bool:
    """"Các Bộ, cơ quan" before ": Tài chính, Xây dựng, …": a kind whose members follow the colon; a kind of units
    ("Ủy ban nhân dân các tỉnh") only when names are listed after it ("Đắk Lắk, Khánh Hòa …", not "Phối hợp với …")."""
    if match_form(text).strip(" *") in _data()["member_kinds"]:
        return True
    return bool(_PLACES_KIND.match(text.strip(" *"))) and bool(_NAMES_LISTED.match(after))


def trim_run_on(name: str, predicate: str) -> tuple[str, str]:
    """"các Sở, ban, ngành, địa phương tổ chức" + "thực hiện …": a name that ran into the first words of a
    predicate cue ("tổ chức thực hiện") gives them back to the predicate."""
    words = name.split()
    for cue in sorted(_data()["predicate_cues"], key=len, reverse=True):
        parts = cue.split()
        for k in range(1, len(parts)):
            head, rest = parts[:k], " ".join(parts[k:])
            if len(words) > k and [w.lower() for w in words[-k:]] == head and predicate.lower().startswith(rest):
                return " ".join(words[:-k]), " ".join(words[-k:]) + " " + predicate
    return name, predicate


@lru_cache(maxsize=None)
def _role_line_re() -> re.Pattern[str]:
    d = _data()
    return re.compile(rf"^(?:{alternation(d['role_line_heads'])})\s+(?!(?:{alternation(d['role_lines_not_duties'])})\b)"
                      rf"(?P<role>[^:]{{3,40}}?)\s*:\s*(?P<who>.+?)\s*[.;]?$", re.I)


def role_line(text: str) -> list[str] | None:
    """"Cơ quan tổ chức lập: Ủy ban nhân dân thành phố Tam Điệp." → the bodies that hold that role."""
    m = _role_line_re().match(text.strip())
    if not m:
        return None
    who = m.group("who")
    found = [a for a in find_agencies(who) if not is_generic_group(a.name)]
    if not found or sum(a.end - a.start for a in found) < 0.7 * len(who.strip(" .;")):
        return None
    return [a.name for a in found]


@dataclass
class Addressed:
    names: list[str]
    predicate: int  # where the duty starts in the text


def addressed_subject(sentence: str) -> Addressed | None:
    """'Giám đốc Sở, Thủ trưởng cơ quan, ban, ngành thành phố; Chủ tịch Ủy ban nhân dân xã, phường; cơ
    quan, tổ chức và cá nhân có liên quan chịu trách nhiệm thi hành …' → the bodies, and where the duty starts."""
    if not lists_heads(sentence):
        return None
    cue = _cue_re().search(sentence)
    if cue is None or cue.start() == 0:
        return None
    names = split_addressees(sentence[:cue.start()])
    if not names:
        return None
    return Addressed(names, cue.start())


def heading_addressees(text: str) -> list[str] | None:
    """A heading that is only heads and bodies ("Giao người đứng đầu các cơ quan chuyên môn, …; Chủ tịch
    Ủy ban nhân dân các xã, phường và đặc khu"), with no duty of its own."""
    if not lists_heads(text) or _cue_re().search(text):
        return None
    return split_addressees(text) or None


def opens_predicate(text: str) -> bool:
    """``text`` starts with a duty's verb phrase ("tổ chức lập …", "có trách nhiệm …", "chủ trì …")."""
    m = _cue_re().match(text) or re.match(r"tổ chức\b", text)
    return bool(m)


def opens_with_adverbial(sentence: str) -> bool:
    """The sentence opens with a time or condition ("Chậm nhất là 30 ngày, …", "Trong 03 ngày làm việc, …")."""
    return bool(_adverbial_re().match(sentence))


@lru_cache(maxsize=None)
def _adverbial_re() -> re.Pattern[str]:
    return re.compile(rf"^\W*(?:{alternation(_data()['leading_adverbials'])})\b", re.I)


def is_speech_act(predicate: str) -> bool:
    """"có ý kiến chỉ đạo như sau:", "điện:", "kết luận như sau:": the issuer speaking, not a duty."""
    return bool(_speech_re().match(predicate))


@dataclass
class Closing:
    names: list[str]
    duty: str
    start: int


@lru_cache(maxsize=None)
def _closing_re() -> re.Pattern[str]:
    d = _data()
    return re.compile(rf"^[^,;:.]{{0,80}}?\s(?:{alternation(d['closing_formulas'])})\s+(?P<who>[^.;:]{{3,200}}?)\s+"
                      rf"(?P<duty>(?:{alternation(d['closing_duty_start'])})\b.*)$", re.I)


def closing_formula(sentence: str) -> Closing | None:
    """"Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh Điện Biên và các Bộ … biết, thực hiện./."
    → each concrete body named between "thông báo để" and "biết" owns the rest of the sentence."""
    m = _closing_re().match(sentence.strip())
    if not m:
        return None
    names = [a.name for a in find_agencies(m.group("who"))]
    names = [n for n in names if not is_generic_group(n)]
    if not names:
        return None
    duty = re.sub(r"\./\.$", ".", m.group("duty").strip())
    if not re.sub(r"(?i)^(?:được\s+)?biết\b", "", duty).strip(" ,.;/"):
        return None  # "… thông báo để Công ty được biết.": told, not given anything to do
    return Closing(names, duty, sentence.find(m.group("duty")))


@lru_cache(maxsize=None)
def _place_body_re() -> re.Pattern[str]:
    # the place word, then up to four words that may be its name: which are is decided by their case
    return re.compile(rf"(?<![\w])(?i:{alternation(_data()['place_bodies']['places'])})(?P<name>(?:\s+\w+){{0,4}})")


@lru_cache(maxsize=None)
def _after_preposition_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{alternation(_data()['place_bodies']['not_after'])})\s+$", re.I)


@lru_cache(maxsize=None)
def _modal_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(_data()['place_bodies']['modals'])})\b")


def place_bodies(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """A province or city standing as a body at a subject ("Tỉnh tổ chức thực hiện …", "tỉnh Đắk Lắk
    cần tiếp tục …"), as mentions; only where a duty's verb or a modal follows and no agency name
    already covers it."""
    out = []
    for m in _place_body_re().finditer(sentence):
        end = m.start("name")
        for word in re.finditer(r"\s+(\w+)", m.group("name")):
            if not word.group(1)[:1].isupper():
                break
            end = m.start("name") + word.end()
        if end == m.start("name") and not sentence[m.start()].isupper():
            continue  # "tỉnh" in lower case with no name after it is a common noun
        if any(x.start < end and m.start() < x.end for x in mentions):
            continue
        if _after_preposition_re().search(sentence[:m.start()]):
            continue  # "… do Thành phố thực hiện", "của tỉnh X": a place, not a subject
        rest = sentence[end:].lstrip()
        if _modal_re().match(rest) or opens_predicate(rest):
            out.append(Mention(sentence[m.start():end], m.start(), end))
    return out


@lru_cache(maxsize=None)
def _past_openers_re() -> re.Pattern[str]:
    d = _data()["past_narrative"]
    return re.compile(rf"^\W*(?:(?P<opener>{alternation(d['openers'])})\b"
                      rf"|(?:{alternation(d['periods'])})\s+(?P<year>(?:19|20)\d\d)\b(?![/-]))", re.I)


def is_past_narrative(sentence: str, year: int | None) -> bool:
    """``sentence`` tells what was done: it opens with a period before the document's ``year``
    ("Trong năm 2025, …" in a 2026 report) or with a looking-back phrase ("Thời gian qua, …")."""
    m = _past_openers_re().match(sentence)
    if not m:
        return False
    if m.group("opener"):
        return True
    return year is not None and int(m.group("year")) < year
