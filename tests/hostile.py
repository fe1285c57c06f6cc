"""A folder of good plans with hostile files among them, for the batch's cost-model test and
``bench/hostile.py``. ``build`` returns, per relative path, the reason code the batch report
must give (None for a good file, which must be processed)."""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from .htmlgen import SCRIPT_TEXT, plan_from_text, portal_html, word_html
from .pdfgen import make_pdf

SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"
PROVINCES = ["Thái Bình", "Nam Định", "Nghệ An", "Lạng Sơn", "Cà Mau", "Sơn La", "Gia Lai", "Bắc Giang"]
MARKUP = '<script>alert("x")</script><b onmouseover=alert(1)>'
ENGLISH = ("The committee shall review the annual report and submit its findings to the board before the "
           "end of the fiscal year. Each department is responsible for the implementation of the plan. ") * 40

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(document_xml: str | bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def docx_of(text: str) -> bytes:
    """A minimal Word package, one paragraph per line."""
    from xml.sax.saxutils import escape

    paras = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(ln)}</w:t></w:r></w:p>"
                    for ln in text.split("\n"))
    return _docx(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>{paras}</w:body>'
                 "</w:document>")


def entity_bomb_docx() -> bytes:
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{lol}]>'
           f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>')
    return _docx(xml)


def zip_bomb_docx(mb: int = 20) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("word/document.xml", b"<" + b" " * (mb << 20))
    return buf.getvalue()


def looping_pdf() -> bytes:
    """The only page node is a /Pages node whose kid is its parent: the page tree loops."""
    good = make_pdf(["Ke hoach"])
    return good.replace(b"/Type /Page /Parent 2 0 R", b"/Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R")


def html_of(text: str, i: int) -> bytes:
    """The plan as a Word export (even i) or a saved portal page with scripts and menus (odd i)."""
    plan = plan_from_text(text, issuer=["ỦY BAN NHÂN DÂN", f"TỈNH {PROVINCES[i % len(PROVINCES)].upper()}"],
                          number=f"Số: {i + 1}/KH-UBND", place_date="ngày 10 tháng 02 năm 2026")
    if i % 2 == 0:
        return word_html(plan)
    return portal_html(plan, {"Số hiệu": f"{i + 1}/KH-UBND", "Loại văn bản": "Kế hoạch"}, f"Kế hoạch {i + 1}/KH-UBND")


def entity_bomb_html() -> bytes:
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "lol">{lol}]>'
            "<html><body><p>&l9;</p></body></html>").encode()


def deep_html(depth: int = 100_000) -> bytes:
    return b"<html><body>" + b"<div><span>" * depth + "Kế hoạch".encode() + b"</span></div>" * depth + b"</body></html>"


def huge_html(mb: int) -> bytes:
    """A page of ``mb`` million characters of text (its markup within the page limit)."""
    text = _variant(0)
    para = f"<p>{text}</p>\n".encode()
    return b"<html><body>" + para * (mb * 1024 * 1024 // len(text) + 1) + b"</body></html>"


def script_page() -> bytes:
    """Nothing but scripts, styles and event handlers: no text to read."""
    return (f"<html><head><script>document.write('{SCRIPT_TEXT}')</script><style>p{{}}</style></head>"
            f"<body onload=\"alert('{SCRIPT_TEXT}')\"><img src=x onerror=alert(1)><noscript>{SCRIPT_TEXT}</noscript>"
            "</body></html>").encode()


def _variant(i: int) -> str:
    seeds = sorted(SEEDS.glob("*.txt"))
    text = seeds[i % len(seeds)].read_text(encoding="utf-8")
    province = PROVINCES[i % len(PROVINCES)]
    return text.replace("Hưng Yên", province).replace("Lai Châu", province) + f"\n\nBản số {i}.\n"


def build(folder: Path, *, good: int = 160, copies: int = 3, big_mb: int = 6) -> dict[str, str | None]:
    """``good`` good plans (.txt, .md, .docx, .html: Word exports and saved portal pages whose scripts
    hold SCRIPT_TEXT; one in eight naming an agency in markup) and ``copies`` files of each hostile kind.
    A text ``big_mb`` MB long stands for the 60 MB one."""
    rng = random.Random(11)
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}

    def put(name: str, data: bytes, reason: str | None) -> None:
        (folder / name).write_bytes(data)
        expected[name] = reason

    for i in range(good):
        text = _variant(i)
        if i % 8 == 0:  # markup in agency names: it must come out escaped in every HTML output
            text = text.replace("Sở Tài chính", f"Sở Tài chính {MARKUP}").replace("Công an tỉnh", f"Công an tỉnh {MARKUP}")
        kind = i % 4
        if kind == 0:
            put(f"good-{i:04d}.txt", text.encode("utf-8"), None)
        elif kind == 1:
            put(f"good-{i:04d}.md", text.encode("utf-8"), None)
        elif kind == 2:
            put(f"good-{i:04d}.docx", docx_of(text), None)
        else:
            put(f"good-{i:04d}.{'html' if i % 8 == 3 else 'htm'}", html_of(text, i // 4), None)
    pdf = make_pdf(["Ke hoach so 1", "Trang 2"])
    for k in range(copies):
        put(f"empty-{k}.pdf", b"", "empty_file")
        put(f"empty-{k}.docx", b"", "empty_file")
        put(f"truncated-{k}.pdf", pdf[: 60 + k], "damaged_pdf")
        put(f"junk-{k}.pdf", b"%PDF-1.7\n" + rng.randbytes(4000), "damaged_pdf")
        put(f"junk-{k}.docx", rng.randbytes(3000), "not_a_docx")
        put(f"zipbomb-{k}.docx", zip_bomb_docx(), "zip_bomb")
        put(f"entitybomb-{k}.docx", entity_bomb_docx(), "xml_entity_bomb")
        put(f"huge-{k}.txt", (_variant(k) * (big_mb * 1024 * 1024 // len(_variant(k).encode()) + 1)).encode(),
            "too_large")
        put(f"english-{k}.txt", ENGLISH.encode(), "not_vietnamese")
        put(f"binary-{k}.md", rng.randbytes(5000), "not_text")
        put(f"invalid-utf8-{k}.txt", _variant(k).encode("utf-8").replace("ệ".encode(), b"\xe1\xbb", 3),
            "invalid_utf8")
        put(f"loop-{k}.pdf", looping_pdf(), "damaged_pdf")
        put(f"entitybomb-{k}.html", entity_bomb_html(), "xml_entity_bomb")
        put(f"deep-{k}.html", deep_html(), "too_deeply_nested")
        put(f"huge-{k}.html", huge_html(big_mb), "too_large")
        put(f"binary-{k}.html", rng.randbytes(5000), "not_text")
        put(f"scripts-{k}.html", script_page(), "no_text")
    return expected
