"""Duties and who owns them, found in the layout and the language, never from one document. Each shape is a module:

- headings.py: an agency heading ("1. Công an huyện", "Trách nhiệm của Sở X") whose paragraphs and bullets are its
  duties, and a lead-in ("Giao phòng X thực hiện các nội dung sau:", "… trân trọng đề nghị Bộ Xây dựng:") whose
  items are;
- items.py: "- Sở Tài chính: …" items, the agencies before the colon owning the text after it;
- sentences.py: sentences ("Giao Công an tỉnh chủ trì, phối hợp với …", "Sở Tài chính phối hợp …"), the passive
  ("… do Văn phòng Sở bố trí") and closing formulas ("… để A và B biết, thực hiện");
- frames.py: task frames ("Nhiệm vụ: … Đơn vị chủ trì: … Đơn vị phối hợp: … Thời gian: …") and role lines after
  the bullets they own;
- tables.py: assignment tables (nội dung | cơ quan chủ trì | cơ quan phối hợp | thời gian);
- time_items.py: a "Thời gian …:" item dating the duty it is nested under; sections.py: sections with no duties.

common.py holds what they share (RawTask, the names and supporters helpers, the cues); finder.py walks the blocks
and hands each to its shape (DutyFinder, extract_tasks).
"""
from .common import RawTask, clean_task_text, find_supports, only_cooperates, strip_label
from .finder import DutyFinder, extract_tasks
from .sentences import sentence_tasks
from .tables import table_header, table_tasks, team_of

__all__ = ["DutyFinder", "RawTask", "clean_task_text", "extract_tasks", "find_supports", "only_cooperates",
           "sentence_tasks", "strip_label", "table_header", "table_tasks", "team_of"]
