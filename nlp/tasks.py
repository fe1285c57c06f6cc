"""Duties and who owns them.

Four shapes, all from the layout and the language, never from one document:
- an agency heading ("1. Công an huyện") whose paragraphs and bullets are its duties;
- "- Sở Tài chính: …" items, the agencies before the colon owning the text after it;
- sentences ("Giao Công an tỉnh chủ trì, phối hợp với …", "Sở Tài chính phối hợp …");
- task frames ("Nhiệm vụ: … Đơn vị chủ trì: … Đơn vị phối hợp: … Thời gian: …") and
  assignment tables (nội dung | cơ quan chủ trì | cơ quan phối hợp | thời gian).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..extract.normalize import match_form
from ..models import Block, BlockKind
from ..models.text import fold_words, vi_pattern
from .addressing import (
    addressed_subject, closing_formula, heading_addressees, is_member_kind, is_past_narrative, is_speech_act,
    opens_predicate, opens_with_adverbial, place_bodies, role_line, split_addressees, trim_run_on,
)
from .agencies import Mention, canonical_key, find_agencies, is_generic_group, strip_head_title
from .coreference import Antecedents, expand
from .vocab import agency_vocab, alternation, table
from .words import lacks_verb
from .deadlines import DeadlineHit, find_deadline, parse_time_cell

_ROLE_LEAD = re.compile(r"^(?:đơn vị|cơ quan)\s+(?:chủ trì|thực hiện|thường trực|đầu mối)"
                        r"(?:\s+(?:tham mưu|thực hiện|triển khai))*\s*:\s*", re.I)
_ROLE_SUPPORT = re.compile(r"^(?:đơn vị|cơ quan)\s+phối hợp(?:\s+(?:tham mưu|thực hiện|triển khai))*\s*:\s*", re.I)
_FRAME_TASK = re.compile(r"^(?:nhiệm vụ|nội dung(?: nhiệm vụ)?|nội dung thực hiện)\s*:\s*", re.I)
_FRAME_TIME = re.compile(r"^(?:thời gian|thời hạn|tiến độ)(?:\s+(?:thực hiện|hoàn thành))?\s*:\s*", re.I)
# what may stand before the names of a heading: "Đề nghị:", "Các ông, bà:", "các"
_ADDRESS_WORDS = re.compile(rf"(?i)\b(?:các|ông|bà|đồng chí|đề nghị|giao|yêu cầu|chánh|phó|"
                            rf"{alternation(table('addressing')['head_titles'])})\b")
_TOPIC = re.compile(r"^Về\s+[^.;:]{0,160}$")
_CONTENTS_ONLY = re.compile(r"^(?:các\s+|một số\s+|những\s+)?nội dung(?:\s+cụ thể)?(?:\s+như)?\s+sau\s*:?\s*$", re.I)
_GIVES = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s+\S")
_TIME_STATEMENT = re.compile(r"^(?:thời hạn|thời gian|tiến độ)(?:\s+(?:thực hiện|hoàn thành|giải quyết))?\s+"
                             r"(?:chậm nhất|không quá|trước|trong|là|từ|đến)\b", re.I)
_FRAME_AGENCIES = re.compile(r"^(?:cơ quan|đơn vị)\s+thực hiện\s*:?\s*$", re.I)
_TRIGGER = re.compile(r"(?:^|(?<=[\s,;.]))(Giao|giao|Đề nghị|đề nghị|Yêu cầu|yêu cầu|Ủy quyền)\s+(?=\S)")
_SUPPORT_CUE = re.compile(r"(?<!kết quả )(?<!công tác )(?<!việc )\bphối hợp(?:\s+chặt chẽ)?(?:\s+với|\s+cùng)?\s+", re.I)
_SKIP_SECTIONS = re.compile(r"mục đích|yêu cầu|quan điểm|mục tiêu|căn cứ", re.I)
_CRITERIA_SECTIONS = re.compile(r"^(?:tiêu chí|tiêu chuẩn|đối tượng|hình thức khen thưởng|cơ cấu giải thưởng)\b", re.I)
_PROCESS_SECTIONS = re.compile(r"nhiệm vụ|tổ chức thực hiện|phân công|giải pháp|trách nhiệm", re.I)
_CONNECT = re.compile(r"^[\s,;]*(?:và|cùng|với)?[\s,;]*$")
_REQUESTED = re.compile(r"^(?:Đề nghị|đề nghị)")
# a lead-in with its own verb and object, introducing the items after it, is a duty itself
_LEAD_IN_DUTY = re.compile(vi_pattern(r"^(?:chỉ đạo\b|[[:lower:]][^:]*\b(?:sau|như sau)\s*:\s*$)"))
# a lead-in that only names a role for the items under it ("Chủ trì, phối hợp với A, B:") is no duty itself
_ROLE_ONLY = re.compile(r"^\W*(?:chủ trì|phối hợp)(?:[\s,]+(?:chủ trì|phối hợp|với|cùng))*[^:]{0,160}:\s*$", re.I)


@dataclass
class RawTask:
    text: str
    leads: list[str]
    supports: list[str] = field(default_factory=list)
    deadline: DeadlineHit | None = None
    block: int = 0
    start: int = 0
    end: int = 0
    source: str = "sentence"
    section: str | None = None
    requested: bool = False
    row: int | None = None  # a table duty's row in Block.rows
    # what made it a duty: trigger (Giao / Đề nghị / Yêu cầu X …), responsibility ('X có trách nhiệm …',
    # 'Trách nhiệm của X'), execution ('… chịu trách nhiệm thi hành'), closing ('… để X biết, thực hiện'),
    # subject (an agency as a sentence's subject), passive, heading, item ('- Sở X: …'), frame, role, table
    cue: str = "subject"


def strip_label(block: Block) -> tuple[str, int]:
    text = block.text
    if block.label and text.startswith(block.label):
        rest = text[len(block.label):]
        offset = len(text) - len(rest.lstrip())
        return rest.strip(), offset
    return text.strip(), 0


def clean_task_text(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ;,")
    text = re.sub(r"\./\.$", ".", text)
    return text


_TITLE_GAP = re.compile(r"(?i)(?:thủ trưởng|người đứng đầu)\s+(?:các\s+)?(?:cơ quan|đơn vị)(?:\s*,\s*(?:cơ quan|đơn vị))*"
                        r"(?:\s+trực thuộc)?|\b(?:giám đốc|phó giám đốc|chủ tịch|thủ trưởng|chánh văn phòng|"
                        r"chánh thanh tra|trưởng ban|vụ trưởng|cục trưởng|viện trưởng|tổng cục trưởng|bộ trưởng)\s*(?:các\s*)?$")


def _subject_list(text: str, mentions: list[Mention]) -> tuple[list[Mention], int]:
    """Agencies standing at the start of ``text`` as its subject, and where the predicate starts."""
    subj: list[Mention] = []
    pos = 0
    for m in mentions:
        gap = text[pos:m.start]
        gap_clean = re.sub(r"\b(?:và các (?:cơ quan|đơn vị|tổ chức)[^,;]*?(?:liên quan|có liên quan))\b", "", gap)
        # "Chánh Văn phòng UBND tỉnh, Giám đốc các Sở, Thủ trưởng các cơ quan, đơn vị trực thuộc, Chủ tịch UBND
        # các xã …": the heads' titles (and a generic group between them) do not end the list of subjects
        gap_clean = _TITLE_GAP.sub(" ", gap_clean)
        if subj and re.search(r"trực thuộc\s*$", gap):
            pos = m.end  # "đơn vị trực thuộc UBND Thành phố": whose units, not a subject
            continue
        if subj and not _CONNECT.match(gap_clean) and not re.fullmatch(r"[\s,;]*(?:và\s+)?", gap_clean):
            break
        if not subj:
            lead_in = match_form(gap).strip(" ,;:")
            # "Thực hiện Kế hoạch số 12/KH-UBND, Sở X …": a lead-in clause closed by its comma
            lead_in = re.sub(r"^(?:(?:căn cứ|trên cơ sở|thực hiện)[^,]*,\s*)+", "", lead_in).strip()
            titles = re.fullmatch(r"(?:(?:giám đốc|phó giám đốc|chủ tịch|thủ trưởng|chánh văn phòng|chánh thanh tra|chánh|trưởng ban|"
                                  r"người đứng đầu|đồng chí|lãnh đạo)\s*(?:các)?\s*)?", lead_in)
            if lead_in and not titles and lead_in not in {"giao", "đề nghị", "yêu cầu"}:
                break
        subj.append(m)
        pos = m.end
    if not subj:
        return [], 0
    rest = text[pos:]
    # "… và các cơ quan, đơn vị liên quan" after the subject
    # (after "," or "và": "Sở X tổ chức huấn luyện cho các đối tượng liên quan" is X's duty, not a group)
    gm = re.match(r"\s*(?:,|và)\s*(?:các\s+)?(?:cơ quan|đơn vị|tổ chức|địa phương)[^;:.]*?(?:có liên quan|liên quan)\b", rest)
    if gm:
        pos += gm.end()
    # "Các Bộ, ngành và địa phương khẩn trương …": the localities with them, no name of their own
    lm = re.match(r"\s*(?:,|và)\s*(?:các\s+)?địa phương\b(?:\s+liên quan|\s+có liên quan)?", text[pos:])
    if lm and len(text[pos + lm.end():].strip(" :;.").split()) >= 3:  # not a lead-in's "… và địa phương:"
        pos += lm.end()
    pm = re.match(r"[\s,:;]*(?:là\s+(?:cơ quan|đơn vị)[^,;]*?,?\s*)?", text[pos:])
    return subj, pos + (pm.end() if pm else 0)


def _names(mentions: list[Mention]) -> list[str]:
    out = []
    for m in mentions:
        name = strip_head_title(m.name).strip(" ,;:.")
        if name and not is_generic_group(name) and name not in out:
            out.append(name)
    return out


_EVALUATION = re.compile(r"^\W*(?:Đánh giá|Báo cáo|Tổng kết|Sơ kết|Tổng hợp kết quả)\b", re.I)
_LIST_GAP_FIRST = re.compile(r"\s*(?:các\s+)?")
_LIST_GAP = re.compile(r"[\s,;]*(?:và|cùng|với|,)?[\s,]*(?:các\s+)?")


_ONLY_COOPERATES = re.compile(r"^\W*(?:chủ động\s+)?phối hợp(?:\s+(?:chặt chẽ|thực hiện|triển khai|tổ chức|cùng))*"
                              r"(?:\s+(?:kế hoạch|nhiệm vụ)(?:\s+này)?)?\s*[.;]?\s*$", re.I)


def only_cooperates(duty: str) -> bool:
    """"… phối hợp thực hiện." — a duty that is nothing but cooperating: its agencies support."""
    return bool(_ONLY_COOPERATES.match(duty))


def find_supports(text: str) -> list[str]:
    """Concrete agencies listed right after 'phối hợp (với)': the list ends at the first word that
    is not an agency or a separator ("… với Sở Nội vụ, Văn phòng UBND tỉnh hướng dẫn … trình Chủ
    tịch UBND tỉnh" supports are the first two only)."""
    out: list[str] = []
    if _EVALUATION.match(text):
        return out  # "Đánh giá … công tác phối hợp với X": the cooperation is what is assessed, not a role
    for m in _SUPPORT_CUE.finditer(text):
        window = text[m.end(): m.end() + 300]
        concrete = {a.start for a in find_agencies(window)}
        pos = 0
        for a in find_agencies(window, allow_generic=True):
            gap = window[pos:a.start]
            if not (_LIST_GAP_FIRST if pos == 0 else _LIST_GAP).fullmatch(gap):
                break
            pos = a.end
            if a.start not in concrete:
                continue
            for name in _names([a]):
                if name not in out:
                    out.append(name)
    return out


def _role_value(value: str) -> tuple[list[str], list[str]]:
    """The owners and the supporters a "Cơ quan thực hiện: Sở X chủ trì, phối hợp với Sở Y, Sở Z" line
    names: those before "phối hợp" lead, the concrete ones after it support."""
    cue = _SUPPORT_CUE.search(value)
    leads = _names(find_agencies(value[:cue.start()] if cue else value, allow_generic=True))
    if cue and not leads:  # "Phối hợp: Sở Y" as the only content names no owner
        return [], []
    return leads, [n for n in find_supports(value) if n not in leads] if cue else []


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer(vi_pattern(r"(?<=[.;])\s+(?=[[:upper:]])"), text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


_PASSIVE = re.compile(vi_pattern(r"\bdo\s+(?=[[:upper:]])"))
_PASSIVE_VERB = re.compile(r"\s*(?:bo tri|thuc hien|chu tri|dam nhiem|dam nhan|phu trach|cung cap|chi tra|bao dam|dam bao|"
                           r"chuan bi|to chuc)\b")  # folded: OCR drops marks ("bô trí")


def _clauses(text: str) -> list[tuple[int, int]]:
    """Sentences, where "A; B; C chịu trách nhiệm …" stays one: a part that is only an agency (a
    closing article's list of bodies) belongs to the sentence after it."""
    spans = _sentences(text)
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for s, e in spans:
        part = text[s:e].rstrip(" ;")
        if text[s:e].rstrip().endswith(";") and (len(part) < 160 and _agency_only(part)
                                                  or len(part) < 600 and heading_addressees(part)):
            carry = s if carry is None else carry
            continue
        out.append((carry if carry is not None else s, e))
        carry = None
    if carry is not None:
        out.append((carry, len(text)))
    return out


def sentence_tasks(text: str, block_index: int, offset: int, section: str | None,
                   refs: Antecedents | None = None, year: int | None = None) -> list[RawTask]:
    """Duties expressed as sentences with an agency subject. ``refs``: the document's blocks, against
    which a subject referring back ("đơn vị nêu trên", "Công ty") is resolved; ``year``: the
    document's, before which a sentence's opening period tells the past ("Trong năm 2025, …")."""
    out: list[RawTask] = []
    for s, e in _clauses(text):
        sent = text[s:e]
        if is_past_narrative(sent, year):
            continue
        closing = closing_formula(sent)
        if closing:  # "X thông báo để A và B biết, thực hiện./."
            out.append(RawTask(text=closing.duty, leads=closing.names, block=block_index, start=offset + s + closing.start,
                               end=offset + e, source="sentence", section=section, cue="closing"))
            continue
        mentions = find_agencies(sent)
        expansion: dict[str, list[str]] = {}
        if refs is not None:
            backs, expansion = refs.mentions(sent, mentions, block_index, text[:s])
            mentions = sorted(mentions + backs, key=lambda m: m.start)
        places = place_bodies(sent, mentions)  # "Tỉnh tổ chức thực hiện …" in a central conclusion
        if places:
            mentions = sorted(mentions + places, key=lambda m: m.start)
        if not mentions and not addressed_subject(sent):
            continue
        candidates: list[tuple[int, bool]] = []  # (position where a subject may start, requested)
        triggered: set[int] = set()  # the positions after a Giao / Đề nghị / Yêu cầu
        topic_at = -1
        candidates.append((0, bool(_REQUESTED.match(sent))))
        for t in _TRIGGER.finditer(sent):
            if re.search(r"(?:^|\s)(?:đã|đều đã|cũng đã)\s+$", sent[:t.start(1)], re.I):
                continue  # "Trong đó đã giao Sở X …": a report telling what was assigned, not a duty
            candidates.append((t.end(), t.group(1).lower() == "đề nghị"))
            triggered.add(t.end())
        topic = re.match(vi_pattern(r"^[^:;.]{3,120}:\s+(?=[[:upper:]])"), sent)
        if topic and not find_agencies(sent[:topic.end()], allow_generic=True):
            topic_at = topic.end()  # "Dự toán kinh phí: UBND thành phố X tổ chức lập …"
            candidates.append((topic_at, False))
        adverbial: set[int] = set()
        if opens_with_adverbial(sent):  # "Chậm nhất là 30 ngày, trước ngày khai mạc …, các sở, ban, ngành có …"
            adverbial = {c.end() for c in re.finditer(r",\s+", sent[:250])}
            candidates.extend((p, False) for p in adverbial)
        # "Tuy nhiên, …, tỉnh Đắk Lắk cần tiếp tục …": a place body with its modal opens the main clause
        candidates.extend((p.start, False) for p in places if re.search(r",\s*$", sent[:p.start]))
        candidates.sort()
        passive = _PASSIVE.search(sent)
        # the passive is the sentence's predicate only when what comes before it is a noun phrase ("Xe ô tô 7
        # chỗ do Văn phòng Sở bố trí."); "Triển khai Nền tảng X do Bộ Y cung cấp" is someone else's duty
        if passive and lacks_verb(re.sub(r"^[^:]{0,80}:\s+", "", sent[:passive.start()]).strip() or "x"):
            local = [m for m in mentions if m.start >= passive.end()]
            if local and local[0].start == passive.end():
                shifted = [Mention(m.name, m.start - passive.end(), m.end - passive.end(), m.is_group) for m in local]
                subj, pred = _subject_list(sent[passive.end():], shifted)
                if subj and _PASSIVE_VERB.match(" ".join(fold_words(sent[passive.end() + pred:]))):
                    duty = re.sub(r"^[^:]{0,80}:\s+", "", sent)  # "Phương tiện …: Xe ô tô … do X bố trí."
                    out.append(RawTask(text=clean_task_text(duty), leads=_names(subj), block=block_index,
                                       start=offset + s, end=offset + e, source="sentence", section=section,
                                       cue="passive"))
                    continue
        done_until = -1
        for pos, requested in candidates:
            if pos < done_until:
                continue
            local = [m for m in mentions if m.start >= pos]
            shifted = [Mention(m.name, m.start - pos, m.end - pos, m.is_group) for m in local]
            subj, pred = _subject_list(sent[pos:], shifted) if local else ([], 0)
            leads = expand(_names(subj), expansion)
            listed = addressed_subject(sent[pos:])  # heads listed together name their bodies one by one
            if listed and (len(listed.names) > len(leads)
                           or len(listed.names) == len(leads) > 1 and listed.predicate > pred):
                leads, pred = listed.names, listed.predicate
            if not leads:
                continue
            body = clean_task_text(sent[pos + pred:])
            trimmed, body = trim_run_on(leads[-1], body)
            if trimmed != leads[-1] and trimmed:
                leads = leads[:-1] + [trimmed]
                pred -= len(body) - len(clean_task_text(sent[pos + pred:]))
            if len(body.split()) < 3 and not (listed and leads == listed.names and body):
                continue
            if pos in adverbial and (not body[:1].islower() or re.match(r"(?:của|và|thì|là|với|về|cho|tại)\b", body)):
                continue
            if pos == topic_at and not opens_predicate(body):
                continue  # after a topic, "Địa điểm: Sở X, địa chỉ …" names a place, not a duty
            if _CONTENTS_ONLY.match(body):
                continue  # "… báo cáo và đề nghị Bộ Xây dựng nội dung như sau:": a letter's contents follow
            if is_speech_act(body):
                continue  # "Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:": the issuer speaking owns nothing
            if re.match(r"^(?:được|đã|đang|nhận được|vừa nhận|là nơi|là những|thuộc|trực thuộc|của)\b", body) \
                    or body.startswith("(") and not re.match(r"^\([^()]*\)\s*:(?!\s*\d)", body):
                continue  # "Công ty A (Gói thầu số 16 …)": what a body is, in brackets, is no duty; but
                # "Sở Nội vụ (cơ quan thường trực …):" and "các doanh nghiệp (VNPT, Viettel):" head duties
            if _TRIGGER.match(body):
                continue  # "Sở A đề nghị Sở B …": A asks, B owns (the trigger's own candidate)
            done_until = pos + pred
            out.append(RawTask(text=body, leads=leads, supports=find_supports(body),
                               deadline=find_deadline(body), block=block_index, start=offset + s + pos + pred,
                               end=offset + e, source="sentence", section=section, requested=requested,
                               cue=sentence_cue(sent, body, pos in triggered or requested
                                                or bool(_TRIGGER.match(sent[pos:])))))
    return out


_RESPONSIBILITY = re.compile(r"^(?:có|chịu)\s+trách nhiệm\b|^chủ trì\b", re.I)
_EXECUTION = re.compile(r"chịu trách nhiệm (?:thi hành|tổ chức thực hiện|thực hiện)|tổ chức (?:triển khai )?thực hiện "
                        r"(?:quyết định|nghị quyết|thông tư|chỉ thị|nghị định|kế hoạch|quy chế|quy định) này", re.I)


def sentence_cue(sentence: str, duty: str, triggered: bool) -> str:
    """What makes a sentence's duty explicit: a Giao / Đề nghị before its subject, an execution clause
    ('… chịu trách nhiệm thi hành Quyết định này'), a responsibility ('có trách nhiệm …'), or nothing but an
    agency as its subject."""
    if triggered:
        return "trigger"
    if _EXECUTION.search(sentence):
        return "execution"
    return "responsibility" if _RESPONSIBILITY.match(duty) else "subject"


_PARTY_KINDS = frozenset(agency_vocab()["descriptive_kinds"])
_OWES = re.compile(r"\s+(?:có|chịu)\s+trách\s+nhiệm(?:\s+(?:thực hiện|triển khai|như sau|các nội dung sau|sau))*\s*:?\s*$",
                   re.I)
_ROLE_NOTE_AFTER_DASH = re.compile(rf"\s+[-–]\s+(?:{alternation(agency_vocab()['role_notes'])})\b.*$", re.I)


def _agency_only(text: str) -> list[str] | None:
    """The agencies when ``text`` is nothing but an agency heading ("1. Công an huyện", "Sở Nội vụ:")."""
    t = text.strip().rstrip(":.").strip()
    listed = heading_addressees(t)  # "Giao người đứng đầu các cơ quan …; Chủ tịch UBND các xã …"
    if listed:
        return listed
    responsibility = re.match(r"(?i)^trách nhiệm(?:\s+của)?\s+", t)
    t = re.sub(r"^(?:Đề nghị|Giao|Trách nhiệm(?:\s+của)?)\s+", "", t)  # "Điều 6. Trách nhiệm Văn phòng UBND tỉnh"
    if responsibility and re.sub(r"^các\s+", "", match_form(t)) in _PARTY_KINDS:
        return [t]  # "1. Trách nhiệm của chủ đầu tư": a party named by its role owns what follows
    t = re.sub(r"\s*\([^()]{2,40}\)\s*:?$", "", t)  # "Sở Tài chính (cơ quan chủ trì)"
    t = _OWES.sub("", t)  # "11. Các đơn vị cấp nước sạch trên địa bàn thành phố có trách nhiệm:"
    t = _ROLE_NOTE_AFTER_DASH.sub("", t)  # "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo"
    t = strip_head_title(t)  # "2. Giám đốc Sở Công Thương:" heads the duties of the department
    if not t or len(t.split()) > 40:  # the coverage test below keeps sentences out
        return None
    mentions = find_agencies(t, allow_generic=True)
    if not mentions:
        return None
    if _ADDRESS_WORDS.sub("", t[:mentions[0].start]).strip(" ,;:-–"):
        return None  # "Điều 1. Chuyển Trường Đại học …": a verb before the name, an act, not a heading
    if len(t[mentions[-1].end:].split()) > 4:
        return None  # "… và các tổ chức chính trị - xã hội thành phố phối hợp tuyên truyền …": a sentence goes on
    covered = sum(m.end - m.start for m in mentions)
    rest = re.sub(r"[\s,;&]|\bvà\b|\bcác\b|\bcòn lại\b|\bliên quan\b|\bcó\b", "", t)
    if covered < 0.75 * len(re.sub(r"\s", "", t)) and len(rest) > covered:
        return None
    if re.search(r"\b(thực hiện|triển khai|tổ chức|chủ trì|tham mưu|trình|báo cáo|đề xuất)\b", t, re.I) \
            and not t.lower().startswith(("ủy ban", "ubnd")):
        return None  # "a) Tham mưu UBND tỉnh trình HĐND cấp tỉnh quyết định:" names whom it serves, not owners
    # "Giao các cơ quan, đơn vị:" names no kind: its items name their own owners, or have none; "… và các đơn
    # vị khác có liên quan" beside named bodies owns nothing either
    names = [n for n in (strip_head_title(m.name) for m in mentions) if not is_generic_group(n)]
    return names or None


# people are named after a title of address and a capitalised name: they are never agencies
_ADDRESS = r"(?:Ông|Bà|Đồng chí|Đ/c)\.?"
_NAME_WORD = vi_pattern(r"[[:upper:]]\w*")
_PERSON_LINE = re.compile(rf"^{_ADDRESS}\s+(?:{_NAME_WORD}\s*){{2,5}}[,:–-]\s*[^.;]{{0,160}}[.;]?$")
_MEMBERS = re.compile(r"^\s*(?:và|cùng)\s+(?:các\s+)?(?:tổ chức thành viên|tổ chức chính trị\s*-\s*xã hội|đoàn thể)\b[^:]*$")
_MEMBER = re.compile(rf"^{_ADDRESS}\s+{_NAME_WORD}")
# an award plan's quotas: "Ban bầu cử đại biểu Quốc hội: 01 cá nhân/01 ban", "…: Mỗi đoàn xét chọn 01 cá nhân"
_QUOTA = re.compile(r":\s*(?:không quá|tối đa|mỗi\s[^:;]{0,30}?)?\s*\d+\s*(?:cá nhân|tập thể|người|suất|giải)\b", re.I)


def _colon_split(text: str, team: str | None = None) -> tuple[list[str], str, bool] | None:
    """'Sở Nội vụ, Sở Giáo dục và Đào tạo: Đánh giá …' → (agencies, duty); 'Đối với Đoàn kiểm tra: …';
    'Ông Nguyễn Văn A - Trưởng đoàn: …' → the team's duty (individuals are not agencies)."""
    m = re.match(r"^(.{3,200}?)\s*:\s+(\S.*)$", text)
    if not m:
        return None
    head = m.group(1)
    if is_member_kind(head):
        return None  # "Các Bộ, cơ quan: Tài chính, Xây dựng … khẩn trương …": the members are the subjects
    if team and _MEMBER.match(head):
        return [team], m.group(2), False
    requested = bool(re.match(r"^(?:Đề nghị)\b", head))
    head = re.sub(r"^(?:Đề nghị|Giao|Đối với)\s+", "", head)
    if _FRAME_TASK.match(text) or _FRAME_TIME.match(text) or _ROLE_LEAD.match(text) or _ROLE_SUPPORT.match(text):
        return None
    mentions = find_agencies(head, allow_generic=True)
    if not mentions:
        return None
    members = _MEMBERS.match(head[mentions[-1].end:])
    if members:  # "Ủy ban MTTQ Việt Nam tỉnh và tổ chức thành viên": one body with its members
        last = mentions[-1]
        mentions[-1] = Mention(head[last.start:].strip(), last.start, len(head), last.is_group)
    covered = sum(mm.end - mm.start for mm in mentions)
    # the head is the names and nothing else: not "Các thông số" (a cut "Các thông"), not "Xã Trường Văn"
    before = head[:mentions[0].start].strip(" ,;-–+*")
    after = head[mentions[-1].end:].strip(" ,;.")
    if (before and not _TITLE_GAP.fullmatch(before)) or (after and not re.fullmatch(r"\(.*\)|và .*|các .*", after)):
        return None
    if covered < 0.7 * len(head.strip()):
        return None
    names = [strip_head_title(mm.name) for mm in mentions if not is_generic_group(mm.name)]
    return (names, m.group(2), requested) if names else None


_LEAD_IN_REQUEST = re.compile(r"(?:^|[\s,])(?P<verb>đề nghị|giao|yêu cầu)\s+(?P<who>[^:;.]{3,300}?)\s*:\s*$", re.I)


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
    names = [n for n in _agency_only(who) or [] if not is_generic_group(n)]
    return (names, m.group("verb").lower() == "đề nghị") if names else None


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


def _items_name_owners(blocks: list[Block], start: int, end: int) -> bool:
    """Whether some labelled item in blocks[start:end] is an agency heading ("4. Sở Nông nghiệp và Môi trường")."""
    for b in blocks[start:end]:
        if b.kind is BlockKind.list_item and b.label not in {"-", "+", "•", "*"} and len(b.text) < 160:
            body, _ = strip_label(b)
            if _agency_only(body):
                return True
    return False


def heading_cue(heading: str) -> str:
    """'Giao Sở X:' / 'Đề nghị …' is a trigger, 'Trách nhiệm của Sở X' a responsibility, a bare name a heading."""
    if re.match(r"^(?:Đề nghị|Giao|Yêu cầu)\b", heading):
        return "trigger"
    return "responsibility" if re.match(r"(?i)^trách nhiệm\b", heading) else "heading"


@dataclass
class _Heading:
    agencies: list[str]
    level: int
    tasks: list[RawTask] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    requested: bool = False
    intro: bool = False  # opened by a sentence ending in ":" rather than by an agency heading
    item_level: float | None = None  # the level of an intro's items: the first labelled one under it
    cue: str = "heading"  # what its duties rest on (RawTask.cue)


_CLOSING = re.compile(r"^(Trên đây là|Trong quá trình (tổ chức )?(triển khai|thực hiện)|Quá trình (triển khai|thực hiện)"
                      r"|Yêu cầu (Thủ trưởng|các)|Đề nghị các)", re.I)


@dataclass
class _Frame:
    level: int
    text: str = ""
    block: int = 0
    leads: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    deadline: DeadlineHit | None = None
    section: str | None = None
    items: list[tuple[int, str]] = field(default_factory=list)  # "- …" bullets under "Nhiệm vụ:": one duty each


def _level(block: Block) -> int:
    return block.level if block.level is not None else 99


def extract_tasks(blocks: list[Block], start: int, end: int, team: str | None = None,
                  year: int | None = None) -> list[RawTask]:
    """Duties in blocks[start:end]. ``team``: the team the document speaks for ("Đoàn kiểm tra"),
    which owns the duties its members are given by name; ``year``: the year the document was issued."""
    tasks: list[RawTask] = []
    heading: _Heading | None = None
    frame: _Frame | None = None
    section_titles: dict[int, str] = {}
    skip_level: int | None = None
    pending: list[tuple[int, str, int, str | None]] = []  # bullets with no agency yet: a role line may follow
    trailing: list[RawTask] = []  # the tasks the role lines after them apply to
    last_columns: tuple[int, dict[str, int]] | None = None  # width and column map of the last assignment table
    refs = Antecedents(blocks)

    def close_heading() -> None:
        nonlocal heading
        if heading is not None:
            for t in heading.tasks:
                for s in heading.supports:
                    if s not in t.supports and s not in t.leads:
                        t.supports.append(s)
            heading = None

    def close_frame() -> None:
        nonlocal frame
        if frame is not None and frame.leads and (frame.text or frame.items):
            for block_index, text in (frame.items or [(frame.block, frame.text)]):
                inline = [n for n in find_supports(text) if n not in frame.supports and n not in frame.leads]
                tasks.append(RawTask(text=clean_task_text(text), leads=frame.leads, supports=frame.supports + inline,
                                     deadline=frame.deadline or find_deadline(text), block=block_index,
                                     source="frame", section=frame.section, cue="frame"))
        frame = None

    joined: set[int] = set()  # blocks read as the rest of the block before them
    for bi in range(start, end):
        if bi in joined:
            continue
        block = blocks[bi]
        if block.kind is BlockKind.table:
            context = " ".join(b.text for b in blocks[max(0, bi - 3):bi] if b.kind is not BlockKind.table)
            rows = block.rows or []
            header = table_header(rows)
            if header is None and last_columns and last_columns[0] == table_width(rows):
                header = (-1, last_columns[1])  # the table goes on without its header (a page, a pipe interlude)
            if header is not None:
                last_columns = (table_width(rows), header[1])
                tasks.extend(table_tasks(block, bi, context, header))
            continue
        body, offset = strip_label(block)
        if bi + 1 < end and name_left_open(body) and goes_on(blocks[bi + 1]):
            body = f"{body} {blocks[bi + 1].text.strip()}"  # "Điều 4. Chánh Văn phòng UBND tỉnh; Giám đốc Sở" / "Văn hóa …"
            joined.add(bi + 1)
        level = _level(block)
        labelled = block.kind is BlockKind.list_item and block.label not in {"-", "+", "•", "*"}
        if not body and not labelled:
            continue
        if labelled and level <= 4:
            section_titles = {k: v for k, v in section_titles.items() if k < level}
            section_titles[level] = body[:80]
            if heading is not None and level <= heading.level:
                close_heading()
            if frame is not None and level <= frame.level:
                close_frame()
            if skip_level is not None and level <= skip_level:
                skip_level = None
            if level <= 1 and _SKIP_SECTIONS.search(body) and not _PROCESS_SECTIONS.search(body):
                skip_level = level
            elif _CRITERIA_SECTIONS.match(body) and not _PROCESS_SECTIONS.search(body):
                skip_level = level  # "2. Tiêu chí thi đua", "III. ĐỐI TƯỢNG …": who is judged by what, no duties
        section = " > ".join(section_titles[k] for k in sorted(section_titles))
        if skip_level is not None or not body:
            continue  # a bare label ("Chương III") still closed the headings above
        # frames
        if _FRAME_TASK.match(body):
            close_frame()
            frame = _Frame(level=level, text=_FRAME_TASK.sub("", body), block=bi, section=section)
            continue
        if frame is not None:
            if _FRAME_AGENCIES.match(body):  # "Cơ quan thực hiện:" only introduces the role lines
                continue
            if _ROLE_LEAD.match(body):
                frame.leads, inline = _role_value(_ROLE_LEAD.sub("", body))
                frame.supports += [n for n in inline if n not in frame.supports]
                continue
            if _ROLE_SUPPORT.match(body):
                frame.supports = _names(find_agencies(_ROLE_SUPPORT.sub("", body)))
                continue
            if _FRAME_TIME.match(body):
                frame.deadline = parse_time_cell(_FRAME_TIME.sub("", body))
                continue
            if not frame.leads and level > frame.level:
                if block.label in {"-", "+", "•", "*"}:
                    frame.items.append((bi, body))
                elif frame.items:
                    frame.items[-1] = (frame.items[-1][0], f"{frame.items[-1][1]} {body}")
                else:
                    frame.text += " " + body
                continue
            close_frame()
        # agency headings
        heads = _agency_only(body) if (labelled or block.kind is BlockKind.heading or block.label in {"-", "+"}) else None
        if heads and (labelled or block.kind is BlockKind.heading):
            close_heading()
            heading = _Heading(agencies=heads, level=level if labelled else 98,
                               requested=bool(re.match(r"^Đề nghị", body)), cue=heading_cue(body))
            continue
        if heading is not None and (_CLOSING.match(body) or closing_formula(body)):
            # "Trên đây là Kế hoạch …", "Trong quá trình thực hiện, nếu có khó khăn …", "Sở X thông báo để
            # các đơn vị biết, thực hiện./." end the heading's duties
            close_heading()
        if heading is not None and heading.intro and labelled and level > heading.level:
            if heading.item_level is None:
                heading.item_level = level
            elif heading.item_level > heading.level + 0.5 >= level:
                close_heading()  # "1. Bộ X chủ trì …:" with its a), b): item "2." is no longer X's
        if heading is not None and heading.intro and not labelled and heading.item_level is not None \
                and heading.item_level >= 5 and block.kind is BlockKind.paragraph:
            close_heading()  # a paragraph after the lead-in's (i), (ii) … items is the letter going on
        if heading is not None and heading.intro and labelled and level == heading.item_level \
                and (_colon_split(body, team) or sentence_tasks(body, bi, offset, section, refs, year)):
            close_heading()  # an item that names its own agency ends the intro's list
        if heading is not None and (level > heading.level or not labelled):
            if _ROLE_SUPPORT.match(body):
                heading.supports.extend(n for n in _names(find_agencies(_ROLE_SUPPORT.sub("", body))) if n not in heading.supports)
                continue
            if (_FRAME_TIME.match(body) or _TIME_STATEMENT.match(body)) and heading.tasks:
                # "Thời gian hoàn thành: Tháng 12/2025.", "Thời hạn hoàn thành không quá 05 ngày làm việc …" after
                # the heading's duties is their deadline, no duty
                due = parse_time_cell(_FRAME_TIME.sub("", body)) or find_deadline(body)
                for t in reversed(heading.tasks):
                    if t.deadline is not None:
                        break
                    t.deadline = due
                continue
            text = clean_task_text(body)
            if _PERSON_LINE.match(text) or (_QUOTA.search(text) and len(text.split()) <= 20):
                continue  # "Ông Nguyễn Văn A, Phó Giám đốc Sở …", "Ban X: Không quá 05 cá nhân": a list, no duty
            if len(text.split()) >= 3:
                leads = list(heading.agencies)
                # "1. Công an TP và Bộ Tư lệnh TP" / "Công an TP chủ trì phối hợp với Bộ Tư lệnh …", or under
                # "9. UBND cấp xã": "UBND phường Yên Bái chủ trì …" — a paragraph naming its own lead is its
                keys = {canonical_key(a) for a in leads}
                found = [x for x in sentence_tasks(text, bi, offset, section, refs, year) if x.leads]
                given = [x for x in found if x.cue == "trigger" and _GIVES.match(text)
                         and not {canonical_key(a) for a in x.leads} <= keys]
                if given:  # "b) Giao Thanh tra thành phố tổ chức thanh tra …" under a heading: the item is theirs
                    tasks.extend(given)
                    continue
                own = [x for x in found if text.startswith(x.leads[0]) and re.match(r"(?i)chủ trì\b", x.text)]
                own = own or [x for x in found if len(leads) > 1 and {canonical_key(a) for a in x.leads} < keys]
                if own:
                    leads = own[0].leads
                t = RawTask(text=text, leads=leads, supports=[n for n in find_supports(text) if n not in leads],
                            deadline=find_deadline(text), block=bi, start=offset, end=len(block.text),
                            source="heading", section=section, requested=heading.requested,
                            cue=own[0].cue if own else heading.cue)
                heading.tasks.append(t)
                tasks.append(t)
            continue
        close_heading()
        split = _colon_split(body, team)
        if split:
            names, duty, requested = split
            duty = clean_task_text(duty)
            tasks.append(RawTask(text=duty, leads=names, supports=find_supports(duty), deadline=find_deadline(duty),
                                 block=bi, start=len(block.text) - len(duty), end=len(block.text), source="bullet",
                                 section=section, requested=requested,
                                 cue="trigger" if re.match(r"^(?:Đề nghị|Giao|Yêu cầu)\b", body) else "item"))
            continue
        if frame is None and _ROLE_LEAD.match(body) and pending:
            # "- duty" (one or more bullets) then "Đơn vị chủ trì: X", "Đơn vị phối hợp: Y", "Thời gian: Z"
            leads, inline = _role_value(_ROLE_LEAD.sub("", body))
            trailing = [RawTask(text=clean_task_text(pb), leads=leads, supports=inline, deadline=find_deadline(pb),
                                block=pbi, start=poff, end=len(blocks[pbi].text), source="frame", section=psec,
                                cue="frame")
                        for pbi, pb, poff, psec in pending] if leads else []
            tasks.extend(trailing)
            pending = []
            continue
        if trailing and _ROLE_SUPPORT.match(body):
            value = _ROLE_SUPPORT.sub("", body)
            # "Ủy ban nhân dân các huyện: Hoa Lư, Nho Quan; các sở, ban, ngành liên quan": bodies one by one
            names = split_addressees(value) if re.search(r"[:;]", value) else _names(find_agencies(value))
            for t in trailing:
                t.supports = [n for n in names if n not in t.leads]
            continue
        if trailing and _FRAME_TIME.match(body):
            due = parse_time_cell(_FRAME_TIME.sub("", body))
            for t in trailing:
                t.deadline = due or t.deadline
            continue
        roles = role_line(body) if not (_ROLE_LEAD.match(body) or _ROLE_SUPPORT.match(body)) else None
        if roles:  # "Cơ quan tổ chức lập: UBND thành phố X." — a "Cơ quan phối hợp: …" line may follow
            t = RawTask(text=clean_task_text(body), leads=roles, block=bi, start=offset, end=len(block.text),
                        source="bullet", section=section, cue="role")
            tasks.append(t)
            trailing = [t]
            pending = []
            continue
        trailing = []
        found = sentence_tasks(body, bi, offset, section, refs, year)
        items_follow = bi + 1 < end and blocks[bi + 1].kind is BlockKind.list_item \
            and blocks[bi + 1].label not in {"-", "+", "•", "*"} and _level(blocks[bi + 1]) > level
        # the document's own lead-in, before any item, whose items name their own owners (agency headings
        # follow): a duty of the bodies it addresses, not the owner of every item
        opening = not labelled and not section_titles and not tasks and _items_name_owners(blocks, bi + 1, end)
        if len(found) == 1 and found[0].text.rstrip().endswith(":") and not opening and (
                len(found[0].text.split()) <= 20 or re.search(r"\bsau\s*:\s*$", found[0].text) or items_follow):
            # "Giao phòng X triển khai, thực hiện các công việc liên quan:", "Sở Công Thương yêu cầu đơn vị
            # nêu trên thực hiện một số nội dung sau:" — the items that follow (nested, or numbered on as
            # siblings) are X's duties, unless an item names its own owner
            # an unnumbered lead-in heads the items of its section that follow it
            intro_level = level - 0.5 if labelled else max(section_titles, default=0) + 0.5
            heading = _Heading(agencies=list(found[0].leads), level=intro_level, requested=found[0].requested,
                               intro=True, cue=found[0].cue)
            if _LEAD_IN_DUTY.match(found[0].text) and not _ROLE_ONLY.match(found[0].text):
                tasks.append(found[0])  # "chỉ đạo Chi cục X thực hiện các nội dung sau:" is a duty too
            continue
        addressed = request_lead_in(body) if not found else None
        if addressed:  # "…, Ủy ban nhân dân tỉnh trân trọng đề nghị Bộ Xây dựng:" then (i), (ii) …
            names, requested = addressed
            intro_level = level - 0.5 if labelled else max(section_titles, default=0) + 0.5
            heading = _Heading(agencies=names, level=intro_level, requested=requested, intro=True, cue="trigger")
            continue
        tasks.extend(found)
        if found or labelled:
            pending = []
        if not found and len(body.split()) >= 4:
            pending = (pending + [(bi, body, offset, section)])[-3:]
    close_frame()
    close_heading()
    _inherit_deadlines(tasks, blocks, end)
    # a duty is something to do: prose with no verb is a name, a list or a fragment. Tables and frames
    # say what is to be done by their columns ("Đề án …" in a "Nội dung" column is a duty)
    return [t for t in tasks if re.search(r"[^\W\d_]{2}", t.text)  # a cell "3.1" is a label, nothing to do
            and not (t.source != "table" and _TOPIC.match(t.text))  # "1. Về chính sách, thủ tục …": a topic
            and (t.source in ("table", "frame") or not lacks_verb(t.text))]


_TIME_LINE = re.compile(r"^\W*(thời gian|thời hạn|tiến độ)[^:]{0,40}:\W*", re.I)


def _inherit_deadlines(tasks: list[RawTask], blocks: list[Block], end: int) -> None:
    """A duty whose own text has no deadline takes the one of a "Thời gian …:" item nested under it
    ("2.2. Giao Công an tỉnh … tổ chức Hội nghị" … "2.2.3. Thời gian tổ chức: trước ngày 10/3/2026")."""
    for t in tasks:
        if t.deadline is not None or t.source == "table" or not (0 <= t.block < end):
            continue
        level = blocks[t.block].level
        if level is None or blocks[t.block].kind is not BlockKind.list_item:
            continue
        for b in blocks[t.block + 1:end]:
            if b.level is not None and b.level <= level:
                break
            body, _ = strip_label(b)
            if _TIME_LINE.match(body):
                t.deadline = parse_time_cell(_TIME_LINE.sub("", body)) or find_deadline(body)
                break


_COL_TASK = re.compile(r"nội dung|nhiệm vụ|tên nhiệm vụ|công việc|hoạt động|giải pháp", re.I)
_COL_LEAD = re.compile(r"chủ trì|thực hiện|đơn vị thực hiện|cơ quan thực hiện|thường trực|phụ trách|người thực hiện", re.I)
_COL_SUPPORT = re.compile(r"phối hợp", re.I)
_COL_TIME = re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành", re.I)


_PERSON = re.compile(rf"^(?:{_ADDRESS}\s+)?(?:{_NAME_WORD}\s*){{2,}}$")


def team_of(context: str) -> str | None:
    """The team a table of individuals belongs to, from the title above it
    ("PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC …" → "Tổ công tác")."""
    folded = f" {' '.join(fold_words(context))} "  # also as OCR spells it: "ĐOÀN KIÊM TRA"
    hits = [(folded.find(f" {' '.join(fold_words(t))} "), t) for t in agency_vocab()["teams"]]
    hits = [(pos, t) for pos, t in hits if pos >= 0]
    return min(hits)[1] if hits else None


def table_header(rows: list) -> tuple[int, dict[str, int]] | None:
    """(row index of the header, column of task / lead / support / time) of an assignment table."""
    for r, row in enumerate(rows[:4]):
        texts = [c.text for c in row]
        found: dict[str, int] = {}
        for c, t in enumerate(texts):
            if _COL_TASK.match(t.strip()) and "task" not in found:  # "Nhiệm vụ thực hiện" is the duty column
                found["task"] = c
            elif _COL_SUPPORT.search(t) and "support" not in found:
                found["support"] = c
            elif _COL_LEAD.search(t) and "lead" not in found:
                found["lead"] = c
            elif _COL_TIME.search(t) and "time" not in found:
                found["time"] = c
            elif _COL_TASK.search(t) and "task" not in found:
                found["task"] = c
        if "lead" in found and "task" in found:
            return r, found
    return None


def table_width(rows: list) -> int:
    return max((len(r) for r in rows), default=0)


def table_tasks(block: Block, bi: int, context: str = "",
                header: tuple[int, dict[str, int]] | None = None) -> list[RawTask]:
    """Assignment tables: one duty per data row. A duty given to named people belongs to the
    team the table is about (individuals are not agencies). ``header`` overrides the table's own
    (a table going on without its header row)."""
    rows = block.rows or []
    out: list[RawTask] = []
    header = header or table_header(rows)
    if header is None:
        return out
    header_idx, cols = header
    for row_index, row in enumerate(rows[header_idx + 1:], start=header_idx + 1):
        cells = [c.text for c in row]

        def cell(key: str) -> str:
            """The cell's text; a cell's lines are joined, except in agency columns where each line
            may name another agency ("Các sở, ngành\nSở Khoa học và Công nghệ")."""
            i = cols.get(key)
            text = cells[i].strip() if i is not None and i < len(cells) else ""
            lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
            if key not in {"lead", "support"} or not lines:
                return " ".join(lines)
            out = lines[0]
            for ln in lines[1:]:  # a new line opening in capitals after a complete name is another agency
                wrapped = ln[:1].islower() or re.search(r"(?:\bvà|\bcác|[,-])\s*$", out)
                out += (" " if wrapped else "; ") + ln
            return out

        text = clean_task_text(cell("task"))
        lead_text = cell("lead")
        if not text or not lead_text or text == lead_text:
            continue
        cue = _SUPPORT_CUE.search(lead_text)  # "Công an Thành phố chủ trì phối hợp với Bộ Tư lệnh …" in one cell
        extra_supports = find_supports(lead_text[cue.start():]) if cue else []
        leads = _names(find_agencies(lead_text[:cue.start()] if cue else lead_text, allow_generic=True))
        people = [x.strip() for x in lead_text.split(";") if x.strip()]
        if not leads and people and all(_PERSON.match(x) for x in people) and (team := team_of(context)):
            leads = [team]
        elif not leads:
            leads = []  # a cell naming no agency (a misaligned column, a topic) owns nothing
        if not leads:
            continue
        supports = _names(find_agencies(cell("support"))) + [n for n in extra_supports if n not in leads]
        deadline = parse_time_cell(cell("time")) if "time" in cols else find_deadline(text)
        out.append(RawTask(text=text, leads=leads, supports=supports, deadline=deadline, block=bi, source="table",
                           row=row_index, cue="table"))
    return out
