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
