"""The spaCy pipeline: a blank Vietnamese language, a syllable tokenizer (underthesea's word
segmentation on request), and one registered component per job. Components match and store
their findings on the Doc; ``to_plan`` alone writes the Plan.

underthesea's words are asked only where syllables cannot decide (nlp/words.py: where a name ends, and
whether a short duty holds a verb); segmenting every document into words changes no plan, so the
tokenizer defaults to syllables (bench/parse.py: 3.15× faster)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..models import (
    Agency, AgencyRef, Deadline, DocStatus, DocumentMeta, Issue, Plan, Provenance, Reference, Section, Signer,
    SourceDocument, Task, Zone,
)
from . import agencies as agency_rules
from . import ner
from .jurisdiction import find_jurisdiction
from .issuer import issuer_from_body, issuer_from_header
from .references import find_citations, reference_key
from .aliases import defined_short_forms, resolve as resolve_short_form
from .confidence import rate
from .kinds import classify
from .structure import analyse_span
from .tasks import extract_tasks, only_cooperates, team_of
from .zones import document_span, runs, zone

for _name in ("source", "layout", "kind", "zoning", "citations", "raw_tasks"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class WordSegmenter:
    """spaCy tokenizer over underthesea's CRF word segmentation (shipped with the package).

    Multi-syllable words ("Nghị định", "phối hợp") become one token each. Falls
    back to whitespace/punctuation tokens when underthesea is not installed.
    """

    def __init__(self, vocab, engine: str = "underthesea") -> None:
        self.vocab = vocab
        self.engine = engine
        self._segment = None
        if engine == "underthesea":
            try:
                from underthesea import word_tokenize

                self._segment = word_tokenize
            except ImportError:
                self._segment = None

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for line in text.split("\n"):
            pieces = self._segment(line) if (self._segment and line.strip()) else re.findall(r"\w+|[^\w\s]", line)
            for piece in pieces:
                idx = text.find(piece, pos)
                if idx < 0:
                    continue
                if idx > pos and words:
                    spaces[-1] = True
                words.append(piece)
                spaces.append(False)
                pos = idx + len(piece)
        return Doc(self.vocab, words=words, spaces=spaces)


@spacy.registry.tokenizers("kehoach.word_segmenter.v1")
def create_segmenter(engine: str = "underthesea"):
    def make(nlp: Language) -> WordSegmenter:
        return WordSegmenter(nlp.vocab, engine)

    return make


@Language.component("kh_layout")
def layout_component(doc: Doc) -> Doc:
    blocks = doc._.source.blocks
    doc._.layout = analyse_span(blocks, *document_span(blocks))
    return doc


@Language.component("kh_kind")
def kind_component(doc: Doc) -> Doc:
    doc._.kind = classify(doc._.source.blocks, doc._.layout, doc._.source.metadata.get("portal"))
    return doc


@Language.component("kh_zones")
def zones_component(doc: Doc) -> Doc:
    blocks = doc._.source.blocks
    doc._.zoning = zone(blocks, doc._.layout, doc._.kind)
    for block, z in zip(blocks, doc._.zoning.zones):  # shown by `kehoach extract --json` and the source view
        block.zone = z
    return doc


@Language.component("kh_references")
def references_component(doc: Doc) -> Doc:
    found = []
    for i, block in enumerate(doc._.source.blocks):
        for c in find_citations(block.text):
            found.append((i, c))
    doc._.citations = found
    return doc


@Language.component("kh_tasks")
def tasks_component(doc: Doc) -> Doc:
    lay = doc._.layout
    blocks = doc._.source.blocks
    team = team_of(" ".join(lay.issuer_lines))  # a plan issued by "Đoàn kiểm tra" owns its members' duties
    year = lay.year  # a draft's too: "ngày … tháng … năm 2026"
    modes = doc._.zoning.modes
    found = []
    for start, end in runs(modes):  # the body, the plan a Quyết định issues, assignment tables in appendices
        found += [t for t in extract_tasks(blocks, start, end, team, year) if admits(modes[t.block], t)]
    doc._.raw_tasks = found
    return doc


# what each mode of a zone admits (nlp/zones.py), by what made a duty a duty (RawTask.cue)
_ADMITTED = {"strict": {"trigger", "responsibility", "execution", "closing", "table", "frame", "role"},
             "explicit": {"trigger", "execution", "closing"}, "tables": {"table"}}


def admits(mode: str, task) -> bool:
    return mode == "all" or task.cue in _ADMITTED.get(mode, ())


@lru_cache(maxsize=2)
def build_pipeline(segmenter: str = "syllable") -> Language:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "kehoach.word_segmenter.v1",
                                                           "engine": segmenter}}})
    for name in ("kh_layout", "kh_kind", "kh_zones", "kh_references", "kh_tasks"):
        nlp.add_pipe(name)
    return nlp


def run(source: SourceDocument, segmenter: str = "syllable") -> Doc:
    nlp = build_pipeline(segmenter)
    text = source.text
    # spaCy's max_length guards its parser and NER, which this pipeline has not; the reader has
    # already bounded the text (ReadOptions.max_text_bytes), so a long document is not an error (E088)
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    doc = nlp.make_doc(text if segmenter != "none" else "")
    doc._.source = source
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def parse(source: SourceDocument, segmenter: str = "syllable",
          recognizer: "ner.AgencyRecognizer | None" = None) -> Plan:
    """SourceDocument → Plan. ``recognizer`` marks agency names (None: the hand extents)."""
    plan = Plan(file=Path(source.path).name, status=source.status, issues=list(source.issues))
    if source.status is DocStatus.failed:
        return plan
    with ner.using(recognizer):
        doc = run(source, segmenter)
        return to_plan(doc, plan)


def _fill_from_portal(plan: Plan, portal: dict) -> None:
    """A portal page whose document lost its header (the page shows the body only) still says what it is in
    the portal's table: its number, date and signer fill what the document's own header does not give."""
    meta = plan.document
    if not portal:
        return
    if meta.number is None and portal.get("number"):
        meta.number = portal["number"].strip()
    day = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", portal.get("date") or "")
    if meta.date is None and day:
        meta.date = f"{int(day.group(3)):04d}-{int(day.group(2)):02d}-{int(day.group(1)):02d}"
    if (meta.signer is None or not meta.signer.name) and portal.get("signer"):
        meta.signer = (meta.signer or Signer()).model_copy(update={"name": portal["signer"].strip()})
    if meta.doc_type is None and portal.get("type"):
        meta.doc_type = portal["type"].strip()


def zone_runs(zoning) -> list[Zone]:
    """The zoning as runs of blocks with one zone and one mode."""
    out: list[Zone] = []
    for i, (z, m) in enumerate(zip(zoning.zones, zoning.modes)):
        if out and out[-1].zone == z and out[-1].mode == m and out[-1].end == i:
            out[-1].end = i + 1
        else:
            out.append(Zone(zone=z, mode=m, start=i, end=i + 1))
    return out


def _prov(source: SourceDocument, block: int, start: int = 0, end: int | None = None,
          row: int | None = None) -> Provenance:
    b = source.blocks[block] if 0 <= block < len(source.blocks) else None
    return Provenance(file=Path(source.path).name, block=block, page=b.page if b else None,
                      paragraph=b.paragraph if b else None, start=start,
                      end=min(end, len(b.text)) if end is not None and b else (len(b.text) if b else 0), row=row,
                      bbox=b.bbox if b else None)


def to_plan(doc: Doc, plan: Plan) -> Plan:
    source: SourceDocument = doc._.source
    lay = doc._.layout
    issuer = issuer_from_header(lay.issuer_lines) or issuer_from_body(
        "\n".join(b.text for b in source.blocks[: lay.body_start + 3]), lay.place, lay.collective)
    type_code = None
    if lay.number:
        m = re.search(r"/([A-ZĐ][A-Za-zĐđ]*)", lay.number)
        type_code = m.group(1) if m else None
    signer = Signer(name=lay.signer_name, title=lay.signer_title, authority=lay.signer_authority)
    sigs = source.metadata.get("signatures") or []
    if sigs:
        signer.signed_at = next((s.get("signed_at") for s in sigs if s.get("signed_at")), None)
    kind = doc._.kind
    plan.document = DocumentMeta(
        number=lay.number, doc_type=kind.doc_type or lay.doc_type, subkind=kind.subkind, official=kind.official,
        type_code=type_code, issuer=issuer, issuer_parent=lay.issuer_lines[0] if len(lay.issuer_lines) > 1 else None,
        place=lay.place, date=lay.date, title=lay.title, signer=signer if (signer.name or signer.title) else None,
        level=agency_rules.level_of(issuer or ""),
    )
    _fill_from_portal(plan, source.metadata.get("portal") or {})
    # a header slot that was found but holds nothing legible (handwritten in a scan) is said, not guessed
    if lay.number_line is not None and lay.number is None:
        plan.issues.append(Issue(code="number_unread", message="the header's 'Số: … /…' holds no legible number "
                                                               "(blank, handwritten, or lost in a scan); left empty"))
    if lay.date_line is not None and lay.date is None:
        plan.issues.append(Issue(code="date_unread", message="the place/date line holds no legible day and month "
                                                             "(blank, handwritten, or lost in a scan); left empty"))
    parent = lay.issuer_lines[0] if len(lay.issuer_lines) > 1 else None
    plan.document.jurisdiction = find_jurisdiction(issuer, parent, source.text)
    plan.document.level = plan.document.level or plan.document.jurisdiction.level
    # references
    own = reference_key(lay.number, "") if lay.number else None
    refs: dict[str, Reference] = {}
    preamble = set(lay.preamble) or ({lay.body_start} if lay.body_start < len(source.blocks) else set())
    for block_index, c in doc._.citations:
        key = reference_key(c.number, c.name)
        if not key or key == own:  # the plan's own number is not a reference
            continue
        if key in refs:
            refs[key].mentions += 1
            refs[key].is_legal_basis |= block_index in preamble
            continue
        refs[key] = Reference(number=c.number, name=c.name, doc_type=c.doc_type, date=c.date, issuer=c.issuer,
                              alias=c.alias, is_legal_basis=block_index in preamble,
                              provenance=_prov(source, block_index, c.start, c.end))
    plan.references = list(refs.values())
    plan.legal_bases = [r for r in plan.references if r.is_legal_basis]
    # sections
    for i, b in enumerate(source.blocks[lay.body_start: lay.body_end], start=lay.body_start):
        if b.label and b.level is not None and b.level <= 3 and len(b.text) < 160 and b.label not in {"-", "+"}:
            plan.sections.append(Section(label=b.label, title=b.text[len(b.label):].strip(), level=b.level,
                                         provenance=_prov(source, i)))
    # agencies and tasks
    registry: dict[str, Agency] = {}
    # "UBND cấp xã" and "UBND các xã, phường" in one plan are one group: the plan's fuller spelling
    fuller = agency_rules.unit_group_spellings(n for t in doc._.raw_tasks for n in t.leads + t.supports)

    short_forms = defined_short_forms(source.blocks)  # "(sau đây gọi tắt là Tỉnh)": the body, named whole

    def ref(name: str) -> AgencyRef:
        name = resolve_short_form(name, short_forms)
        name = fuller.get(agency_rules.canonical_key(name), name)
        key = agency_rules.canonical_key(name)
        ag = registry.get(key)
        if ag is not None and agency_rules.canonical_key(name, ordered=True) != agency_rules.canonical_key(ag.name, ordered=True):
            name = ag.name  # the same group with its units in another order: one spelling per plan
        if ag is None:
            ag = registry[key] = Agency(canonical=key, name=name, level=agency_rules.level_of(name),
                                        is_group=bool(re.match(r"(?i)^(các|ubnd các|ủy ban nhân dân các|ủy ban nhân dân cấp)", name)))
        if name not in ag.spellings:
            ag.spellings.append(name)
        ag.mentions += 1
        return AgencyRef(name=name, canonical=key, level=ag.level, is_group=ag.is_group)

    zoning = doc._.zoning
    for t in doc._.raw_tasks:
        deadline = None
        if t.deadline is not None:
            deadline = Deadline(date=t.deadline.date, precision=t.deadline.precision, text=t.deadline.text)
        leads = [ref(n) for n in t.leads]
        lead_keys = {a.canonical for a in leads}
        supports = [ref(n) for n in t.supports if agency_rules.canonical_key(n) not in lead_keys]
        if only_cooperates(t.text):  # "X phối hợp thực hiện.": X's role is support, not ownership
            leads, supports = [], leads + supports
        task = Task(text=t.text, lead=leads, support=supports, requested=[a for a in leads] if t.requested else [],
                    deadline=deadline, section=t.section, source=t.source, zone=zoning.zones[t.block],
                    mode=zoning.modes[t.block], cue=t.cue, provenance=_prov(source, t.block, t.start, t.end or None, t.row))
        plan.tasks.append(rate(task, kind.family))
    plan.agencies = sorted(registry.values(), key=lambda a: -a.mentions)
    plan.zones = zone_runs(doc._.zoning)
    plan.recipients = lay.recipients
    if not plan.tasks:
        plan.warnings.append("no duties with a named agency were found")
    if plan.document.issuer is None:
        plan.warnings.append("issuer not found in the header")
    return plan
