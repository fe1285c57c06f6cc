"""The walk over a document's blocks that hands each block to the shape it has: a table, a section title, a task
frame's line, an agency heading or a line under it, a colon item, a role line, or sentences and lead-ins."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import Block, BlockKind
from ..addressing import closing_formula, role_line
from ..agencies import canonical_key, find_agencies
from ..coreference import Antecedents
from ..deadlines import find_deadline, parse_time_cell
from ..posts import committee_of, post_heading
from ..words import lacks_verb
from .common import (
    BULLETS, FRAME_TASK, FRAME_TIME, GIVES, ROLE_LEAD, ROLE_SUPPORT, RawTask, block_level, clean_task_text,
    find_supports, is_numbered, names_of, strip_label,
)
from .frames import Bullet, Frame, bullets_owned, role_supporters
from .headings import (
    CLOSING, LEAD_IN_DUTY, PERSON_LINE, QUOTA, TIME_STATEMENT, Heading, agency_only, goes_on, heading_cue,
    items_name_owners, name_left_open, names_roles_only, request_lead_in,
)
from .items import colon_item, item_task
from .sections import skips_duties
from .sentences import sentence_tasks
from .tables import Header, table_header, table_tasks, table_width
from .time_items import inherit_deadlines

_TOPIC = re.compile(r"^Về\s+[^.;:]{0,160}$")
_THANKS = re.compile(r"(?i)\bcảm ơn\b")  # "Bộ Tài chính trân trọng cảm ơn sự phối hợp …": courtesy, nothing to do
# a report's contents introduced: "… tổng hợp báo cáo cụ thể về một số nội dung sau:"
_REPORT_CONTENTS = re.compile(r"báo cáo[^:;.]{0,60}?(?:nội dung|thông tin|số liệu|tình hình)[^:;.]{0,30}sau\s*:\s*$", re.I)
SECTION_LEVELS = 4  # numbered items down to this level title sections ("I.", "1.", "1.1.", "1.1.1.")
PENDING_BULLETS = 3  # the bullets a role line after them may own


@dataclass(frozen=True)
class Line:
    """A block other than a table, as the shapes read it."""
    index: int  # the block's position in the document
    block: Block
    body: str  # its text without the label (with the rest of a name broken at its end)
    offset: int  # where body starts in block.text
    level: int
    numbered: bool  # labelled by a number or a letter, not a bullet
    section: str  # the titles of the sections it is in, outermost first


def extract_tasks(blocks: list[Block], start: int, end: int, team: str | None = None,
                  year: int | None = None) -> list[RawTask]:
    """Duties in blocks[start:end]. ``team``: the team the document speaks for ("Đoàn kiểm tra"),
    which owns the duties its members are given by name; ``year``: the year the document was issued."""
    return DutyFinder(blocks, start, end, team, year).run()


def is_duty(task: RawTask) -> bool:
    """A duty is something to do: prose with no verb is a name, a list or a fragment. Tables and frames say what is
    to be done by their columns ("Đề án …" in a "Nội dung" column is a duty)."""
    return bool(re.search(r"[^\W\d_]{2}", task.text)  # a cell "3.1" is a label, nothing to do
                and not (task.source != "table" and _TOPIC.match(task.text))  # "1. Về chính sách, thủ tục …": a topic
                and not _THANKS.search(task.text)
                and (task.source in ("table", "frame") or not lacks_verb(task.text)))


class DutyFinder:
    """Reads blocks[start:end] in order; what a block means depends on the heading, frame, bullets and section
    before it, which the finder keeps."""

    def __init__(self, blocks: list[Block], start: int, end: int, team: str | None = None, year: int | None = None):
        self.blocks, self.start, self.end, self.team, self.year = blocks, start, end, team, year
        self.refs = Antecedents(blocks)
        self.tasks: list[RawTask] = []
        self.heading: Heading | None = None  # the agency heading or lead-in whose lines are its agencies' duties
        self.frame: Frame | None = None  # the "Nhiệm vụ: …" frame whose role lines are being read
        self.section_titles: dict[int, str] = {}  # level → title of the sections the walk is in
        self.skipped_level: int | None = None  # the level of a section stating no duties, while inside it
        self.bullets_awaiting_owner: list[Bullet] = []  # a role line after them may own them
        self.tasks_taking_roles: list[RawTask] = []  # the duties the role lines that follow apply to
        self.last_table_columns: tuple[int, dict[str, int]] | None = None  # width and columns of the last table
        self.joined: set[int] = set()  # blocks read as the rest of the block before them

    def run(self) -> list[RawTask]:
        for index in range(self.start, self.end):
            if index not in self.joined:
                self._read(index)
        self._close_frame()
        self._close_heading()
        inherit_deadlines(self.tasks, self.blocks, self.end)
        return [t for t in self.tasks if is_duty(t)]

    def _read(self, index: int) -> None:
        """One block, handed to the first shape that takes it."""
        block = self.blocks[index]
        if block.kind is BlockKind.table:
            self._table(index, block)
            return
        body, offset = self._body(index, block)
        level, numbered = block_level(block), is_numbered(block)
        if not body and not numbered:
            return
        if numbered and level <= SECTION_LEVELS:
            self._section_title(body, level)
        if self.skipped_level is not None or not body:
            return  # a bare label ("Chương III") still closed the headings above
        line = Line(index, block, body, offset, level, numbered, self._section())
        if self._frame_line(line) or self._agency_heading(line) or self._heading_line(line):
            return
        self._close_heading()
        if self._colon_item(line) or self._role_line(line):
            return
        self._sentences_or_lead_in(line)

    def _body(self, index: int, block: Block) -> tuple[str, int]:
        """The block's text without its label; a name left open at its end goes on in the next block."""
        body, offset = strip_label(block)
        if index + 1 < self.end and name_left_open(body) and goes_on(self.blocks[index + 1]):
            body = f"{body} {self.blocks[index + 1].text.strip()}"  # "Điều 4. Chánh Văn phòng UBND tỉnh; Giám đốc Sở" / "Văn hóa …"
            self.joined.add(index + 1)
        return body, offset

    def _section(self) -> str:
        return " > ".join(self.section_titles[k] for k in sorted(self.section_titles))

    def _sentence_duties(self, line: Line, text: str) -> list[RawTask]:
        return sentence_tasks(text, line.index, line.offset, line.section, self.refs, self.year)

    def _close_heading(self) -> None:
        if self.heading is not None:
            self.heading.lend_supports()
            self.heading = None

    def _close_frame(self) -> None:
        if self.frame is not None:
            self.tasks.extend(self.frame.duties())
        self.frame = None

    def _table(self, index: int, block: Block) -> None:
        """An assignment table: one duty per row; a table going on without its header takes the last one's."""
        context = " ".join(b.text for b in self.blocks[max(0, index - 3):index] if b.kind is not BlockKind.table)
        rows = block.rows or []
        header: Header | None = table_header(rows)
        if header is None and self.last_table_columns and self.last_table_columns[0] == table_width(rows):
            header = (-1, self.last_table_columns[1])  # the table goes on without its header (a page, a pipe interlude)
        if header is not None:
            self.last_table_columns = (table_width(rows), header[1])
            self.tasks.extend(table_tasks(block, index, context, header))

    def _section_title(self, title: str, level: int) -> None:
        """A numbered item opens a section: it ends the headings and frames at its level or deeper."""
        self.section_titles = {k: v for k, v in self.section_titles.items() if k < level}
        self.section_titles[level] = title[:80]
        if self.heading is not None and level <= self.heading.level:
            self._close_heading()
        if self.frame is not None and level <= self.frame.level:
            self._close_frame()
        if self.skipped_level is not None and level <= self.skipped_level:
            self.skipped_level = None
        if skips_duties(title, level):
            self.skipped_level = level

    def _frame_line(self, line: Line) -> bool:
        """ "Nhiệm vụ: …" opens a frame; its role, time and duty lines follow until a line of another shape."""
        if FRAME_TASK.match(line.body):
            self._close_frame()
            self.frame = Frame(level=line.level, text=FRAME_TASK.sub("", line.body), block=line.index,
                               section=line.section)
            return True
        if self.frame is None:
            return False
        if self.frame.read(line.body, line.block.label, line.index, line.level):
            return True
        self._close_frame()
        return False

    def _agency_heading(self, line: Line) -> bool:
        """A numbered item or heading that names nothing but bodies opens their duties."""
        if not (line.numbered or line.block.kind is BlockKind.heading or self._bullets_follow(line)):
            return False
        body = line.body
        heads = agency_only(body) or self._committee_of_post(body)
        if not heads:
            return False
        self._close_heading()
        self.heading = Heading(agencies=heads, level=line.level if line.numbered else 98,
                               requested=bool(re.match(r"^Đề nghị", body)), cue=heading_cue(body))
        return True

    def _bullets_follow(self, line: Line) -> bool:
        """An unlabelled short paragraph with bullets right after it: a heading as some writers set one ("Liên minh
        Hợp tác xã tỉnh, Hội nông dân tỉnh" then "- Đẩy mạnh …")."""
        following = self.blocks[line.index + 1] if line.index + 1 < self.end else None
        return line.block.kind is BlockKind.paragraph and not line.block.label and len(line.body) < 200 \
            and following is not None and following.label in BULLETS

    def _committee_of_post(self, body: str) -> list[str] | None:
        """A post inside a committee ("1.1. Trưởng Ban Chỉ đạo", "b) Phó Trưởng ban thường trực"): its duties are
        the committee's — the one it names, else the one its sections or the document speak for."""
        post = post_heading(body)
        if post is None:
            return None
        committee = post.committee or committee_of(self._section()) or self.team
        return [committee] if committee else None

    def _heading_ends(self, line: Line) -> bool:
        """Whether ``line`` ends the open heading: a closing paragraph, or the end of a lead-in's items."""
        heading = self.heading
        if heading is None:
            return False
        if CLOSING.match(line.body) or closing_formula(line.body):
            # "Trên đây là Kế hoạch …", "Trong quá trình thực hiện, nếu có khó khăn …", "Sở X thông báo để
            # các đơn vị biết, thực hiện./." end the heading's duties
            return True
        if not heading.intro:
            return False
        if line.numbered and line.level > heading.level:
            if heading.item_level is None:
                heading.item_level = line.level  # the first numbered item sets the level of the lead-in's items
            elif heading.item_level > heading.level + 0.5 >= line.level:
                return True  # "1. Bộ X chủ trì …:" with its a), b): item "2." is no longer X's
        if not line.numbered and heading.item_level is not None \
                and heading.item_level >= 5 and line.block.kind is BlockKind.paragraph:
            return True  # a paragraph after the lead-in's (i), (ii) … items is the letter going on
        # an item that names its own agency ends the intro's list
        return line.numbered and line.level == heading.item_level \
            and bool(colon_item(line.body, self.team) or self._sentence_duties(line, line.body))

    def _heading_line(self, line: Line) -> bool:
        """A line under the open heading: its supporters, its deadline, or a duty of its agencies."""
        if self._heading_ends(line):
            self._close_heading()
        heading = self.heading
        if heading is None or not (line.level > heading.level or not line.numbered):
            return False
        body = line.body
        if ROLE_SUPPORT.match(body):
            heading.supports.extend(n for n in names_of(find_agencies(ROLE_SUPPORT.sub("", body)))
                                    if n not in heading.supports)
            return True
        if (FRAME_TIME.match(body) or TIME_STATEMENT.match(body)) and heading.tasks:
            # "Thời gian hoàn thành: Tháng 12/2025.", "Thời hạn hoàn thành không quá 05 ngày làm việc …" after
            # the heading's duties is their deadline, no duty
            heading.date_undated(parse_time_cell(FRAME_TIME.sub("", body)) or find_deadline(body))
            return True
        text = clean_task_text(body)
        if PERSON_LINE.match(text) or (QUOTA.search(text) and len(text.split()) <= 20):
            return True  # "Ông Nguyễn Văn A, Phó Giám đốc Sở …", "Ban X: Không quá 05 cá nhân": a list, no duty
        if len(text.split()) >= 3:
            self._heading_duty(line, text)
        return True

    def _heading_duty(self, line: Line, text: str) -> None:
        """A duty under the heading: its agencies', unless the line gives it to another body or names its own lead
        ("1. Công an TP và Bộ Tư lệnh TP" / "Công an TP chủ trì phối hợp với Bộ Tư lệnh …"; under "9. UBND cấp xã":
        "UBND phường Yên Bái chủ trì …")."""
        heading = self.heading
        leads = list(heading.agencies)
        keys = {canonical_key(a) for a in leads}
        found = [x for x in self._sentence_duties(line, text) if x.leads]
        given = [x for x in found if x.cue == "trigger" and GIVES.match(text)
                 and not {canonical_key(a) for a in x.leads} <= keys]
        if given:  # "b) Giao Thanh tra thành phố tổ chức thanh tra …" under a heading: the item is theirs
            self.tasks.extend(given)
            return
        own = [x for x in found if text.startswith(x.leads[0]) and re.match(r"(?i)chủ trì\b", x.text)]
        own = own or [x for x in found if len(leads) > 1 and {canonical_key(a) for a in x.leads} < keys]
        if own:
            leads = own[0].leads
        t = RawTask(text=text, leads=leads, supports=[n for n in find_supports(text) if n not in leads],
                    deadline=find_deadline(text), block=line.index, start=line.offset, end=len(line.block.text),
                    source="heading", section=line.section, requested=heading.requested,
                    cue=own[0].cue if own else heading.cue)
        heading.tasks.append(t)
        self.tasks.append(t)

    def _colon_item(self, line: Line) -> bool:
        """ "- Sở X: …": the bodies before the colon own the text after it."""
        item = colon_item(line.body, self.team)
        if not item:
            return False
        task = item_task(item, line.body, line.block.text, line.index, line.section)
        self.tasks.append(task)
        if line.numbered and task.text.rstrip().endswith(":"):
            # "2. Các sở, ban, ngành, địa phương: Là các đơn vị …, chịu trách nhiệm … các nội dung sau:" — its own
            # duty, and the owner of the items under it
            self.heading = Heading(agencies=list(task.leads), level=line.level, requested=task.requested, intro=True,
                                   cue=task.cue)
        return True

    def _role_line(self, line: Line) -> bool:
        """A role line after the duties it owns or supports or dates ("Đơn vị chủ trì: X", "Đơn vị phối hợp: Y",
        "Thời gian: Z"), or a line naming a role alone ("Cơ quan tổ chức lập: UBND thành phố X.")."""
        body = line.body
        if self.frame is None and ROLE_LEAD.match(body) and self.bullets_awaiting_owner:
            self.tasks_taking_roles = bullets_owned(self.bullets_awaiting_owner, body, self.blocks)
            self.tasks.extend(self.tasks_taking_roles)
            self.bullets_awaiting_owner = []
            return True
        if self.tasks_taking_roles and ROLE_SUPPORT.match(body):
            names = role_supporters(body)
            for t in self.tasks_taking_roles:
                t.supports = [n for n in names if n not in t.leads]
            return True
        if self.tasks_taking_roles and FRAME_TIME.match(body):
            due = parse_time_cell(FRAME_TIME.sub("", body))
            for t in self.tasks_taking_roles:
                t.deadline = due or t.deadline
            return True
        roles = role_line(body) if not (ROLE_LEAD.match(body) or ROLE_SUPPORT.match(body)) else None
        if roles:  # a "Cơ quan phối hợp: …" line may follow
            t = RawTask(text=clean_task_text(body), leads=roles, block=line.index, start=line.offset,
                        end=len(line.block.text), source="bullet", section=line.section, cue="role")
            self.tasks.append(t)
            self.tasks_taking_roles = [t]
            self.bullets_awaiting_owner = []
            return True
        self.tasks_taking_roles = []
        return False

    def _sentences_or_lead_in(self, line: Line) -> None:
        """Sentences with an agency subject; a lead-in ending in ':' opens a heading over the items after it; a
        bullet naming no owner waits for a role line."""
        found = self._sentence_duties(line, line.body)
        if self._lead_in(line, found):
            return
        addressed = request_lead_in(line.body) if not found else None
        if addressed:  # "…, Ủy ban nhân dân tỉnh trân trọng đề nghị Bộ Xây dựng:" then (i), (ii) …
            names, requested = addressed
            self.heading = Heading(agencies=names, level=self._intro_level(line), requested=requested, intro=True,
                                   cue="trigger")
            return
        self.tasks.extend(found)
        if found or line.numbered:
            self.bullets_awaiting_owner = []
        if not found and len(line.body.split()) >= 4:
            bullet = Bullet(line.index, line.body, line.offset, line.section)
            self.bullets_awaiting_owner = (self.bullets_awaiting_owner + [bullet])[-PENDING_BULLETS:]

    def _lead_in(self, line: Line, found: list[RawTask]) -> bool:
        """ "Giao phòng X triển khai, thực hiện các công việc liên quan:", "Sở Công Thương yêu cầu đơn vị nêu trên
        thực hiện một số nội dung sau:" — the items that follow (nested, or numbered on as siblings) are X's duties,
        unless an item names its own owner."""
        following = self.blocks[line.index + 1] if line.index + 1 < self.end else None
        items_follow = following is not None and following.kind is BlockKind.list_item \
            and following.label not in BULLETS and block_level(following) > line.level
        # the document's own lead-in, before any item, whose items name their own owners (agency headings
        # follow): a duty of the bodies it addresses, not the owner of every item
        opening = not line.numbered and not self.section_titles and not self.tasks \
            and items_name_owners(self.blocks, line.index + 1, self.end)
        if not (len(found) == 1 and (found[0].text.rstrip().endswith(":") or names_roles_only(found[0].text))
                and not opening and (
                len(found[0].text.split()) <= 20 or re.search(r"\bsau\s*:\s*$", found[0].text) or items_follow
                or names_roles_only(found[0].text))):
            return False
        lead_in = found[0]
        if _REPORT_CONTENTS.search(lead_in.text):
            self.tasks.append(lead_in)  # "… báo cáo cụ thể về một số nội dung sau:": the items say what to report
            return True
        # "1. Sở X chủ trì, phối hợp với Y:" heads its own paragraphs, not the items numbered on after it, and its
        # supporters support each of them
        roles_only = names_roles_only(lead_in.text)
        level = line.level if roles_only and line.numbered else self._intro_level(line)
        self.heading = Heading(agencies=list(lead_in.leads), level=level,
                               supports=list(lead_in.supports) if roles_only else [],
                               requested=lead_in.requested, intro=True, cue=lead_in.cue)
        if LEAD_IN_DUTY.match(lead_in.text) and not roles_only:
            self.tasks.append(lead_in)  # "chỉ đạo Chi cục X thực hiện các nội dung sau:" is a duty too
        return True

    def _intro_level(self, line: Line) -> float:
        """A numbered lead-in heads the items under it; an unnumbered one the items of its section after it."""
        return line.level - 0.5 if line.numbered else max(self.section_titles, default=0) + 0.5
