"""Sentences with an agency as their subject: "Giao Công an tỉnh chủ trì, phối hợp với …", "Sở Tài chính phối hợp
…", "Chánh Văn phòng …, Giám đốc các Sở … chịu trách nhiệm thi hành Quyết định này", the passive "Xe ô tô 7 chỗ do
Văn phòng Sở bố trí", and a closing formula "… để A và B biết, thực hiện"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...extract.normalize import match_form
from ...models.text import fold_words, vi_pattern
from ..addressing import (
    addressed_subject, closing_formula, heading_addressees, is_past_narrative, is_speech_act, opens_predicate,
    opens_with_adverbial, place_bodies, trim_run_on,
)
from ..agencies import Mention, find_agencies
from ..coreference import Antecedents, expand
from ..deadlines import find_deadline
from ..words import lacks_verb
from .common import TITLE_GAP, TRIGGER, RawTask, clean_task_text, find_supports, names_of
from .headings import agency_only

_CONNECT = re.compile(r"^[\s,;]*(?:và|cùng|với)?[\s,;]*$")
_REQUESTED = re.compile(r"^(?:Đề nghị|đề nghị)")
_CONTENTS_ONLY = re.compile(r"^(?:các\s+|một số\s+|những\s+)?nội dung(?:\s+cụ thể)?(?:\s+như)?\s+sau\s*:?\s*$", re.I)
_TOPIC_OPENING = re.compile(vi_pattern(r"^[^:;.]{3,120}:\s+(?=[[:upper:]])"))  # "Dự toán kinh phí: UBND …"
_PASSIVE = re.compile(vi_pattern(r"\bdo\s+(?=[[:upper:]])"))
_PASSIVE_VERB = re.compile(r"\s*(?:bo tri|thuc hien|chu tri|dam nhiem|dam nhan|phu trach|cung cap|chi tra|bao dam|dam bao|"
                           r"chuan bi|to chuc)\b")  # folded: OCR drops marks ("bô trí")
_RESPONSIBILITY = re.compile(r"^(?:có|chịu)\s+trách nhiệm\b|^chủ trì\b", re.I)
_EXECUTION = re.compile(r"chịu trách nhiệm (?:thi hành|tổ chức thực hiện|thực hiện)|tổ chức (?:triển khai )?thực hiện "
                        r"(?:quyết định|nghị quyết|thông tư|chỉ thị|nghị định|kế hoạch|quy chế|quy định) này", re.I)
# what a body is, not what it does: "Sở X được …", "Công ty A (Gói thầu số 16 …)"
_NO_PREDICATE = re.compile(r"^(?:được|đã|đang|nhận được|vừa nhận|là nơi|là những|thuộc|trực thuộc|của)\b"
                           # answerable for what it submitted, not given something to do
                           r"|^chịu trách nhiệm(?:\s+trước\s+[^,;.]{0,60}?)?\s+về\s+(?:nội dung|tính chính xác|số liệu"
                           r"|tính hợp pháp|thông tin)")


def _subject_list(text: str, mentions: list[Mention]) -> tuple[list[Mention], int]:
    """Agencies standing at the start of ``text`` as its subject, and where the predicate starts."""
    subj: list[Mention] = []
    pos = 0
    for m in mentions:
        gap = text[pos:m.start]
        gap_clean = re.sub(r"\b(?:và các (?:cơ quan|đơn vị|tổ chức)[^,;]*?(?:liên quan|có liên quan))\b", "", gap)
        # "Chánh Văn phòng UBND tỉnh, Giám đốc các Sở, Thủ trưởng các cơ quan, đơn vị trực thuộc, Chủ tịch UBND
        # các xã …": the heads' titles (and a generic group between them) do not end the list of subjects
        gap_clean = TITLE_GAP.sub(" ", gap_clean)
        if subj and re.search(r"trực thuộc\s*$", gap):
            pos = m.end  # "đơn vị trực thuộc UBND Thành phố": whose units, not a subject
            continue
        if subj and not _CONNECT.match(gap_clean) and not re.fullmatch(r"[\s,;]*(?:và\s+)?", gap_clean):
            break
        if not subj and _opens_otherwise(gap):
            break
        subj.append(m)
        pos = m.end
    if not subj:
        return [], 0
    return subj, _predicate_start(text, pos)


def _opens_otherwise(gap: str) -> bool:
    """Words before the first agency that make it no subject: anything but a head's title or a Giao / Đề nghị."""
    lead_in = match_form(gap).strip(" ,;:")
    # "Thực hiện Kế hoạch số 12/KH-UBND, Sở X …": a lead-in clause closed by its comma
    lead_in = re.sub(r"^(?:(?:căn cứ|trên cơ sở|thực hiện)[^,]*,\s*)+", "", lead_in).strip()
    titles = re.fullmatch(r"(?:(?:giám đốc|phó giám đốc|chủ tịch|thủ trưởng|chánh văn phòng|chánh thanh tra|chánh|trưởng ban|"
                          r"người đứng đầu|đồng chí|lãnh đạo)\s*(?:các)?\s*)?", lead_in)
    return bool(lead_in and not titles and lead_in not in {"giao", "đề nghị", "yêu cầu"})


def _predicate_start(text: str, pos: int) -> int:
    """Where the predicate starts after the subjects ending at ``pos``: past the groups going with them."""
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
    return pos + (pm.end() if pm else 0)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer(vi_pattern(r"(?<=[.;])\s+(?=[[:upper:]])"), text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _clauses(text: str) -> list[tuple[int, int]]:
    """Sentences, where "A; B; C chịu trách nhiệm …" stays one: a part that is only an agency (a
    closing article's list of bodies) belongs to the sentence after it."""
    spans = _sentences(text)
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for s, e in spans:
        part = text[s:e].rstrip(" ;")
        if text[s:e].rstrip().endswith(";") and (len(part) < 160 and agency_only(part)
                                                  or len(part) < 600 and heading_addressees(part)):
            carry = s if carry is None else carry
            continue
        out.append((carry if carry is not None else s, e))
        carry = None
    if carry is not None:
        out.append((carry, len(text)))
    return out


@dataclass(frozen=True)
class _Clause:
    """A clause of a block's text, and where its duties are recorded."""
    text: str  # the block's text the clause is part of
    start: int
    end: int
    block_index: int
    offset: int  # where ``text`` starts in the block
    section: str | None

    @property
    def sent(self) -> str:
        return self.text[self.start:self.end]


@dataclass(frozen=True)
class _Starts:
    """Where a subject may start in a clause, and what each start says of the duty after it."""
    candidates: list[tuple[int, bool]]  # (position, requested), in order
    triggered: set[int]  # the positions after a Giao / Đề nghị / Yêu cầu
    topic_at: int  # after a topic ("Dự toán kinh phí: …"), -1 if none
    adverbial: set[int]  # after the commas of an opening adverbial


def sentence_tasks(text: str, block_index: int, offset: int, section: str | None,
                   refs: Antecedents | None = None, year: int | None = None) -> list[RawTask]:
    """Duties expressed as sentences with an agency subject. ``refs``: the document's blocks, against
    which a subject referring back ("đơn vị nêu trên", "Công ty") is resolved; ``year``: the
    document's, before which a sentence's opening period tells the past ("Trong năm 2025, …")."""
    out: list[RawTask] = []
    for s, e in _clauses(text):
        clause = _Clause(text, s, e, block_index, offset, section)
        if is_past_narrative(clause.sent, year):
            continue
        closing = closing_formula(clause.sent)
        if closing:  # "X thông báo để A và B biết, thực hiện./."
            out.append(RawTask(text=closing.duty, leads=closing.names, block=block_index, start=offset + s + closing.start,
                               end=offset + e, source="sentence", section=section, cue="closing"))
            continue
        out.extend(_clause_tasks(clause, refs))
    return out


def _clause_tasks(clause: _Clause, refs: Antecedents | None) -> list[RawTask]:
    """The duties of one clause: its passive, or the subjects at each place a subject may start."""
    sent = clause.sent
    mentions = find_agencies(sent)
    expansion: dict[str, list[str]] = {}
    if refs is not None:
        backs, expansion = refs.mentions(sent, mentions, clause.block_index, clause.text[:clause.start])
        mentions = sorted(mentions + backs, key=lambda m: m.start)
    places = place_bodies(sent, mentions)  # "Tỉnh tổ chức thực hiện …" in a central conclusion
    if places:
        mentions = sorted(mentions + places, key=lambda m: m.start)
    if not mentions and not addressed_subject(sent):
        return []
    starts = _subject_starts(sent, places)
    passive = _passive_task(clause, mentions)
    if passive is not None:
        return [passive]
    out: list[RawTask] = []
    done_until = -1
    for pos, requested in starts.candidates:
        if pos < done_until:
            continue
        found = _subject_task(clause, pos, requested, mentions, expansion, starts)
        if found is not None:
            task, done_until = found
            out.append(task)
    return out


def _subject_starts(sent: str, places: list[Mention]) -> _Starts:
    """The sentence's opening, after each Giao / Đề nghị / Yêu cầu, after a topic, after an opening adverbial's
    commas, and a place body after a comma."""
    candidates: list[tuple[int, bool]] = [(0, bool(_REQUESTED.match(sent)))]
    triggered: set[int] = set()
    topic_at = -1
    for t in TRIGGER.finditer(sent):
        if re.search(r"(?:^|\s)(?:đã|đều đã|cũng đã)\s+$", sent[:t.start(1)], re.I):
            continue  # "Trong đó đã giao Sở X …": a report telling what was assigned, not a duty
        candidates.append((t.end(), t.group(1).lower() == "đề nghị"))
        triggered.add(t.end())
    topic = _TOPIC_OPENING.match(sent)
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
    return _Starts(candidates, triggered, topic_at, adverbial)


def _passive_task(clause: _Clause, mentions: list[Mention]) -> RawTask | None:
    """"Xe ô tô 7 chỗ do Văn phòng Sở bố trí.": the passive is the sentence's predicate only when what comes before
    it is a noun phrase; "Triển khai Nền tảng X do Bộ Y cung cấp" is someone else's duty."""
    sent = clause.sent
    passive = _PASSIVE.search(sent)
    if not passive or not lacks_verb(re.sub(r"^[^:]{0,80}:\s+", "", sent[:passive.start()]).strip() or "x"):
        return None
    at = passive.end()
    local = [m for m in mentions if m.start >= at]
    if not local or local[0].start != at:
        return None
    shifted = [Mention(m.name, m.start - at, m.end - at, m.is_group) for m in local]
    subj, pred = _subject_list(sent[at:], shifted)
    if not subj or not _PASSIVE_VERB.match(" ".join(fold_words(sent[at + pred:]))):
        return None
    duty = re.sub(r"^[^:]{0,80}:\s+", "", sent)  # "Phương tiện …: Xe ô tô … do X bố trí."
    return RawTask(text=clean_task_text(duty), leads=names_of(subj), block=clause.block_index,
                   start=clause.offset + clause.start, end=clause.offset + clause.end, source="sentence",
                   section=clause.section, cue="passive")


def _subject_task(clause: _Clause, pos: int, requested: bool, mentions: list[Mention],
                  expansion: dict[str, list[str]], starts: _Starts) -> tuple[RawTask, int] | None:
    """The duty of the subjects starting at ``pos``, and where it ends in the clause; None if none stand there."""
    sent = clause.sent
    local = [m for m in mentions if m.start >= pos]
    shifted = [Mention(m.name, m.start - pos, m.end - pos, m.is_group) for m in local]
    subj, pred = _subject_list(sent[pos:], shifted) if local else ([], 0)
    leads = expand(names_of(subj), expansion)
    listed = addressed_subject(sent[pos:])  # heads listed together name their bodies one by one
    if listed and (len(listed.names) > len(leads)
                   or len(listed.names) == len(leads) > 1 and listed.predicate > pred):
        leads, pred = listed.names, listed.predicate
    if not leads:
        return None
    body = clean_task_text(sent[pos + pred:])
    trimmed, body = trim_run_on(leads[-1], body)
    if trimmed != leads[-1] and trimmed:
        leads = leads[:-1] + [trimmed]
        pred -= len(body) - len(clean_task_text(sent[pos + pred:]))
    if len(body.split()) < 3 and not (listed and leads == listed.names and body):
        return None
    if _no_duty(body, pos, starts):
        return None
    task = RawTask(text=body, leads=leads, supports=find_supports(body), deadline=find_deadline(body),
                   block=clause.block_index, start=clause.offset + clause.start + pos + pred,
                   end=clause.offset + clause.end, source="sentence", section=clause.section, requested=requested,
                   cue=sentence_cue(sent, body, pos in starts.triggered or requested
                                    or bool(TRIGGER.match(sent[pos:]))))
    return task, pos + pred


def _no_duty(body: str, pos: int, starts: _Starts) -> bool:
    """What follows a subject but gives it no duty."""
    if pos in starts.adverbial and (not body[:1].islower() or re.match(r"(?:của|và|thì|là|với|về|cho|tại)\b", body)):
        return True
    if pos == starts.topic_at and not opens_predicate(body):
        return True  # after a topic, "Địa điểm: Sở X, địa chỉ …" names a place, not a duty
    if _CONTENTS_ONLY.match(body):
        return True  # "… báo cáo và đề nghị Bộ Xây dựng nội dung như sau:": a letter's contents follow
    if is_speech_act(body):
        return True  # "Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:": the issuer speaking owns nothing
    if _NO_PREDICATE.match(body) or body.startswith("(") and not re.match(r"^\([^()]*\)\s*:(?!\s*\d)", body):
        return True  # "Công ty A (Gói thầu số 16 …)": what a body is, in brackets, is no duty; but
        # "Sở Nội vụ (cơ quan thường trực …):" and "các doanh nghiệp (VNPT, Viettel):" head duties
    return bool(TRIGGER.match(body))  # "Sở A đề nghị Sở B …": A asks, B owns (the trigger's own candidate)


def sentence_cue(sentence: str, duty: str, triggered: bool) -> str:
    """What makes a sentence's duty explicit: a Giao / Đề nghị before its subject, an execution clause
    ('… chịu trách nhiệm thi hành Quyết định này'), a responsibility ('có trách nhiệm …'), or nothing but an
    agency as its subject."""
    if triggered:
        return "trigger"
    if _EXECUTION.search(sentence):
        return "execution"
    return "responsibility" if _RESPONSIBILITY.match(duty) else "subject"
