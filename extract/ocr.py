"""A thin adapter over the tesseract command (Debian: tesseract-ocr + tesseract-ocr-vie)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .base import ReadError


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


@lru_cache(maxsize=8)
def _languages(exe: str) -> tuple[str, ...]:
    return tuple(subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split())


def require_tesseract(lang: str) -> str:
    exe = tesseract_path()
    if exe is None:
        raise ReadError("tesseract_missing",
                        "OCR needs tesseract; install the Debian packages 'tesseract-ocr' and "
                        f"'tesseract-ocr-{lang}' (apt-get install tesseract-ocr tesseract-ocr-{lang})")
    if lang not in _languages(exe):
        raise ReadError("tesseract_lang_missing",
                        f"tesseract has no '{lang}' model; install the Debian package 'tesseract-ocr-{lang}'")
    return exe


# One OpenMP thread per tesseract: on a shared or busy machine its thread team spin-waits (a sheet of
# words took 13 s with the default threads, 2.8 s with one on 2 loaded cores); parallelism comes
# from reading several documents at once (batch workers), not from inside one OCR call.
_ENV = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}


def ocr_image(image, *, lang: str = "vie", psm: int = 3, timeout: float = 120.0,
              whitelist: str | None = None) -> str:
    """OCR a PIL image; returns plain text (blocks separated by blank lines)."""
    exe = require_tesseract(lang)
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp:
        img = Path(tmp) / "page.png"
        image.save(img)
        try:
            extra = ["-c", f"tessedit_char_whitelist={whitelist}"] if whitelist else []
            done = subprocess.run([exe, str(img), "stdout", "-l", lang, "--psm", str(psm), *extra],
                                  capture_output=True, timeout=timeout, check=False, env=_ENV)
        except subprocess.TimeoutExpired as err:
            raise ReadError("ocr_timeout", f"OCR of one page took longer than {timeout:.0f}s") from err
    if done.returncode != 0:
        raise ReadError("ocr_failed", done.stderr.decode("utf-8", "replace")[:300])
    return done.stdout.decode("utf-8", "replace")


@dataclass(frozen=True)
class OcrLine:
    """One line of tesseract's text output with its box (image pixels) and its words' confidences."""
    text: str
    box: tuple[int, int, int, int]  # x0, top, x1, bottom
    confidences: tuple[float, ...]


LOW_CONFIDENCE = 60.0  # a word tesseract is less sure of than this is counted as uncertain


def ocr_page_lines(image, *, lang: str = "vie", psm: int = 4, timeout: float = 120.0) -> tuple[str, list[OcrLine]]:
    """OCR a PIL image once into its plain text (as ``ocr_image`` gives it) and the boxes of its
    non-empty lines, in the same order: one tesseract run writes both the txt and the tsv output."""
    exe = require_tesseract(lang)
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp:
        img, base = Path(tmp) / "page.png", Path(tmp) / "out"
        image.save(img)
        try:
            done = subprocess.run([exe, str(img), str(base), "-l", lang, "--psm", str(psm), "txt", "tsv"],
                                  capture_output=True, timeout=timeout, check=False, env=_ENV)
        except subprocess.TimeoutExpired as err:
            raise ReadError("ocr_timeout", f"OCR of one page took longer than {timeout:.0f}s") from err
        if done.returncode != 0 or not base.with_suffix(".txt").exists():
            raise ReadError("ocr_failed", done.stderr.decode("utf-8", "replace")[:300])
        text = base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
        tsv = base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace")
    return text, _tsv_lines(tsv)


def _tsv_lines(tsv: str) -> list[OcrLine]:
    lines: dict[tuple[str, str, str], list[list[str]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            lines.setdefault((cols[1], cols[2], cols[3], cols[4]), []).append(cols)
    out = []
    for words in lines.values():
        x0 = min(int(w[6]) for w in words)
        top = min(int(w[7]) for w in words)
        x1 = max(int(w[6]) + int(w[8]) for w in words)
        bottom = max(int(w[7]) + int(w[9]) for w in words)
        out.append(OcrLine(unicodedata.normalize("NFC", " ".join(w[11].strip() for w in words)), (x0, top, x1, bottom),
                           tuple(float(w[10]) for w in words)))
    return out


@dataclass(frozen=True)
class OcrWord:
    """One word of tesseract's TSV output, in the image's pixels."""
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]  # (block, paragraph, line): words of one OCR'd line share it


def ocr_words(image, *, lang: str = "vie", psm: int = 6, timeout: float = 120.0) -> list[OcrWord]:
    """OCR a PIL image into words with their boxes: in-process through tesserocr when it is there
    (no process start and no model load per call: most of the cost of a small image), else the
    tesseract command's TSV output."""
    api = _engine(lang)
    if api is not None:
        return _engine_words(api, image, psm)
    exe = require_tesseract(lang)
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp:
        img = Path(tmp) / "page.png"
        image.save(img)
        try:
            done = subprocess.run([exe, str(img), "stdout", "-l", lang, "--psm", str(psm), "tsv"],
                                  capture_output=True, timeout=timeout, check=False, env=_ENV)
        except subprocess.TimeoutExpired as err:
            raise ReadError("ocr_timeout", f"OCR of one image took longer than {timeout:.0f}s") from err
    if done.returncode != 0:
        raise ReadError("ocr_failed", done.stderr.decode("utf-8", "replace")[:300])
    out: list[OcrWord] = []
    for row in done.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        out.append(OcrWord(unicodedata.normalize("NFC", cols[11].strip()), int(cols[6]), int(cols[7]),
                           int(cols[8]), int(cols[9]), float(cols[10]),
                           (int(cols[2]), int(cols[3]), int(cols[4]))))
    return out


def _engine_words(api, image, psm: int) -> list[OcrWord]:
    """Words with boxes from a tesserocr engine, numbered into lines as the TSV output numbers them."""
    import tesserocr

    RIL = tesserocr.RIL
    api.SetPageSegMode(psm)
    api.SetVariable("tessedit_char_whitelist", "")
    api.SetVariable("tessedit_do_invert", "0")  # black on white: the retry of each line inverted is wasted
    api.SetImage(image)
    out: list[OcrWord] = []
    try:
        api.Recognize()
        it = api.GetIterator()
        block = par = line = 0
        for r in tesserocr.iterate_level(it, RIL.WORD):
            if r.IsAtBeginningOf(RIL.BLOCK):
                block, par, line = block + 1, 0, 0
            if r.IsAtBeginningOf(RIL.PARA):
                par, line = par + 1, 0
            if r.IsAtBeginningOf(RIL.TEXTLINE):
                line += 1
            try:
                text = (r.GetUTF8Text(RIL.WORD) or "").strip()
            except RuntimeError:  # tesserocr's way of saying the word has no text
                continue
            box = r.BoundingBox(RIL.WORD)
            if not text or box is None:
                continue
            x0, y0, x1, y1 = box
            out.append(OcrWord(unicodedata.normalize("NFC", text), x0, y0, x1 - x0, y1 - y0,
                               float(r.Confidence(RIL.WORD)), (block, par, line)))
    finally:
        api.SetVariable("tessedit_do_invert", "1")
        api.Clear()
    return out


def tessdata_dir(lang: str) -> str | None:
    """The folder holding ``{lang}.traineddata`` (Debian's, or TESSDATA_PREFIX)."""
    import glob
    import os

    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata"),
                                                                 reverse=True), "/usr/share/tessdata"]
    for d in candidates:
        if d and (Path(d) / f"{lang}.traineddata").exists():
            return d
    return None


_ENGINES: dict[tuple[int, str], object] = {}


def _engine(lang: str):
    """One tesseract engine per process and language, made on first use: batch workers are
    forked, and an engine must not be shared across a fork. None when tesserocr or the model
    is missing."""
    import os

    key = (os.getpid(), lang)
    if key not in _ENGINES:
        # one thread per engine: batch workers already use every core, and OpenMP threads
        # fighting over them make each stamp slower (read when the library loads)
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        try:
            import tesserocr
        except ImportError:
            _ENGINES[key] = None
            return None
        path = tessdata_dir(lang)
        try:
            _ENGINES[key] = tesserocr.PyTessBaseAPI(path=path, lang=lang) if path else None
        except RuntimeError:
            _ENGINES[key] = None
    return _ENGINES[key]


def prepare() -> None:
    """Load tesserocr (not an engine: engines are made per process, after a fork)."""
    import os

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        pass


def ocr_line(image, *, lang: str = "vie", psm: int = 7, whitelist: str | None = None) -> str:
    """OCR a small image (a stamp, one line) in-process through tesseract's C API (tesserocr);
    falls back to the tesseract command when tesserocr is not installed."""
    api = _engine(lang)
    if api is None:
        if tesseract_path() is None:
            return ""
        return ocr_image(image, lang=lang, psm=psm, timeout=30, whitelist=whitelist)
    api.SetPageSegMode(psm)
    api.SetVariable("tessedit_char_whitelist", whitelist or "")
    api.SetImage(image)
    try:
        return api.GetUTF8Text()
    finally:
        api.Clear()


def ocr_available(lang: str = "vie") -> bool:
    return tesseract_path() is not None or _engine(lang) is not None
