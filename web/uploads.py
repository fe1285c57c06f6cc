"""Uploaded files → files on disk under generated names, or a clear reason for refusing them.

Nothing the client sends is used as a path: a file is stored as ``<random>.<ext>`` with the
extension chosen from its bytes; the client's name is kept only as text to show. A .zip is
opened as data: its members are refused whole if any name is absolute or climbs out (``../``),
if there are too many, if they inflate past the limit or by a bomb's ratio.
"""
from __future__ import annotations

import re
import secrets
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..batch.work import SUPPORTED
from ..extract.base import ReadError, sniff_format

# the extension a stored file gets, from the format its bytes show
STORED_EXT = {"pdf": ".pdf", "docx": ".docx", "doc": ".doc", "markdown": ".md", "text": ".txt", "html": ".html"}
CHUNK = 1 << 16


@dataclass(frozen=True)
class UploadLimits:
    max_file_bytes: int = 50 << 20  # one file (or one zip member, inflated)
    max_files: int = 200  # files in one upload, zip members included
    max_total_bytes: int = 200 << 20  # the request body
    max_zip_ratio: float = 100.0  # inflated / compressed, per member


@dataclass
class Accepted:
    name: str  # the client's name, as text only
    stored: Path  # where it is on disk (a generated name)
    size: int


@dataclass
class Refused:
    name: str
    reason: str


@dataclass
class UploadResult:
    accepted: list[Accepted] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


class TooLarge(Exception):
    pass


def display_name(name: str | None) -> str:
    """The last part of a client's file name, for showing only (it may say anything)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "".join(ch for ch in base if ch.isprintable())[:200] or "(không tên)"


def _generated(folder: Path, ext: str) -> Path:
    return folder / f"{secrets.token_hex(8)}{ext}"


def _copy_limited(src: BinaryIO, dst: Path, limit: int) -> int:
    size = 0
    with dst.open("wb") as out:
        while chunk := src.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise TooLarge
            out.write(chunk)
    return size


def _check_type(tmp: Path, claimed: str) -> str:
    """The stored extension for a file whose bytes are a supported document, else ReadError.
    The claimed name's extension is what sniff_format weighs against the bytes."""
    ext = PurePosixPath(claimed.lower()).suffix
    if ext not in SUPPORTED:
        raise ReadError("unsupported_format", f"loại tệp '{ext or '(không đuôi)'}' không được hỗ trợ "
                                              f"(chỉ nhận {' '.join(sorted(SUPPORTED))} và .zip)")
    with tmp.open("rb") as fh:
        head = fh.read(4096)
    if not head.strip():
        raise ReadError("empty_file", "tệp rỗng")
    fmt = sniff_format(Path(claimed), head)
    if fmt in {"text", "markdown"} and _looks_like_html(head):
        raise ReadError("html_page", "tệp là một trang HTML, không phải văn bản")
    if fmt == "html" and not _HTML_TAG.search(head):
        raise ReadError("not_html", f"tệp mang đuôi {ext} nhưng không phải một trang HTML")
    return STORED_EXT[fmt]


# an HTML page shows one of these tags in its first bytes (after a "saved from url" comment or Word's
# namespaces); NUL bytes never stand in one
_HTML_TAG = re.compile(rb"^[^\x00]*?<(?:!doctype\s+html|html|head|body|meta|title|p|div|table)[\s>/]", re.I)


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<script", b"<body"))


def store_upload(src: BinaryIO, name: str | None, folder: Path, limits: UploadLimits,
                 result: UploadResult | None = None) -> UploadResult:
    """Save one uploaded file (or the documents inside an uploaded .zip) into ``folder``."""
    result = result or UploadResult()
    folder.mkdir(parents=True, exist_ok=True)
    _store(src, display_name(name), display_name(name), folder, limits, result, allow_zip=True)
    return result


def _store(src: BinaryIO, shown: str, claimed: str, folder: Path, limits: UploadLimits, result: UploadResult,
           *, allow_zip: bool) -> None:
    """``shown``: the name people see; ``claimed``: the name whose extension the bytes must bear out."""
    tmp = _generated(folder, ".part")
    is_zip = PurePosixPath(claimed.lower()).suffix == ".zip"
    limit = limits.max_total_bytes if is_zip and allow_zip else limits.max_file_bytes  # an archive holds many files
    try:
        try:
            size = _copy_limited(src, tmp, limit)
        except TooLarge:
            result.refused.append(Refused(shown, f"too_large: tệp vượt quá giới hạn {_mb(limit)}"))
            return
        if is_zip:
            if allow_zip:
                _store_zip(tmp, shown, folder, limits, result)
            else:
                result.refused.append(Refused(shown, "không nhận tệp nén lồng trong tệp nén"))
            return
        if len(result.accepted) >= limits.max_files:
            result.refused.append(Refused(shown, f"quá {limits.max_files} tệp trong một lần nạp"))
            return
        try:
            ext = _check_type(tmp, claimed)
        except ReadError as exc:
            result.refused.append(Refused(shown, f"{exc.code}: {exc}"))
            return
        final = _generated(folder, ext)
        tmp.rename(final)
        result.accepted.append(Accepted(shown, final, size))
    finally:
        tmp.unlink(missing_ok=True)


def _mb(n: int) -> str:
    return f"{n / (1 << 20):.0f} MB" if n >= 1 << 20 else f"{n / 1024:.0f} kB"


def unsafe_member(name: str) -> bool:
    p = name.replace("\\", "/")
    return p.startswith("/") or (len(p) > 1 and p[1] == ":") or ".." in PurePosixPath(p).parts


def _store_zip(path: Path, shown: str, folder: Path, limits: UploadLimits, result: UploadResult) -> None:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        result.refused.append(Refused(shown, "not_a_zip: tệp .zip bị hỏng hoặc không phải tệp nén"))
        return
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        bad = [i.filename for i in infos if unsafe_member(i.filename)]
        if bad:
            result.refused.append(Refused(shown, "unsafe_path: tệp nén chứa đường dẫn không an toàn "
                                                 f"({bad[0][:80]!r}: tuyệt đối hoặc có '../'); "
                                                 "không giải nén tệp nào"))
            return
        if len(result.accepted) + len(infos) > limits.max_files:
            result.refused.append(Refused(shown, f"too_many_files: tệp nén có {len(infos)} tệp, "
                                                 f"quá giới hạn {limits.max_files}"))
            return
        total = sum(i.file_size for i in infos)
        if total > limits.max_total_bytes:
            result.refused.append(Refused(shown, f"too_large: tệp nén giải ra {_mb(total)}, "
                                                 f"quá giới hạn {_mb(limits.max_total_bytes)}"))
            return
        for i in infos:
            member = display_name(i.filename)
            shown_member = f"{shown}/{member}"
            if i.compress_size and i.file_size / i.compress_size > limits.max_zip_ratio:
                result.refused.append(Refused(shown_member, f"zip_bomb: tỉ lệ nén {i.file_size / i.compress_size:.0f}:1"))
                continue
            with zf.open(i) as src:  # stored and checked like a single upload; its size is counted again
                _store(src, shown_member, member, folder, limits, result, allow_zip=False)
