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

# Lines of the portal's banner before a document, read as they are (not dropped: the reader keeps what it
# cannot place) and never part of the document's header: the amendment legend and its close button.
BANNER_LINES = ("các nội dung được sửa đổi, hướng dẫn", ": sửa đổi, thay thế", "sửa đổi, thay thế, hủy bỏ",
                "các nội dung của vb này được vb khác thay đổi", "x")

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
    "văn bản liên quan",
)

# The portal's table of a document's properties ("Số hiệu:" | "5402/CT-CS" | "Loại văn bản:" | "Công văn" …):
# each label (lower case, without its colon) and the key its value is read into, in
# SourceDocument.metadata["portal"], by the Markdown and the HTML readers alike.
PORTAL_FIELDS = {
    "số hiệu": "number",
    "loại văn bản": "type",
    "nơi ban hành": "issuer",
    "cơ quan ban hành": "issuer",
    "người ký": "signer",
    "ngày ban hành": "date",
    "ngày hiệu lực": "effective_date",
    "ngày hết hiệu lực": "expiry_date",
    "ngày hợp nhất": "consolidated_date",
    "ngày công báo": "gazette_date",
    "số công báo": "gazette_number",
    "tình trạng": "status",
    "lĩnh vực": "field",
    "lĩnh vực, ngành": "field",
}

# What the portal shows a visitor who is not logged in instead of a value: it says nothing.
PORTAL_PLACEHOLDERS = ("đã biết", "đang cập nhật")

# --- HTML pages saved from a portal in the browser ---------------------------------------------------

# Elements whose text is never a document's: code, styling, embedded objects, form controls.
HTML_NEVER_TEXT = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
    "svg", "math", "canvas", "audio", "video", "map", "head", "title", "meta", "link", "base",
    "button", "select", "option", "textarea", "input", "xml",
)

# Page furniture by its element or its ARIA role.
HTML_CHROME_TAGS = ("nav", "footer", "aside", "menu")
HTML_CHROME_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
                     "dialog", "alertdialog")

# Page furniture by the words of its class or id (split at "-", "_", spaces and case changes;
# compared in lower case): menus, bars, footers, related-document boxes, login and share widgets, ads.
# Not "header": a portal may call the document's own header so. Word's style classes (MsoHeader,
# MsoFooter) are never furniture.
HTML_CHROME_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "menubar", "submenu", "breadcrumb", "breadcrumbs", "sidebar",
    "footer", "topbar", "toolbar", "masthead", "banner", "related", "lienquan", "vblienquan",
    "vanbanlienquan", "login", "dangnhap", "signin", "register", "share", "social", "comment", "comments",
    "popup", "modal", "cookie", "cookies", "advert", "ads", "quangcao", "search", "timkiem", "pagination",
    "tags", "subscribe", "newsletter", "widget", "hotline", "copyright",
})

# Headings that open the portal's own sections after a document; the document ends before them
# (compared whole, in lower case, without a trailing colon).
HTML_END_HEADINGS = (
    "văn bản liên quan",
    "văn bản liên quan cùng nội dung",
    "văn bản này chưa cập nhật nội dung tiếng anh",
    "nội dung sửa đổi, hướng dẫn",
    "file được đính kèm theo văn bản",
    "tải văn bản",
    "lược đồ",
)


def is_portal_head(key: str) -> bool:
    """A line (in match form) of a portal's page before the document: its table of the document's fields, its
    notices and banner."""
    key = key.strip(" *:")
    return key in PORTAL_FIELDS or key in {"đã biết", "đang cập nhật"} or any(d in key for d in DROP_LINES) \
        or any(key.startswith(m) for m in SUMMARY_END) or any(key.startswith(m) for m in BANNER_LINES if len(m) > 1) \
        or key in BANNER_LINES
