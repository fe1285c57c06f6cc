#!/usr/bin/env bash
# Quick start 1: set up, then parse the sample corpus into outputs/plans/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/kehoach parse corpus --out outputs/plans
