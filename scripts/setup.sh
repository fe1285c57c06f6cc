#!/usr/bin/env bash
# Set up everything kehoach needs on a fresh Debian machine with Python 3.11, as root:
# OCR (tesseract + Vietnamese model), LibreOffice for legacy .doc, Chromium + its driver for the
# web app's browser tests (and DejaVu fonts so its pages render Vietnamese), a venv with the package.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v tesseract >/dev/null || need+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata ] || ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 || need+=(tesseract-ocr-vie)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "warning: please install the Debian packages: ${need[*]}" >&2
  fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e ".[test]"
