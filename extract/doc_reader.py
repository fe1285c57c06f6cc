"""Legacy Word 97-2003 (.doc) and RTF: converted by LibreOffice headless, then read as DOCX."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .base import ReadError, ReadOptions, register
from .docx_reader import DocxReader
from ..models import SourceDocument

CONVERT_TIMEOUT = 180


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@register
class DocReader:
    name = "doc"
    extensions = (".doc", ".rtf")

    def read(self, path: Path, options: ReadOptions) -> SourceDocument:
        soffice = find_soffice()
        if soffice is None:
            raise ReadError("libreoffice_missing",
                            f"{path.name}: reading .doc needs LibreOffice; install the Debian package "
                            "'libreoffice-writer-nogui' (apt-get install libreoffice-writer-nogui)")
        with tempfile.TemporaryDirectory(prefix="kehoach-doc-") as tmp:
            profile = Path(tmp) / "profile"
            cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(path.resolve())]
            try:
                subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
            except subprocess.TimeoutExpired as err:
                raise ReadError("convert_timeout", f"{path.name}: LibreOffice did not finish in {CONVERT_TIMEOUT}s") from err
            out = Path(tmp) / (path.stem + ".docx")
            if not out.exists():
                raise ReadError("convert_failed", f"{path.name}: LibreOffice could not convert the file")
            doc = DocxReader().read(out, options)
        doc.path = str(path)
        doc.format = "doc"
        doc.metadata["converted_by"] = "libreoffice"
        return doc
