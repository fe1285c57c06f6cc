"""Page furniture that legal portals wrap around a document, as data.

A line that starts with one of these (compared in lower case) ends the
document text when it comes after the document's own header.
"""

END_MARKERS = (
    "cảm ơn đã dùng",
    "bạn vừa bị đăng xuất",
    "quý khách đăng nhập",
    "tài khoản hiện đã đủ người",
    "thông báo về lưu trữ, sử dụng thông tin khách hàng",
    "lưu trữ\n",
    "bạn phải đăng nhập",
    "tp. hcm, ngày 31/05/2021",
    "địa chỉ: 17 nguyễn gia thiều",
    "mã số thuế:",
    "giấy phép số:",
    "copyright",
    "© ",
)

# Lines dropped wherever they stand.
DROP_LINES = (
    "đang tải văn bản",
    "click vào phần bôi vàng",
    "bản dịch này thuộc quyền sở hữu",
    "has the copyright on this translation",
)

# The document proper starts at the issuer block before the Quốc hiệu.
DOCUMENT_START = "cộng hòa xã hội chủ nghĩa việt nam"

# An editorial summary that portals put before the document ("Ngày 21/11/2025, Thủ tướng Chính phủ đã
# ban hành Công điện … Xem chi tiết tại …") ends with one of these: the document starts after it.
SUMMARY_END = (
    "xem chi tiết tại",
    "xem chi tiết văn bản",
    "xem toàn văn",
)

# Words a structural label is written with; portals wrap "**Điều" / "14. Trách nhiệm …**" over two lines.
SPLIT_LABEL_WORDS = ("điều", "chương", "mục", "phần")

# Lines of a portal's page after the document (its comparison tool, legend, attachments box, contact
# footer, the document's status fields): a block that opens with one of these, after the document's own
# header, is no part of the document. Compared in match form.
TAIL_MARKERS = (
    "chú thích",
    "<nội dung> =",
    "click trái để xem",
    "click phải để xem",
    "double click để xem",
    "tắt so sánh",
    "rà chuột vào nội dụng",
    "rà chuột vào nội dung",
    "file được đính kèm theo văn bản",
    "nội dung sửa đổi, hướng dẫn",
    "văn bản bị thay thế",
    "văn bản thay thế",
    "hiệu lực: đã biết",
    "tình trạng: đã biết",
    "nội dung văn bản cũ có",
    "17 nguyễn gia thiều",
)

# The portal's table of the document's fields, before the document (label → what it gives).
PORTAL_FIELDS = {
    "số hiệu": "number",
    "loại văn bản": "doc_type",
    "nơi ban hành": "issuer",
    "người ký": "signer",
    "ngày ban hành": "date",
    "ngày hiệu lực": "effective",
    "ngày công báo": "gazette_date",
    "số công báo": "gazette_number",
    "tình trạng": "status",
}
