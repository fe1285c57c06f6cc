"""HTML fixtures written in code from a plan's text: a Word "Save as Web Page" export (windows-1252 with
numeric entities, MsoNormal paragraphs, Word's list labels in conditional comments, MsoTableGrid header,
assignment and signature tables, source lines wrapped as Word wraps them) and a page saved from a legal
portal in the browser (UTF-8, scripts, menus, the portal's property table, related-document boxes, footer,
popups). The same document renders as plain text and as DOCX, so readers and parses can be compared.
"""
from __future__ import annotations

import html
import io
import re
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from kehoach.extract import read_document
from kehoach.models import Block, BlockKind

QUOC_HIEU = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
# labels Word draws from its automatic numbering (the rest are typed as text, as offices do)
_WORD_LIST = re.compile(r"^(?:\d{1,2}\.|[a-zđ]\)|[-+])$")
SCRIPT_TEXT = "Sở Ngoại vụ chủ trì kiểm tra mã độc trước ngày 01/01/2026"  # must never reach a document's text

ASSIGNMENTS = [
    ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Xây dựng báo cáo tổng kết 05 năm thực hiện Nghị định số 49/2020/NĐ-CP", "Công an tỉnh",
     "Sở Tư pháp\nSở Tài chính", "Trước ngày 28/02/2026"],
    ["2", "Bố trí kinh phí tổ chức Hội nghị tổng kết", "Sở Tài chính", "Công an tỉnh", "Trước ngày 05/3/2026"],
    ["3", "Tuyên truyền kết quả tổng kết trên các phương tiện thông tin đại chúng",
     "Báo và Phát thanh, Truyền hình tỉnh", "Sở Văn hóa, Thể thao và Du lịch", "Trước ngày 31/3/2026"],
]


@dataclass
class PlanText:
    """A plan as offices lay it out: the header's two columns, the body's paragraphs (label, text,
    kind), an assignment table, Nơi nhận beside the signature."""

    issuer: list[str]
    number: str
    place_date: str
    body: list[tuple[str | None, str, BlockKind]]
    recipients: list[str]
    signature: list[str]
    table: list[list[str]] | None = None
    table_title: list[str] = field(default_factory=lambda: ["PHÂN CÔNG NHIỆM VỤ"])


def blocks_of_text(text: str) -> list[Block]:
    """The text reader's blocks of ``text`` (paragraphs joined, labels found)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.txt"
        path.write_text(text, encoding="utf-8")
        return read_document(path).blocks


def plan_from_text(text: str, *, issuer: list[str], number: str, place_date: str,
                   table: list[list[str]] | None = None) -> PlanText:
    """The plan in ``text`` (a seed: its own number and date lines, if any, give way to those given)."""
    blocks = blocks_of_text(text)
    start = next(i for i, b in enumerate(blocks) if b.text.strip() in {"KẾ HOẠCH", "QUYẾT ĐỊNH", "CÔNG VĂN"})
    end = next(i for i, b in enumerate(blocks) if b.text.startswith("Nơi nhận"))
    tail = blocks[end + 1:]
    recipients = [b.text for b in tail if b.kind is BlockKind.list_item]
    signature = [b.text for b in tail if b.kind is not BlockKind.list_item]
    body = [(b.label, b.text[len(b.label):].strip() if b.label else b.text, b.kind) for b in blocks[start:end]]
    return PlanText(issuer, number, place_date, body, recipients, signature, table)


# ---------------------------------------------------------------- plain text and DOCX

def plain_text(plan: PlanText) -> str:
    """The plan as a text file: header lines, then a paragraph per blank-separated line (the table,
    which plain text cannot hold, left out)."""
    head = plan.issuer + QUOC_HIEU + [plan.number, plan.place_date]
    body = [f"{label} {text}" if label else text for label, text, _ in plan.body]
    tail = ["Nơi nhận:"] + plan.recipients + plan.signature
    return "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(tail) + "\n"


def docx_bytes(plan: PlanText) -> bytes:
    """The plan as Word writes it to .docx: header and signature as two-column tables, labels typed."""
    import docx

    d = docx.Document()

    def cell(c, lines: list[str]) -> None:
        c.text = lines[0]
        for line in lines[1:]:
            c.add_paragraph(line)

    head = d.add_table(rows=2, cols=2)
    cell(head.cell(0, 0), plan.issuer)
    cell(head.cell(0, 1), QUOC_HIEU)
    cell(head.cell(1, 0), [plan.number])
    cell(head.cell(1, 1), [plan.place_date])
    for label, text, _ in plan.body:
        d.add_paragraph(f"{label} {text}" if label else text)
    if plan.table:
        for line in plan.table_title:
            d.add_paragraph(line)
        t = d.add_table(rows=len(plan.table), cols=len(plan.table[0]))
        for r, row in enumerate(plan.table):
            for c, value in enumerate(row):
                cell(t.cell(r, c), value.split("\n"))
    sig = d.add_table(rows=1, cols=2)
    cell(sig.cell(0, 0), ["Nơi nhận:"] + plan.recipients)
    cell(sig.cell(0, 1), plan.signature)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- Word's "Save as Web Page"

_WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List href="ke-hoach_files/filelist.xml">
<title>KẾ HOẠCH</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>Văn phòng UBND tỉnh</o:Author>
  <o:Pages>5</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	margin:0cm;
	font-size:14.0pt;
	font-family:"Times New Roman",serif;}
p.MsoListParagraph {mso-style-priority:34; margin-left:36.0pt;}
@list l0:level1 {mso-level-text:"%1\\.";}
-->
</style>
</head>

<body lang=EN-US style='tab-interval:36.0pt;word-wrap:break-word'>

<div class=WordSection1>

"""
_WORD_TAIL = "\n</div>\n\n</body>\n\n</html>\n"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _runs(text: str) -> str:
    """A paragraph's text as Word's runs: it starts a new span where formatting would change."""
    words = _esc(text).split(" ")
    cut = max(1, len(words) // 3)
    first, rest = " ".join(words[:cut]), " ".join(words[cut:])
    out = f"<span lang=VI style='font-size:14.0pt'>{first}</span>"
    if rest:
        out += f"<span lang=VI style='font-size:14.0pt;mso-bidi-font-weight:bold'> {rest}</span>"
    return out


def _wrap(markup: str) -> str:
    """Word writes its HTML in lines of about 76 characters, breaking at any space."""
    return textwrap.fill(markup, 76, break_long_words=False, break_on_hyphens=False).replace("\n", "\r\n")


def _list_label(label: str, *, filtered: bool) -> str:
    gap = "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp; </span>"
    if filtered:  # "Web Page, Filtered": real comments, no mso-list spans
        return f"<!--[if !supportLists]-->{_esc(label)}{gap}<!--[endif]-->"
    return (f"<![if !supportLists]><span style='mso-fareast-font-family:\"Times New Roman\"'><span "
            f"style='mso-list:Ignore'>{_esc(label)}{gap}</span></span><![endif]>")


def _word_paragraph(label: str | None, text: str, kind: BlockKind, *, filtered: bool) -> str:
    if label and _WORD_LIST.match(label):
        level = 1 if label[0].isdigit() else 2 if label[0].isalpha() else 3
        return (f"<p class=MsoListParagraphCxSpMiddle style='margin-left:0cm;text-indent:36.0pt;"
                f"mso-list:l0 level{level} lfo1'>{_list_label(label, filtered=filtered)}{_runs(text)}<o:p></o:p></p>")
    typed = f"{label} {text}" if label else text
    if kind is BlockKind.heading or (label and text.isupper()):
        return (f"<p class=MsoNormal align=center style='text-align:center'><b><span lang=VI "
                f"style='font-size:14.0pt'>{_esc(typed)}<o:p></o:p></span></b></p>")
    return f"<p class=MsoNormal style='text-align:justify;text-indent:36.0pt'>{_runs(typed)}<o:p></o:p></p>"


def _word_cell(lines: list[str], width: int, *, bold_first: bool = False) -> str:
    paras = []
    for i, line in enumerate(lines):
        text = f"<b>{_esc(line)}</b>" if bold_first and i == 0 else _esc(line)
        paras.append(f"<p class=MsoNormal align=center style='text-align:center'><span lang=VI>{text}"
                     "<o:p></o:p></span></p>")
    return (f"  <td width={width} valign=top style='width:{width * 0.75:.1f}pt;padding:0cm 5.4pt 0cm 5.4pt'>\n"
            + "\n".join(_wrap(p) for p in paras) + "\n  </td>\n")


def _word_table(rows: list[list[list[str]]], widths: list[int], *, grid: bool, bold_first: bool = False) -> str:
    border = "" if grid else " border=0"
    out = [f"<table class=MsoTableGrid{border} cellspacing=0 cellpadding=0\r\n style='border-collapse:collapse;"
           "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n"]
    for r, row in enumerate(rows):
        out.append(f" <tr style='mso-yfti-irow:{r}'>\n")
        out.extend(_word_cell(cell, w, bold_first=bold_first and r == 0) for cell, w in zip(row, widths))
        out.append(" </tr>\n")
    # the sizing row Word adds for browsers that misalign columns
    out.append(" <![if !supportMisalignedColumns]>\n <tr height=0>\n"
               + "".join(f"  <td width={w} style='border:none'></td>\n" for w in widths) + " </tr>\n <![endif]>\n")
    out.append("</table>\n\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n\n")
    return "".join(out)


def word_html(plan: PlanText, *, filtered: bool = False) -> bytes:
    """Word's "Save as Web Page" of the plan, in windows-1252: letters outside it as numeric entities."""
    parts = [_WORD_HEAD]
    parts.append(_word_table([[plan.issuer, QUOC_HIEU], [[plan.number], [plan.place_date]]], [236, 378], grid=False))
    parts.extend(_wrap(_word_paragraph(label, text, kind, filtered=filtered)) + "\r\n\r\n"
                 for label, text, kind in plan.body)
    if plan.table:
        parts.extend(_wrap(_word_paragraph(None, t, BlockKind.heading, filtered=filtered)) + "\r\n" for t in plan.table_title)
        widths = [40, 260, 120, 120, 100][: len(plan.table[0])]
        parts.append(_word_table([[v.split("\n") for v in row] for row in plan.table], widths, grid=True, bold_first=True))
    parts.append(_word_table([[["Nơi nhận:"] + plan.recipients, plan.signature]], [290, 324], grid=False))
    parts.append(_WORD_TAIL)
    return "".join(parts).encode("cp1252", errors="xmlcharrefreplace")


# ---------------------------------------------------------------- a portal page saved in the browser

_LINKED = re.compile(r"(Nghị định số \d+/\d{4}/NĐ-CP|Quyết định số \d+/\d{4}/QĐ-TTg)")


def _portal_paragraph(label: str | None, text: str, kind: BlockKind) -> str:
    typed = _esc(f"{label} {text}" if label else text)
    typed = _LINKED.sub(r'<a href="/van-ban/\1.aspx" onclick="track(this)" target="_blank">\1</a>', typed)
    if kind is BlockKind.heading or (label and text.isupper()):
        return f'<p align="center" style="margin-top:6.0pt"><b>{typed}</b></p>\n'
    return f'<p style="margin-top:6.0pt;text-align:justify">{typed}</p>\n'


def _plain_table(rows: list[list[list[str]]], attrs: str = 'border="0" cellspacing="0" cellpadding="0"') -> str:
    cells = "".join("<tr>" + "".join(f'<td valign="top"><p align="center">{"<br>".join(_esc(x) for x in c)}</p></td>'
                                     for c in row) + "</tr>\n" for row in rows)
    return f"<table {attrs}>\n{cells}</table>\n"


# a portal page as the browser saves it; the document goes in {header}{body}{signature}
_PORTAL_PAGE = """<!DOCTYPE html>
<!-- saved from url=(0071)https://portal.example/van-ban/Bo-may-hanh-chinh/Ke-hoach-15-KH-UBND.aspx -->
<html lang="vi"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>Kế hoạch {number} tổng kết</title>
<script>var user = null; document.write("{script}");</script>
<script type="application/ld+json">{{"@type": "Legislation", "name": "{script}"}}</script>
<style>.menu a {{ color: red }} body::before {{ content: "{script}" }}</style>
<link rel="stylesheet" href="./Ke-hoach_files/site.css"></head>
<body onload="init()">
<form method="post" action="./Ke-hoach-15.aspx" id="aspnetForm">
<div id="header"><a href="/"><img src="logo.png" alt="Thư viện văn bản" onerror="alert(1)"></a>
<ul class="main-menu"><li><a href="/">Trang chủ</a></li><li><a href="/van-ban">Văn bản pháp luật</a></li>
<li><a href="/hoi-dap">Hỏi đáp pháp luật</a></li><li><a href="/lien-he">Liên hệ</a></li></ul>
<div class="box-login">Đăng nhập | Đăng ký <input type="text" value="Tên đăng nhập"></div></div>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/van-ban">Văn bản</a> » Bộ máy hành chính</div>
<div id="divContent" class="content">
<p class="notice">Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép, đăng tải lại mà không có sự đồng ý là vi phạm pháp luật.</p>
<div class="legend"><b>CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN</b><p>Các nội dung của VB này được VB khác thay đổi, hướng dẫn sẽ được làm nổi bật bằng các màu sắc.</p><p>Click vào phần bôi vàng để xem chi tiết.</p></div>
<div id="divThuocTinh"><table class="thuoc-tinh" cellpadding="2">
{prop_rows}</table></div>
<p id="loading" style="display:none">Đang tải văn bản...</p>
<div class="content1"><div id="ctl00_Content_ThongTinVB_pnlDocContent">
{header}{body}{signature}</div></div>
<div class="doc-trailer"><p>{trailer}</p><p>Văn bản này chưa cập nhật nội dung Tiếng Anh</p></div>
<div class="doc-related"><h2>Văn bản liên quan</h2><p>Ban hành: 17/04/2020</p><p>Hiệu lực: Đã biết</p>
<p>Tình trạng: Đã biết</p></div>
<div id="boxVanBanLienQuan"><ul><li><a href="/vb/1">Nghị định 49/2020/NĐ-CP hướng dẫn Luật Thi hành án hình sự</a></li>
<li><a href="/vb/2">Quyết định 22/2023/QĐ-TTg tín dụng đối với người chấp hành xong án phạt tù</a></li>
<li><a href="/vb/3">Kế hoạch 42/KH-BCA-C11 tổng kết Nghị định 49/2020/NĐ-CP</a></li></ul></div>
</div>
<aside class="right-col"><h3>Văn bản mới</h3><p>Công văn 5402/CT-CS Cục Thuế giao Sở Tài chính chủ trì rà soát.</p></aside>
<div id="popupLogout" style="display: none">Bạn vừa bị Đăng xuất khỏi Tài khoản. Sở Tư pháp chủ trì kiểm tra.</div>
<footer><p>© 2025 Thư viện văn bản. Địa chỉ: 17 Nguyễn Gia Thiều. Mã số thuế: 0123456789</p></footer>
</form>
<script>window.dataLayer = ["{script}"];</script>
</body></html>
"""


def portal_html(plan: PlanText, properties: dict[str, str], trailer: str) -> bytes:
    """The plan as a legal portal shows it, saved with the browser's "Save page as": its properties'
    table above the document, links in the text, its own sections, boxes and popups around it."""
    props = list(properties.items())
    prop_rows = "".join(
        "<tr>" + "".join(f'<td class="td-label"><b>{_esc(k)}:</b></td><td>{_esc(v)}</td>' for k, v in props[i:i + 2])
        + "</tr>\n" for i in range(0, len(props), 2))
    body = "".join(_portal_paragraph(label, text, kind) for label, text, kind in plan.body)
    header = _plain_table([[plan.issuer + ["-------"], QUOC_HIEU + ["---------------"]],
                           [[plan.number], [plan.place_date]]])
    signature = _plain_table([[["Nơi nhận:"] + plan.recipients, plan.signature]])
    page = _PORTAL_PAGE.format(number=_esc(plan.number), script=SCRIPT_TEXT, prop_rows=prop_rows, header=header,
                               body=body, signature=signature, trailer=_esc(trailer))
    return page.encode("utf-8")
