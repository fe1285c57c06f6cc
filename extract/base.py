"""One interface for every input format, and the entry point ``read_document``.

Each backend (text, markdown, html, docx, doc, pdf) turns one file into a
``SourceDocument``. ``read_document`` picks the backend from the file's bytes
and extension, guards size and time, turns every failure into a status with a
specific reason, and measures the result's Vietnamese syllable validity.
"""
from __future__ import annotations

import importlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from .syllables import measure
from ..models import DocStatus, SourceDocument


class ReadError(Exception):
    """A specific, expected reason why a file cannot be read."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 500
    ocr: str = "auto"  # auto: pages without usable text; always; never
    ocr_lang: str = "vie"
    ocr_dpi: int = 300
    ocr_page_timeout: float = 120.0
    ocr_correct: bool = True  # OCR'd text corrected by the syllable model (extract/ocr_correct.py)
    glyph_map: bool = True  # broken fonts decoded through a glyph map learnt from OCR (extract/glyphmap.py)
    glyph_dpi: int = 300  # the glyph map's word crops (below 300 dpi, commas and periods get lost)
    max_unzipped_bytes: int = 300 * 1024 * 1024  # DOCX zip-bomb guard
    max_zip_ratio: float = 200.0
    # The cost model: no parser sees more text than this (a plan is 20–200 KB; the longest
    # portal page of the corpus ~0.3 MB). A text file above it is refused before decoding,
    # and so is any document whose extracted text exceeds it.
    max_text_bytes: int = 5 * 1024 * 1024
    # An HTML page carries markup around its text (Word's "Save as Web Page" 5-10× with its inline
    # styles): its file may be this many times max_text_bytes before it is refused unparsed.
    html_markup_ratio: int = 8


class Reader(Protocol):
    name: str
    extensions: tuple[str, ...]

    def read(self, path: Path, options: ReadOptions) -> SourceDocument: ...


READERS: dict[str, Reader] = {}


def register(reader_cls: type) -> type:
    """Class decorator: make a backend available by name."""
    READERS[reader_cls.name] = reader_cls()
    return reader_cls


def sniff_format(path: Path, head: bytes) -> str:
    """Choose a backend from the first bytes, then the extension."""
    ext = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if ext in {".docx", ".docm", ".dotx"} or ext not in {".zip"}:
            return "docx"
        raise ReadError("unsupported_format", f"{path.name}: a zip archive that is not a Word document")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.lstrip()[:5].lower() == b"{\\rtf":
        return "doc"  # LibreOffice converts RTF too
    if ext == ".pdf":
        raise ReadError("not_a_pdf", f"{path.name}: named .pdf but does not start with %PDF (damaged or not a PDF)")
    if ext == ".docx":
        raise ReadError("not_a_docx", f"{path.name}: named .docx but is not a zip package (damaged or renamed)")
    if ext == ".doc":
        raise ReadError("not_a_doc", f"{path.name}: named .doc but is not a Word 97-2003 file")
    if ext in HTML_EXTENSIONS or (ext == "" and looks_like_html(head)):
        return "html"
    if ext in {".md", ".markdown"}:
        return "markdown"
    if ext in {".txt", ".text", ""}:
        return "text"
    raise ReadError("unsupported_format",
                    f"{path.name}: unsupported file type '{ext}' (kehoach reads .pdf .docx .doc .md .txt .html)")


HTML_EXTENSIONS = frozenset({".html", ".htm"})
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<meta", b"<!--")


def looks_like_html(head: bytes) -> bool:
    """The first bytes open an HTML page (after a UTF-8 BOM and blanks)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
    return start.startswith(_HTML_STARTS)


_TEXT_FORMATS = {"text", "markdown", "html"}
_SAMPLE = 64 * 1024


def check_text_bytes(path: Path, size: int, options: ReadOptions, fmt: str = "text") -> int:
    """Refuse a text file too large to parse, or whose bytes are not text (a binary file
    named .md, .txt or .html). Returns how many bytes of a mostly-UTF-8 file are not UTF-8."""
    limit = options.max_text_bytes * (options.html_markup_ratio if fmt == "html" else 1)
    if size > limit:
        what = "an HTML page" if fmt == "html" else "text"
        raise ReadError("too_large", f"{path.name}: {size:,} bytes of {what} exceeds the limit of {limit:,} "
                                     "(ReadOptions.max_text_bytes)")
    with path.open("rb") as fh:
        data = fh.read()
    sample = data[:_SAMPLE]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = sample.decode("utf-16", errors="replace")
    elif b"\x00" in sample:
        raise ReadError("not_text", f"{path.name}: holds NUL bytes: binary data, not text")
    else:
        utf8 = sample.decode("utf-8", errors="replace")
        text = utf8 if utf8.count("\ufffd") <= 0.1 * max(1, sum(ord(c) > 127 for c in utf8)) \
            else sample.decode("cp1258", errors="replace")
    bad = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in "\t\n\r\f\v"))
    if text and bad > 0.02 * len(text):
        raise ReadError("not_text", f"{path.name}: {bad / len(text):.0%} of its characters are control codes or "
                                    "undecodable bytes in every encoding tried: binary data, not text")
    if fmt == "html":
        return 0  # a page declares its encoding: its reader decodes it and says which it used
    try:
        data.decode("utf-8")
        return 0
    except UnicodeDecodeError:
        lenient = data.decode("utf-8", errors="replace")
        bad = lenient.count("\ufffd")
        return bad if bad <= 0.1 * max(1, sum(ord(c) > 127 for c in lenient)) else 0


def _not_vietnamese(quality) -> bool:
    """Well-formed text in another language (English): almost no Vietnamese diacritics."""
    return quality.words >= 20 and quality.diacritic_share < 0.05


def _backend(fmt: str) -> Reader:
    """Import a backend on first use, so that heavy libraries load only when needed."""
    if fmt not in READERS:
        importlib.import_module(f".{fmt}_reader", __package__)
    return READERS[fmt]


def _say_ocr_quality(doc: SourceDocument, validity: float) -> None:
    """Text that a machine read from a scan is said to be so, with its measures: the words'
    mean OCR confidence, the share tesseract was unsure of, the share of well-formed syllables."""
    pages = doc.metadata.get("ocr_quality") or {}
    words = sum(p["words"] for p in pages.values())
    if not words:
        return
    confidence = sum(p["confidence"] * p["words"] for p in pages.values()) / words
    uncertain = sum(p["uncertain"] for p in pages.values()) / words
    doc.metadata["ocr_confidence"] = round(confidence / 100, 3)
    doc.add_issue("ocr_text", f"{len(pages)} pages read by OCR: mean word confidence {confidence:.0f}%, "
                              f"{uncertain:.0%} of words uncertain, {validity:.0%} of words well-formed syllables")


def read_document(path: str | Path, options: ReadOptions | None = None,
                  on_event: Callable[[str], None] | None = None) -> SourceDocument:
    """Read one file. Never raises for a bad file: the result carries the reason."""
    options = options or ReadOptions()
    path = Path(path)
    started = time.perf_counter()
    try:
        if not path.exists():
            raise ReadError("not_found", f"{path}: no such file")
        if path.is_dir():
            raise ReadError("is_directory", f"{path}: is a folder, not a file")
        size = path.stat().st_size
        if size == 0:
            raise ReadError("empty_file", f"{path.name}: the file is empty (0 bytes)")
        if size > options.max_bytes:
            raise ReadError("too_large", f"{path.name}: {size} bytes exceeds the limit of {options.max_bytes}")
        with path.open("rb") as fh:
            head = fh.read(64)
        fmt = sniff_format(path, head)
        invalid_utf8 = check_text_bytes(path, size, options, fmt) if fmt in _TEXT_FORMATS else 0
        doc = _backend(fmt).read(path, options)
        if invalid_utf8:
            doc.add_issue("invalid_utf8", f"{invalid_utf8} bytes are not valid UTF-8 and were replaced (U+FFFD)")
        text_size = sum(len(b.text) for b in doc.blocks)
        if text_size > options.max_text_bytes:
            raise ReadError("too_large", f"{path.name}: its text is {text_size:,} characters, over the limit of "
                                         f"{options.max_text_bytes:,} (ReadOptions.max_text_bytes)")
    except ReadError as err:
        doc = SourceDocument(path=str(path), format=path.suffix.lstrip(".").lower() or "unknown")
        doc.add_issue(err.code, err.message, fatal=True)
    except MemoryError:
        doc = SourceDocument(path=str(path), format=path.suffix.lstrip(".").lower() or "unknown")
        doc.add_issue("out_of_memory", f"{path.name}: ran out of memory while reading", fatal=True)
    except RecursionError:
        doc = SourceDocument(path=str(path), format=path.suffix.lstrip(".").lower() or "unknown")
        doc.add_issue("too_deeply_nested", f"{path.name}: its structure nests too deeply to read", fatal=True)
    except Exception as err:  # a backend bug or a malformed file we did not foresee
        # the library's own message is not a reason a reader can act on; its type names the failure
        doc = SourceDocument(path=str(path), format=path.suffix.lstrip(".").lower() or "unknown")
        doc.add_issue("read_failed", f"{path.name}: the file could not be read (unexpected {type(err).__name__})",
                      fatal=True)
    if doc.status is not DocStatus.failed:
        quality = measure(doc.text)
        doc.syllable_validity = round(quality.validity, 4)
        if not doc.blocks:
            doc.add_issue("no_text", f"{path.name}: no text could be read", fatal=True)
        elif quality.looks_broken() and _not_vietnamese(quality):
            doc.add_issue("not_vietnamese", f"only {quality.diacritic_share:.0%} of words carry a Vietnamese "
                                            "diacritic: the text is in another language (or typed without marks)")
        elif quality.looks_broken():
            doc.add_issue("low_text_quality",
                          f"only {quality.validity:.0%} of words are well-formed Vietnamese syllables")
        _say_ocr_quality(doc, quality.validity)
    doc.metadata.setdefault("read_seconds", round(time.perf_counter() - started, 3))
    return doc
