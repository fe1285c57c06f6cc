"""Agency headings and lead-ins: a heading naming nothing but bodies ("1. Công an huyện", "Trách nhiệm của Sở X",
"Giao các sở, ngành:") owns the paragraphs and items under it; a lead-in asking bodies by name ("… trân trọng đề
nghị Bộ Xây dựng:") owns the items after it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...extract.normalize import match_form
from ...models import Block, BlockKind
from ...models.text import vi_pattern
from ..addressing import heading_addressees
from ..agencies import Mention, find_agencies, is_generic_group, strip_head_title
from ..deadlines import DeadlineHit
from ..vocab import agency_vocab, alternation, table
from .common import ADDRESS, NAME_WORD, RawTask, is_numbered, strip_label

# what may stand before the names of a heading: "Đề nghị:", "Các ông, bà:", "các"
_ADDRESS_WORDS = re.compile(rf"(?i)\b(?:các|ông|bà|đồng chí|đề nghị|giao|yêu cầu|chánh|phó|"
                            rf"{alternation(table('addressing')['head_titles'])})\b")
_PARTY_KINDS = frozenset(agency_vocab()["descriptive_kinds"])
_OWES = re.compile(r"\s+(?:có|chịu)\s+trách\s+nhiệm(?:\s+(?:thực hiện|triển khai|như sau|các nội dung sau|sau))*\s*:?\s*$",
                   re.I)
_ROLE_NOTE_AFTER_DASH = re.compile(rf"\s+[-–]\s+(?:{alternation(agency_vocab()['role_notes'])})\b.*$", re.I)
_ACTS = re.compile(r"\b(thực hiện|triển khai|tổ chức|chủ trì|tham mưu|trình|báo cáo|đề xuất)\b", re.I)

# what ends a heading's duties: the plan's closing words
CLOSING = re.compile(r"^(Trên đây là|Trong quá trình (tổ chức )?(triển khai|thực hiện)|Quá trình (triển khai|thực hiện)"
                     r"|Yêu cầu (Thủ trưởng|các)|Đề nghị các)", re.I)
# a heading's lines that are no duty of its own: a deadline of the duties above, a person, an award's quota
TIME_STATEMENT = re.compile(r"^(?:thời hạn|thời gian|tiến độ)(?:\s+(?:thực hiện|hoàn thành|giải quyết))?\s+"
                            r"(?:chậm nhất|không quá|trước|trong|là|từ|đến)\b", re.I)
PERSON_LINE = re.compile(rf"^{ADDRESS}\s+(?:{NAME_WORD}\s*){{2,5}}[,:–-]\s*[^.;]{{0,160}}[.;]?$")
# an award plan's quotas: "Ban bầu cử đại biểu Quốc hội: 01 cá nhân/01 ban", "…: Mỗi đoàn xét chọn 01 cá nhân"
QUOTA = re.compile(r":\s*(?:không quá|tối đa|mỗi\s[^:;]{0,30}?)?\s*\d+\s*(?:cá nhân|tập thể|người|suất|giải)\b", re.I)
# a lead-in with its own verb and object, introducing the items after it, is a duty itself
LEAD_IN_DUTY = re.compile(vi_pattern(r"^(?:chỉ đạo\b|[[:lower:]][^:]*\b(?:sau|như sau)\s*:\s*$)"))
# a lead-in that only names a role for the items under it ("Chủ trì, phối hợp với A, B:") is no duty itself
_ROLE_WORDS = re.compile(r"^\W*(?:chủ trì|phối hợp)(?:[\s,]+(?:chủ trì|phối hợp|với|cùng))*\s*(?P<rest>.*?)\s*:?\s*$", re.I)


def names_roles_only(text: str) -> bool:
    """ "chủ trì, phối hợp Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh) và UBND các xã, phường:" —
    roles and the bodies they name, nothing to do: the duty is in what follows, not in this line. Without its
    colon too, where the line ends the way a heading does (not with "." or ";")."""
    m = _ROLE_WORDS.match(text.rstrip())
    if not m or text.rstrip()[-1:] in {".", ";"}:
        return False
    rest = m.group("rest")
    for a in sorted(find_agencies(rest, allow_generic=True), key=lambda a: -a.start):
        rest = rest[:a.start] + rest[a.end:]
    rest = re.sub(r"\([^()]*\)", " ", rest)
    return not re.sub(r"(?i)\b(?:và|các|có liên quan|liên quan)\b|[\W\d_]", "", rest)


_LEAD_IN_REQUEST = re.compile(r"(?:^|[\s,])(?P<verb>đề nghị|giao|yêu cầu)\s+(?P<who>[^:;.]{3,300}?)\s*:\s*$", re.I)


@dataclass
class Heading:
    """A heading or a lead-in whose lines are its agencies' duties, until the numbering climbs back."""
    agencies: list[str]
    level: float  # an agency heading's own level; a lead-in's half a level above its items
    tasks: list[RawTask] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    requested: bool = False
    intro: bool = False  # opened by a sentence ending in ":" rather than by an agency heading
    item_level: float | None = None  # the level of an intro's items: the first labelled one under it
    cue: str = "heading"  # what its duties rest on (RawTask.cue)

    def lend_supports(self) -> None:
        """A "Đơn vị phối hợp: …" line under the heading supports every duty of it."""
        for t in self.tasks:
            for s in self.supports:
                if s not in t.supports and s not in t.leads:
                    t.supports.append(s)

    def date_undated(self, due: DeadlineHit | None) -> None:
        """A time line after the heading's duties is the deadline of those above it that have none."""
        for t in reversed(self.tasks):
            if t.deadline is not None:
                break
            t.deadline = due


def _fields_after(tail: str) -> bool:
    """", thương mại và du lịch" after a name: more of its fields, in lower case, with no word that ends a name."""
    if not _FIELDS_AFTER.match(tail) or len(tail.split()) > 8:
        return False
    words = f" {match_form(tail)} "
    return not any(f" {w} " in words for w in agency_vocab()["stop_words"])


_FIELDS_AFTER = re.compile(r"^,\s*[a-zàáảãạăâđèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵ][^,;:()]*\s+và\s+[^,;:()]+$")


def agency_only(text: str) -> list[str] | None:
    """The agencies when ``text`` is nothing but an agency heading ("1. Công an huyện", "Sở Nội vụ:")."""
    t = text.strip().rstrip(":.").strip()
    listed = heading_addressees(t)  # "Giao người đứng đầu các cơ quan …; Chủ tịch UBND các xã …"
    if listed:
        return listed
    responsibility = re.match(r"(?i)^trách nhiệm(?:\s+của)?\s+", t)
    t = re.sub(r"^(?:Đề nghị|Giao|Trách nhiệm(?:\s+của)?)\s+", "", t)  # "Điều 6. Trách nhiệm Văn phòng UBND tỉnh"
    if responsibility and re.sub(r"^các\s+", "", match_form(t)) in _PARTY_KINDS:
        return [t]  # "1. Trách nhiệm của chủ đầu tư": a party named by its role owns what follows
    t = _bare_names(t)
    if not t or len(t.split()) > 40:  # the coverage test below keeps sentences out
        return None
    mentions = find_agencies(t, allow_generic=True)
    if len(mentions) == 1 and _fields_after(t[mentions[0].end:]):
        return [t]  # "7. Trung tâm Xúc tiến đầu tư, thương mại và du lịch": a name whose fields run on in lower case
    if not mentions or not _names_alone(t, mentions):
        return None
    # "Giao các cơ quan, đơn vị:" names no kind: its items name their own owners, or have none; "… và các đơn
    # vị khác có liên quan" beside named bodies owns nothing either
    names = [n for n in (strip_head_title(m.name) for m in mentions) if not is_generic_group(n)]
    return names or None


def _bare_names(heading: str) -> str:
    """The heading without a role in brackets, a duty's announcement, a role note or a head's title."""
    t = re.sub(r"\s*\([^()]{2,40}\)\s*:?$", "", heading)  # "Sở Tài chính (cơ quan chủ trì)"
    t = _OWES.sub("", t)  # "11. Các đơn vị cấp nước sạch trên địa bàn thành phố có trách nhiệm:"
    t = _ROLE_NOTE_AFTER_DASH.sub("", t)  # "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo"
    return strip_head_title(t)  # "2. Giám đốc Sở Công Thương:" heads the duties of the department


def _names_alone(t: str, mentions: list[Mention]) -> bool:
    """Whether the names fill the heading: no verb before them, no sentence going on after them."""
    if _ADDRESS_WORDS.sub("", t[:mentions[0].start]).strip(" ,;:-–"):
        return False  # "Điều 1. Chuyển Trường Đại học …": a verb before the name, an act, not a heading
    if len(t[mentions[-1].end:].split()) > 4:
        return False  # "… và các tổ chức chính trị - xã hội thành phố phối hợp tuyên truyền …": a sentence goes on
    covered = sum(m.end - m.start for m in mentions)
    rest = re.sub(r"[\s,;&]|\bvà\b|\bcác\b|\bcòn lại\b|\bliên quan\b|\bcó\b", "", t)
    if covered < 0.75 * len(re.sub(r"\s", "", t)) and len(rest) > covered:
        return False
    # "a) Tham mưu UBND tỉnh trình HĐND cấp tỉnh quyết định:" names whom it serves, not owners
    return not (_ACTS.search(t) and not t.lower().startswith(("ủy ban", "ubnd")))


def heading_cue(heading: str) -> str:
    """'Giao Sở X:' / 'Đề nghị …' is a trigger, 'Trách nhiệm của Sở X' a responsibility, a bare name a heading."""
    if re.match(r"^(?:Đề nghị|Giao|Yêu cầu)\b", heading):
        return "trigger"
    return "responsibility" if re.match(r"(?i)^trách nhiệm\b", heading) else "heading"


def request_lead_in(text: str) -> tuple[list[str], bool] | None:
    """The bodies a lead-in ending in ':' asks or tells, when nothing but bodies stand between its Giao /
    Đề nghị / Yêu cầu and the colon: "…, Ủy ban nhân dân tỉnh Lào Cai trân trọng đề nghị Bộ Xây dựng:"."""
    m = None
    for m in _LEAD_IN_REQUEST.finditer(text):
        pass
    if m is None:
        return None
    who = m.group("who").strip()
    found = find_agencies(who, allow_generic=True)
    if not found or found[-1].end < len(who.rstrip(" ,;")) - 1:
        return None  # "… đề nghị Bộ Xây dựng nội dung như sau:" introduces a letter's contents, not its requests
    names = [n for n in agency_only(who) or [] if not is_generic_group(n)]
    return (names, m.group("verb").lower() == "đề nghị") if names else None


def items_name_owners(blocks: list[Block], start: int, end: int) -> bool:
    """Whether some labelled item in blocks[start:end] is an agency heading ("4. Sở Nông nghiệp và Môi trường")."""
    for b in blocks[start:end]:
        if is_numbered(b) and len(b.text) < 160:
            body, _ = strip_label(b)
            if agency_only(body):
                return True
    return False


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return frozenset(match_form(h) for h in agency_vocab()["heads"]) | {"chánh văn phòng", "giám đốc sở"}


def name_left_open(text: str) -> bool:
    """The text stops on a word that opens an agency's name ("… Giám đốc Sở", "Chánh Văn phòng"): the name goes on
    in the next block, split from it by a line break."""
    if not text or not text[-1:].isalpha():
        return False
    raw = text.split()
    words = match_form(text).split()
    # the head opens its name in a capital ("… Giám đốc Sở"); "… Thương binh và Xã hội" ends a name
    return len(raw) == len(words) and any(" ".join(words[-n:]) in _heads() and raw[-n][:1].isupper()
                                          for n in (1, 2, 3) if len(words) >= n)


def goes_on(block: Block) -> bool:
    """A paragraph with no label opening in a capital: what a name broken at a line end continues with."""
    text = block.text.strip()
    return block.kind is BlockKind.paragraph and not block.label and text[:1].isupper() and not text.isupper()
