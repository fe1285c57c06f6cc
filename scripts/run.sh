#!/usr/bin/env bash
# Quick start 1: set up, then run the main job on the sample corpus:
# batch corpus/ into outputs/ (plan JSON, the SQLite store, report.csv), then answer the usual
# questions from the store: a comparison, a checklist, a calendar, Akoma Ntoso, a picture, the graph.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
K=.venv/bin/kehoach
$K batch corpus --out outputs
$K who "vay vốn" --corpus outputs --limit 5 --duties 1
$K compare --basis "49/2020/NĐ-CP" --corpus outputs --out outputs/compare
$K checklist --agency "Công an tỉnh" --as-of 2026-03-01 --format xlsx --out outputs/checklists/cong-an-tinh.xlsx --corpus outputs
$K checklist --all --as-of 2026-03-01 --format docx --out outputs/checklists/docx --corpus outputs
$K calendar --agency "Công an tỉnh" --in "Hưng Yên" --out outputs/calendars/cong-an-tinh.ics --corpus outputs
$K export --akn 000_1cdde12f011c0099 --out outputs/akn/000_1cdde12f011c0099.xml --corpus outputs
$K trace "49/2020/NĐ-CP" --corpus outputs
$K view 000_1cdde12f011c0099 --out outputs/views --corpus outputs
$K graph --out outputs/graph.graphml --corpus outputs
echo "The web app on the same store: $K serve --corpus outputs   (then open http://127.0.0.1:8080/)"
