"""Deadlines read over line breaks and whole phrases (nlp/deadlines.py, vocabulary in nlp/data/deadlines.json):
phrasings that give a due date, and phrasings that must not."""
import pytest

from kehoach.nlp.deadlines import find_deadline, parse_time_cell


@pytest.mark.parametrize("cell,date,precision", [
    ("Quí IV-2025", "2025-12-31", "quarter"),  # old spelling, dash
    ("Quý\nIV/2026", "2026-12-31", "quarter"),  # the line broke inside the phrase
    ("Quý IV/2025 – Quý II/2026", "2026-06-30", "quarter"),  # a span ends at its end
    ("Tháng 11 – 12/2025", "2025-12-31", "month"),
    ("từ 01/01/2026\nđến 31/3/2026", "2026-03-31", "day"),
    ("Trước ngày 30/6/2026", "2026-06-30", "day"),
    ("2025", "2025-12-31", "year"),
])
def test_time_cells_with_a_due_date(cell, date, precision):
    hit = parse_time_cell(cell)
    assert hit is not None and (hit.date, hit.precision) == (date, precision)


@pytest.mark.parametrize("cell", [
    "Quý\nIV năm 2025 và các năm tiếp theo",  # open span, the line broke inside it
    "Năm 2025 và những năm tiếp theo",
    "Thường xuyên, hằng năm",
    "Hàng quý",
    "Định kỳ 6 tháng",
    "Giai đoạn 2026 – 2030",
    "2026-2030",
    "từ ngày 01/7/2025",  # a start alone
    "13h30 ngày 07/7/2026",  # a scheduled event
    "Ngay sau khi có Nghị quyết của HĐND tỉnh",
])
def test_time_cells_without_a_due_date(cell):
    assert parse_time_cell(cell) is None


def test_deadlines_inside_duty_text():
    hit = find_deadline("báo cáo kết quả về Sở Nội vụ trước ngày 30 tháng\n6 năm 2026.")
    assert hit and hit.date == "2026-06-30" and hit.precision == "day"
    assert find_deadline("Thời gian thực hiện: từ 01/01/2026 đến 31/3/2026").date == "2026-03-31"
    hit = find_deadline("hoàn thành trong quý IV năm 2025, định kỳ báo cáo kết quả")
    assert hit and hit.date == "2025-12-31"  # "định kỳ" qualifies another clause


@pytest.mark.parametrize("text", [
    "tổ chức thực hiện trong năm 2025 và các năm tiếp theo",
    "báo cáo trước ngày 15 tháng 11 năm 2025 và hằng năm",
    "Thời gian thực hiện: từ ngày 01/7/2025.",
    "Thời gian kiểm tra: 13h30 ngày 07/7/2026",
    "hoàn thành trong giai đoạn 2026 - 2030",
    "tổng hợp số liệu từ 15/6/2020 đến 14/01/2026",
])
def test_duty_text_without_a_due_date(text):
    assert find_deadline(text) is None
