"""What users ask of a corpus: who owns duties about X, everything one agency owns, a checklist
as of a date, and how jurisdictions organise the same basis. Pure functions over `Duty` rows."""
from __future__ import annotations

import datetime as dt
import difflib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import taxonomy
from .labels import date_vi
from .identity import plan_id
from ..models import AgencyIdentity, Duty, Plan, Progress
from ..models.text import fold, fold_words, number_key

ROLE_LABELS = {"lead": "Chủ trì", "support": "Phối hợp", "requested": "Được đề nghị"}
# a duty's standing as of a day: done (against its deadline, as the trackers' Biểu 01 counts it) or not yet
STATUS_LABELS = {"done_early": "Hoàn thành trước hạn", "done_on_time": "Hoàn thành đúng hạn",
                 "done_late": "Hoàn thành quá hạn", "done": "Đã hoàn thành", "overdue": "Quá hạn",
                 "due_soon": "Đến hạn trong 14 ngày", "open": "Còn hạn", "no_deadline": "Không có thời hạn"}
DONE_STATUSES = frozenset({"done_early", "done_on_time", "done_late", "done"})
DUE_SOON_DAYS = 14
CENTRAL = "Trung ương"


class NotFound(LookupError):
    """A name or number that is not in the corpus; carries the closest matches."""

    def __init__(self, what: str, query: str, suggestions: Sequence[str]) -> None:
        self.what, self.query, self.suggestions = what, query, list(suggestions)
        hint = f" Closest: {', '.join(self.suggestions)}." if self.suggestions else ""
        super().__init__(f"No {what} matches “{query}” in the corpus.{hint}")


# --- search ---------------------------------------------------------------------------------

class DutyIndex:
    """BM25 over duty texts with folded words, so "vay von" finds "vay vốn"; every query word
    must occur (AND), a query phrase found as a phrase scores higher."""

    k1, b = 1.2, 0.75

    def __init__(self, duties: Sequence[Duty]) -> None:
        self.duties = list(duties)
        self._texts = [fold_words(d.text) for d in self.duties]
        self._folded = [" ".join(t) for t in self._texts]
        self._avg = sum(map(len, self._texts)) / max(1, len(self._texts))
        df: Counter[str] = Counter()
        for words in {(d.plan_id, d.task_index): w for d, w in zip(self.duties, self._texts)}.values():
            df.update(set(words))
        n = max(1, len(self._texts))
        self._idf = {w: math.log(1 + (n - c + 0.5) / (c + 0.5)) for w, c in df.items()}

    def search(self, query: str) -> list[tuple[float, Duty]]:
        q = fold_words(query)
        if not q:
            return []
        phrase = " ".join(q)
        hits = []
        for duty, words, folded in zip(self.duties, self._texts, self._folded):
            tf = Counter(words)
            if any(w not in tf for w in q):
                continue
            norm = self.k1 * (1 - self.b + self.b * len(words) / self._avg)
            score = sum(self._idf.get(w, 0.0) * tf[w] * (self.k1 + 1) / (tf[w] + norm) for w in q)
            if len(q) > 1 and phrase in folded:
                score *= 1.5
            hits.append((score, duty))
        hits.sort(key=lambda h: (-h[0], h[1].plan_id, h[1].task_index))
        return hits


@dataclass
class AgencyHits:
    agency: AgencyIdentity
    name: str
    score: float
    duties: list[Duty] = field(default_factory=list)


ROLE_WEIGHT = {"lead": 1.0, "requested": 1.0, "support": 0.5}


def who(duties: Sequence[Duty], words: str, *, limit: int = 10,
        hits: list[tuple[float, Duty]] | None = None) -> list[AgencyHits]:
    """Agencies owning duties that match ``words``, best first (owners before supporters)."""
    hits = DutyIndex(duties).search(words) if hits is None else hits
    by_agency: dict[str, AgencyHits] = {}
    for score, d in hits:
        a = by_agency.setdefault(d.agency.key, AgencyHits(d.agency, d.agency_name, 0.0))
        a.score += score * ROLE_WEIGHT[d.role]
        a.duties.append(d)
    ranked = sorted(by_agency.values(), key=lambda a: (-a.score, a.name))
    return ranked[:limit] if limit else ranked


# --- agencies -------------------------------------------------------------------------------

def agency_names(duties: Iterable[Duty]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for d in duties:
        names[d.agency.key].add(d.agency_name)
    return names


def resolve_agency(names: dict[str, set[str]], query: str) -> list[str]:
    """Keys of the agencies whose name (any spelling, ``names``: key → spellings) is or contains
    the query, folded. An exact spelling wins over a containing one ("Công an tỉnh" does not also
    pull in "Văn phòng Cơ quan Công an tỉnh"); raises NotFound with the closest names."""
    q = " ".join(fold_words(query))
    if not q:
        raise NotFound("agency", query, [])
    folded = {k: [" ".join(fold_words(n)) for n in ns] for k, ns in names.items()}
    exact = [k for k, fs in folded.items() if q in fs]
    if exact:
        return sorted(exact)
    containing = [k for k, fs in folded.items() if any(f" {q} " in f" {f} " for f in fs)]
    if containing:
        return sorted(containing)
    spellings = {fold(n): n for ns in names.values() for n in ns}
    close = difflib.get_close_matches(fold(query), list(spellings), n=5, cutoff=0.5)
    raise NotFound("agency", query, [spellings[c] for c in close])


def in_jurisdiction(keys: list[str], where: str | None) -> list[str]:
    """Keep the agencies serving a place ("Nghệ An", "Tam Đường"); NotFound when none does."""
    if not where:
        return keys
    w = f"/{' '.join(fold_words(where))}/"
    kept = [k for k in keys if w in "/" + "/".join(" ".join(fold_words(p)) for p in k.split("|")[-1].split("/")) + "/"]
    if not kept:
        places = sorted({k.split("|")[-1] for k in keys})
        raise NotFound("agency in the place", where, places[:5])
    return kept


def agency_duties(duties: Sequence[Duty], query: str, where: str | None = None) -> list[Duty]:
    keys = set(in_jurisdiction(resolve_agency(agency_names(duties), query), where))
    return sorted((d for d in duties if d.agency.key in keys), key=by_deadline)


def by_deadline(d: Duty) -> tuple:
    return (d.deadline is None, d.deadline or "", d.plan_id, d.task_index, d.role)


# --- checklists -----------------------------------------------------------------------------

@dataclass
class ChecklistRow:
    duty: Duty
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.duty.role]

    @property
    def source(self) -> str:
        d = self.duty
        parts = [f"KH {d.plan_number}" if d.plan_number else d.plan_id]
        if d.section:  # a long section path is cut: the source view shows it whole
            parts.append(d.section if len(d.section) <= 48 else d.section[:47].rstrip() + "…")
        if d.page:
            parts.append(f"tr. {d.page}")
        return " · ".join(parts)


def status_of(deadline: str | None, as_of: dt.date, progress: Progress | None = None) -> str:
    """done_early / done_on_time / done_late / done (no deadline) when a person recorded it done;
    otherwise overdue / due_soon / open / no_deadline from the deadline alone."""
    due = dt.date.fromisoformat(deadline) if deadline else None
    if progress is not None and progress.state == "done":
        finished = progress.changed_on or (progress.at.date() if progress.at else None)
        if due is None or finished is None:
            return "done"
        return "done_early" if finished < due else "done_on_time" if finished == due else "done_late"
    if due is None:
        return "no_deadline"
    if due < as_of:
        return "overdue"
    if (due - as_of).days <= DUE_SOON_DAYS:
        return "due_soon"
    return "open"


def checklist(duties: Sequence[Duty], as_of: dt.date) -> list[ChecklistRow]:
    """One row per duty, sorted by deadline (none last)."""
    return [ChecklistRow(d, status_of(d.deadline, as_of, d.progress)) for d in sorted(duties, key=by_deadline)]


# --- comparison -----------------------------------------------------------------------------

@dataclass
class Comparison:
    subject: str
    plans: list[Plan]
    jurisdictions: list[str]
    functions: list[str]  # row keys
    function_labels: dict[str, str]
    lead: dict[tuple[str, str], int]  # (function, jurisdiction) → duties led
    support: dict[tuple[str, str], int]
    deadlines: dict[tuple[str, str], str]  # earliest deadline of the function's duties
    differences: list[str]
    unowned: list[Duty]


def _row_key(d: Duty) -> tuple[str, str]:
    """Compare by the function that holds the duty now (Phòng LĐ-TB&XH 2024 ~ Sở Nội vụ 2026)."""
    a = d.agency
    fid = a.function_now or a.function
    if fid:
        return fid, taxonomy.label(fid) or fid
    return a.key.split("|")[0], d.agency_name


def select_plans(plans: Sequence[Plan], *, basis: str | None = None, topic: str | None = None) -> list[Plan]:
    if basis:
        key = number_key(basis)
        folded = " ".join(fold_words(basis))
        chosen = [p for p in plans if any(
            (r.number and number_key(r.number) == key) or (not r.number and " ".join(fold_words(r.name)) == folded)
            for r in p.references)]
        if not chosen:
            known = sorted({r.number for p in plans for r in p.references if r.number})
            close = difflib.get_close_matches(basis, known, n=5, cutoff=0.6)
            raise NotFound("plan citing", basis, close)
        return chosen
    if topic:
        chosen = plans_on_topic(plans, topic)
        if not chosen:
            raise NotFound("plan on the topic", topic, topic_suggestions(plans, topic))
        return chosen
    raise ValueError("give a basis or a topic")


def _plan_words(p: Plan) -> str:
    texts = [p.document.title or ""] + [r.name for r in p.legal_bases] + [t.text for t in p.tasks]
    return " " + " ".join(fold_words(" ".join(texts))) + " "


def plans_on_topic(plans: Sequence[Plan], topic: str) -> list[Plan]:
    """Plans whose title, bases or duties hold the topic's words as a phrase (diacritics optional)."""
    phrase = " " + " ".join(fold_words(topic)) + " "
    return [p for p in plans if phrase.strip() and phrase in _plan_words(p)]


def topic_suggestions(plans: Sequence[Plan], topic: str, n: int = 6) -> list[str]:
    """Near phrases that do occur in titles (for the user to choose): the titles' two- and
    three-word phrases closest to the topic, and those sharing a word with it."""
    words = fold_words(topic)
    phrases: Counter[str] = Counter()
    for p in plans:
        title = fold_words(p.document.title or "")
        for k in (2, 3):
            phrases.update(" ".join(title[i:i + k]) for i in range(len(title) - k + 1))
    sharing = [ph for ph, c in phrases.most_common() if c >= 1 and set(words) & set(ph.split())
               and len(set(ph.split()) - {"va", "cua", "cac", "ve", "tren", "dia", "ban"}) == len(ph.split())]
    close = difflib.get_close_matches(" ".join(words), list(phrases), n=n, cutoff=0.5)
    return list(dict.fromkeys(close + sharing))[:n]


def cited_bases(plans: Sequence[Plan], at_least: int = 2) -> dict[str, int]:
    """Legal bases (by number) cited by at least ``at_least`` plans → how many."""
    cited: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, str] = {}
    for p in plans:
        for r in p.legal_bases:
            if r.number:
                shown.setdefault(number_key(r.number), r.number)
                cited[number_key(r.number)].add(plan_id(p))
    return {shown[k]: len(v) for k, v in sorted(cited.items(), key=lambda kv: (-len(kv[1]), shown[kv[0]]))
            if len(v) >= at_least}


def compare(plans: Sequence[Plan], duties: Sequence[Duty], *, subject: str) -> Comparison:
    ids = {plan_id(p) for p in plans}
    mine = [d for d in duties if d.plan_id in ids]
    levels = {_plan_label(p): p.document.jurisdiction.level if p.document.jurisdiction else None for p in plans}
    rank = {"province": 0, "district": 1, "commune": 2, None: 3, "central": 4}  # one level side by side, central last
    jurisdictions = sorted({d.jurisdiction or "?" for d in mine} | set(levels),
                           key=lambda j: (rank.get(levels.get(j), 3), j))
    lead: Counter[tuple[str, str]] = Counter()
    support: Counter[tuple[str, str]] = Counter()
    deadlines: dict[tuple[str, str], str] = {}
    labels: dict[str, str] = {}
    for d in mine:
        fid, label = _row_key(d)
        labels.setdefault(fid, label)
        cell = (fid, d.jurisdiction or "?")
        if d.role == "support":
            support[cell] += 1
        else:
            lead[cell] += 1
            if d.deadline and (cell not in deadlines or d.deadline < deadlines[cell]):
                deadlines[cell] = d.deadline
    functions = sorted(labels, key=lambda f: (-sum(lead[(f, j)] for j in jurisdictions), labels[f]))
    differences = _differences(functions, labels, jurisdictions, lead, support, deadlines)
    # a duty led only by a group ("các sở, ban, ngành") has no single accountable owner
    led_by_one = {(d.plan_id, d.task_index) for d in mine if d.role != "support" and not d.agency.is_group}
    unowned = [d for d in mine if d.role != "support" and (d.plan_id, d.task_index) not in led_by_one]
    return Comparison(subject, list(plans), jurisdictions, functions, labels, dict(lead), dict(support),
                      deadlines, differences, unowned)


def _differences(functions: list[str], labels: dict[str, str], jurisdictions: list[str],
                 lead: Counter, support: Counter, deadlines: dict[tuple[str, str], str]) -> list[str]:
    """Each function's difference said once across all places: where it leads, where it only
    supports, where it is not given; and deadlines that differ. Central documents are compared
    apart from places (they do not organise a place's work)."""
    places = [j for j in jurisdictions if j != CENTRAL]
    out: list[str] = []
    if len(places) < 2:
        return out
    for f in functions:
        leads_in = [j for j in places if lead[(f, j)]]
        if not leads_in or len(leads_in) == len(places):
            pass
        else:
            supports_in = [j for j in places if j not in leads_in and support[(f, j)]]
            absent = [j for j in places if j not in leads_in and j not in supports_in]
            parts = [f"chủ trì ở {', '.join(leads_in)}"]
            if supports_in:
                parts.append(f"chỉ phối hợp ở {', '.join(supports_in)}")
            if absent:
                parts.append(f"không được giao ở {', '.join(absent)}")
            out.append(f"{labels[f]}: " + "; ".join(parts) + ".")
        dates = {j: deadlines[(f, j)] for j in leads_in if (f, j) in deadlines}
        if len(set(dates.values())) > 1:
            out.append(f"{labels[f]}: thời hạn khác nhau — " + "; ".join(
                f"{j}: {date_vi(d)}" for j, d in sorted(dates.items())))
    return out


def _plan_label(p: Plan) -> str:
    return p.document.jurisdiction.label if p.document.jurisdiction else "?"

