"""What people read instead of the codes: one table of Vietnamese words for the statuses, the
issue codes of readers and parser, and dates as offices write them (dd/mm/yyyy). The codes stay
in the JSON, the API, report.csv and the store; pages and files show these words."""
from __future__ import annotations

import datetime as dt
import re

# a file's status in a batch (batch/runner.py, web/jobs.py)
FILE_STATUS_LABELS = {"queued": "Đang chờ", "running": "Đang xử lý", "ok": "Đọc tốt", "partial": "Đọc được, có lưu ý",
                      "failed": "Không đọc được", "skipped": "Đã có trong kho", "pruned": "Đã gỡ khỏi kho",
                      "missing": "Không còn tệp"}
# the parts of a document (nlp/zones.py) and how the parser reads duties there
ZONE_LABELS = {"portal": "phần của trang cổng thông tin", "header": "phần đầu văn bản", "addressees": "nơi gửi (Kính gửi)",
               "preamble": "căn cứ", "body": "nội dung văn bản", "signature": "chữ ký, nơi nhận",
               "attachment": "văn bản kèm theo (kế hoạch, chương trình …)", "regulation": "quy chế, quy định kèm theo",
               "list": "phụ lục danh mục, bảng số liệu", "procedure": "thủ tục hành chính", "workflow": "quy trình giải quyết",
               "form": "mẫu đơn, biểu mẫu", "report": "báo cáo kết quả đã làm", "quotation": "trích dẫn văn bản khác"}
SUBKIND_LABELS = {"publishes_procedures": "công bố thủ tục hành chính", "approves_workflow": "phê duyệt quy trình nội bộ",
                  "issues_plan": "ban hành kế hoạch, chương trình", "issues_regulation": "ban hành quy chế, quy định",
                  "amends": "sửa đổi, bổ sung", "repeals": "bãi bỏ", "appoints": "công tác cán bộ",
                  "rewards": "khen thưởng", "disciplines": "kỷ luật, xử lý vi phạm", "establishes": "thành lập, tổ chức bộ máy",
                  "allocates": "giao, phân bổ dự toán, chỉ tiêu", "recognises": "công nhận, cấp phép", "approves": "phê duyệt",
                  "normative": "quy định (văn bản quy phạm)", "answers": "trả lời, hướng dẫn"}
MODE_LABELS = {"all": "đọc mọi nhiệm vụ", "strict": "chỉ đọc nhiệm vụ giao rõ ràng",
               "explicit": "chỉ đọc 'Giao', 'Đề nghị', 'Yêu cầu' và điều khoản thi hành",
               "tables": "chỉ đọc bảng phân công", "none": "không có nhiệm vụ"}
CUE_LABELS = {"trigger": "có 'Giao / Đề nghị / Yêu cầu'", "responsibility": "'có trách nhiệm' / 'Trách nhiệm của'",
              "execution": "điều khoản thi hành", "closing": "câu kết '… để … biết, thực hiện'",
              "subject": "cơ quan làm chủ ngữ", "passive": "câu bị động 'do … thực hiện'",
              "heading": "dưới tiêu đề mang tên cơ quan", "item": "dòng 'Cơ quan: nhiệm vụ'", "frame": "khung nhiệm vụ",
              "role": "dòng vai trò", "table": "bảng phân công"}

# a batch's state (web/jobs.py)
JOB_STATE_LABELS = {"queued": "Đang chờ", "running": "Đang xử lý", "done": "Hoàn tất", "failed": "Lỗi"}

# Issue codes → what went wrong, in words. ``{0}``, ``{1}`` … take the numbers of the issue's own
# message in order ("only 62% of words …" → "62%"), so a measure is said, not lost.
ISSUE_LABELS: dict[str, str] = {
    "empty_file": "Tệp rỗng, không có nội dung.",
    "not_a_pdf": "Tệp mang đuôi .pdf nhưng không phải PDF.",
    "damaged_pdf": "Tệp PDF bị hỏng hoặc không đầy đủ, không mở được trang nào.",
    "encrypted_pdf": "Tệp PDF có mật khẩu, không đọc được.",
    "not_a_docx": "Tệp mang đuôi .docx nhưng không phải tài liệu Word (DOCX).",
    "not_a_doc": "Tệp mang đuôi .doc nhưng không phải tài liệu Word cũ (DOC).",
    "zip_bomb": "Tệp nén giãn ra quá lớn so với kích thước (nghi là tệp phá hoại), đã từ chối.",
    "xml_entity_bomb": "Tài liệu Word khai báo thực thể XML (nghi là tệp phá hoại), đã từ chối.",
    "too_large": "Tệp hoặc nội dung vượt giới hạn cho phép.",
    "too_many_pages": "Văn bản có quá nhiều trang; chỉ đọc phần đầu.",
    "too_deeply_nested": "Cấu trúc tệp lồng quá sâu, không đọc được.",
    "not_text": "Tệp không phải văn bản (có ký tự nhị phân).",
    "binary_file": "Tệp nhị phân, không phải văn bản.",
    "invalid_utf8": "Có {0} byte không đúng mã UTF-8, đã thay bằng ký tự thay thế.",
    "not_vietnamese": "Văn bản không phải tiếng Việt (chỉ {0} số từ có dấu tiếng Việt) hoặc được gõ không dấu.",
    "low_text_quality": "Chữ đọc được kém: chỉ {0} số từ là âm tiết tiếng Việt hợp lệ.",
    "ocr_text": "Văn bản quét: {0} trang do máy nhận dạng chữ (OCR), độ tin cậy trung bình {1}, {2} số từ máy "
                "không chắc chắn, {3} số từ là âm tiết tiếng Việt hợp lệ. Hãy đối chiếu với bản gốc.",
    "unsupported_format": "Định dạng tệp chưa được hỗ trợ.",
    "html_page": "Tệp là một trang web (HTML), không phải văn bản.",
    "is_directory": "Đây là thư mục, không phải tệp.",
    "not_found": "Không tìm thấy tệp.",
    "no_text": "Không đọc được chữ nào trong tệp.",
    "read_failed": "Không đọc được tệp (lỗi không lường trước).",
    "out_of_memory": "Hết bộ nhớ khi đọc tệp.",
    "page_failed": "Một trang không đọc được (trang bị hỏng).",
    "tesseract_missing": "Trang cần nhận dạng chữ (OCR) nhưng máy chưa cài tesseract.",
    "tesseract_lang_missing": "Máy chưa cài dữ liệu tiếng Việt cho tesseract.",
    "ocr_timeout": "Nhận dạng chữ (OCR) một trang quá thời gian cho phép.",
    "ocr_failed": "Nhận dạng chữ (OCR) không thành công.",
    "libreoffice_missing": "Tệp .doc cần LibreOffice để chuyển đổi nhưng máy chưa cài.",
    "convert_timeout": "Chuyển đổi tệp .doc quá thời gian cho phép.",
    "convert_failed": "Không chuyển đổi được tệp .doc.",
    "number_unread": "Dòng “Số: …” ở đầu văn bản không có số đọc được (để trống, viết tay hoặc mất khi quét); "
                     "để trống.",
    "date_unread": "Dòng địa danh, ngày tháng không có ngày, tháng đọc được (để trống, viết tay hoặc mất khi quét); "
                   "để trống.",
    "stamp_unread": "Con dấu chữ ký số có số không đọc chắc chắn được; để trống, không đoán.",
    "stamp_date_from_signature": "Ngày trên con dấu chữ ký số lấy theo thời điểm ký số.",
    "timeout": "Xử lý tệp quá thời gian cho phép.",
    "worker died": "Tiến trình xử lý tệp bị dừng đột ngột.",
    "memory_limit": "Văn bản cần nhiều bộ nhớ hơn giới hạn cho mỗi văn bản.",
    "parse_failed": "Đọc được tệp nhưng không phân tích được văn bản (lỗi không lường trước).",
    "dask": "Máy xử lý từ xa không trả kết quả cho tệp này.",
    "not_a_zip": "Tệp .zip bị hỏng hoặc không phải tệp nén.",
    "unsafe_path": "Tệp nén chứa đường dẫn không an toàn, đã từ chối cả tệp.",
    "too_many_files": "Tệp nén chứa quá nhiều tệp.",
}
ISSUE_FALLBACK = "Có lưu ý khi đọc tệp."
# issues that say the text itself may be wrong: shown as a warning on the plan's page
QUALITY_CODES = frozenset({"ocr_text", "low_text_quality", "number_unread", "date_unread", "stamp_unread",
                           "invalid_utf8", "page_failed", "not_vietnamese"})

_CODE = re.compile(r"^\s*(worker died|[a-z]+(?:_[a-z0-9]+)*)\b\s*:?\s*(.*)$", re.S)
_VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỵỷỹ]", re.I)
_NUMBER = re.compile(r"\d[\d,.]*%?")


def date_vi(value: str | dt.date | None) -> str:
    """An ISO date (or a date) as offices write it: 10/03/2026; anything else unchanged."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def issue_label(code: str, message: str = "") -> str:
    """One issue in words, its measures kept ("62%"); a message already in Vietnamese is itself."""
    if message.split() and _VIETNAMESE.search(message.split()[0]):
        return message[:1].upper() + message[1:]
    template = ISSUE_LABELS.get(code)
    if template is None:
        return ISSUE_FALLBACK
    numbers = _NUMBER.findall(message)
    try:
        return template.format(*numbers)
    except IndexError:  # a message without its numbers: say the rest
        return re.sub(r"\s*\{\d\}\s*", " ", template).replace(" ,", ",")


def split_reason(reason: str | None) -> list[tuple[str, str]]:
    """'code: message; code: message' (as batch/work.py writes a reason) → [(code, message)]."""
    if not reason:
        return []
    out: list[tuple[str, str]] = []
    for part in re.split(r";\s+(?=[a-z]+(?:_[a-z0-9]+)+\s*:)", reason):
        m = _CODE.match(part)
        out.append((m.group(1), m.group(2)) if m and (m.group(1) in ISSUE_LABELS or ":" in part) else ("", part))
    return out


def reason_label(reason: str | None) -> str:
    """A file's reason in words: each issue once, in order."""
    labels: list[str] = []
    for code, message in split_reason(reason):
        label = issue_label(code, message)
        if label not in labels:
            labels.append(label)
    return " ".join(labels)


def file_status_label(status: str) -> str:
    return FILE_STATUS_LABELS.get(status, status)


# what a NotFound names (graph/queries.py) → the words of "no … matches"
NOT_FOUND_LABELS = {"agency": "cơ quan", "plan": "văn bản", "agency in the place": "cơ quan ở địa bàn",
                    "plan citing": "văn bản dẫn căn cứ", "plan on the topic": "văn bản về chủ đề"}
HTTP_ERROR_LABELS = {400: "Yêu cầu không hợp lệ.", 401: "Cần đăng nhập.", 403: "Không được phép.",
                     404: "Không có trang này.", 405: "Trang này không nhận thao tác đó.",
                     413: "Tệp gửi lên quá lớn.", 422: "Thiếu hoặc sai thông tin trong yêu cầu.",
                     500: "Máy chủ gặp lỗi khi xử lý yêu cầu."}


def not_found_label(what: str, query: str) -> str:
    return f"Không có {NOT_FOUND_LABELS.get(what, 'mục')} nào khớp “{query}” trong kho."


def http_error_label(status: int, detail: object) -> str:
    """An HTTP error in words: the app's own Vietnamese detail, else the status's words (the
    framework's English defaults such as "Not Found" are never shown)."""
    if isinstance(detail, str) and detail.split() and _VIETNAMESE.search(" ".join(detail.split()[:4])):
        return detail
    return HTTP_ERROR_LABELS.get(status, "Không thực hiện được yêu cầu.")
