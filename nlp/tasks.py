"""Duties and who owns them: the names the pipeline, the scripts and the tests import. Each shape of duty (agency
headings and lead-ins, colon items, sentences, task frames and role lines, assignment tables) is a module of
nlp/duties/, and nlp/duties/finder.py walks a document's blocks and hands each block to its shape."""
from __future__ import annotations

from .duties.common import RawTask, clean_task_text, find_supports, only_cooperates, strip_label
from .duties.finder import DutyFinder, extract_tasks
from .duties.headings import agency_only, goes_on, heading_cue, name_left_open, request_lead_in
from .duties.items import colon_item
from .duties.sentences import sentence_cue, sentence_tasks
from .duties.tables import table_header, table_tasks, table_width, team_of

_agency_only = agency_only  # the name tests written before nlp/duties/ import

__all__ = ["DutyFinder", "RawTask", "agency_only", "clean_task_text", "colon_item", "extract_tasks", "find_supports",
           "goes_on", "heading_cue", "name_left_open", "only_cooperates", "request_lead_in", "sentence_cue",
           "sentence_tasks", "strip_label", "table_header", "table_tasks", "table_width", "team_of"]
