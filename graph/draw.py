"""A picture of one plan's responsibilities (agencies → tasks → deadlines) and a self-contained
HTML view of it. Everything taken from documents is escaped before it lands in HTML."""
from __future__ import annotations

import html
import io
import textwrap
from pathlib import Path

from .duties import plan_duties
from .queries import ROLE_LABELS
from ..models import Duty, Plan

NO_DEADLINE = "không thời hạn"
ROLE_STYLE = {"lead": ("#1f4e79", "-", 1.6), "requested": ("#c55a11", "-", 1.4), "support": ("#8c8c8c", "--", 0.9)}


def _short(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder="…")


def _figure(plan: Plan, duties: list[Duty]):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # agencies ordered by the mean position of their tasks: fewer crossing lines
    touched: dict[str, list[int]] = {}
    for d in duties:
        touched.setdefault(d.agency.key, []).append(d.task_index)
    agencies = sorted(touched, key=lambda k: (sum(touched[k]) / len(touched[k]), -len(touched[k])))
    names = {d.agency.key: d.agency_name for d in duties}
    tasks = sorted({d.task_index for d in duties})
    dates = sorted({d.deadline for d in duties if d.deadline})
    columns = dates + ([NO_DEADLINE] if any(not d.deadline for d in duties) else [])
    n = max(len(agencies), len(tasks), len(columns), 1)
    fig, ax = plt.subplots(figsize=(15, max(4.0, 0.32 * n + 1.5)))
    ax.set_xlim(0, 14.2)
    ax.set_ylim(-1, n)
    ax.axis("off")

    def ys(count: int) -> list[float]:
        step = n / max(count, 1)
        return [n - (i + 0.5) * step for i in range(count)]

    ay = dict(zip(agencies, ys(len(agencies))))
    ty = dict(zip(tasks, ys(len(tasks))))
    dy = dict(zip(columns, ys(len(columns))))
    for key, y in ay.items():
        ax.text(3.4, y, _short(names[key], 42), ha="right", va="center", fontsize=7.5,
                bbox=dict(boxstyle="round,pad=0.25", fc="#ddebf7", ec="#1f4e79", lw=0.6))
    for i, y in ty.items():
        ax.text(3.9, y, f"{i + 1}. " + _short(plan.tasks[i].text, 105), ha="left", va="center", fontsize=7)
    for label, y in dy.items():
        ax.text(12.45, y, label, ha="left", va="center", fontsize=7.5,
                bbox=dict(boxstyle="round,pad=0.25", fc="#fff2cc", ec="#bf9000", lw=0.6))
    for d in duties:
        color, style, width = ROLE_STYLE[d.role]
        ax.plot([3.45, 3.85], [ay[d.agency.key], ty[d.task_index]], color=color, ls=style, lw=width, alpha=0.8)
    for i in tasks:
        t = plan.tasks[i]
        date = t.deadline.date if t.deadline and t.deadline.date and not t.deadline.recurring else NO_DEADLINE
        if date in dy:
            ax.plot([11.0, 12.4], [ty[i], dy[date]], color="#bf9000", lw=0.6, alpha=0.6)
    title = plan.document.number or plan.file
    ax.set_title(_short(f"{title} — {plan.document.title or ''}", 150), fontsize=10, loc="left")
    handles = [plt.Line2D([], [], color=c, ls=s, lw=w, label=ROLE_LABELS[r]) for r, (c, s, w) in ROLE_STYLE.items()]
    ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=False)
    fig.tight_layout()
    return fig, plt


def plan_picture(plan: Plan, path: Path) -> Path:
    """PNG or SVG by the file's suffix."""
    duties = plan_duties(plan)
    fig, plt = _figure(plan, duties)
    fig.savefig(path, dpi=130 if path.suffix.lower() == ".png" else None)
    plt.close(fig)
    return path


def plan_html(plan: Plan, path: Path) -> Path:
    duties = plan_duties(plan)
    fig, plt = _figure(plan, duties)
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.find("<svg"):]  # drop the XML prolog and doctype: inline SVG
    e = html.escape
    rows = "\n".join(
        f"<tr><td>{e(d.agency_name)}</td><td>{e(ROLE_LABELS[d.role])}</td><td>{e(d.deadline or d.deadline_text or '')}</td>"
        f"<td>{e(d.text)}</td><td>{e(d.section or '')}</td></tr>" for d in duties)
    doc = plan.document
    page = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{e(doc.number or plan.file)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<style>body{{font-family:"Times New Roman",serif;margin:1.5em}}table{{border-collapse:collapse;width:100%}}
td,th{{border:1px solid #999;padding:4px;vertical-align:top;font-size:14px}}th{{background:#ddebf7}}
svg{{max-width:100%;height:auto}}</style></head><body>
<h1>{e(doc.doc_type or 'Kế hoạch')} {e(doc.number or '')}</h1>
<p><b>{e(doc.issuer or '')}</b> · {e(doc.jurisdiction.label if doc.jurisdiction else '')} · {e(doc.date or '')}</p>
<p>{e(doc.title or '')}</p>
{svg}
<h2>Phân công nhiệm vụ ({len(duties)})</h2>
<p><input id="q" placeholder="Lọc…" oninput="f()"></p>
<table id="t"><thead><tr><th>Cơ quan</th><th>Vai trò</th><th>Thời hạn</th><th>Nhiệm vụ</th><th>Mục</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<script>function f(){{var q=document.getElementById('q').value.toLowerCase();
for(const r of document.querySelectorAll('#t tbody tr')){{r.style.display=r.textContent.toLowerCase().includes(q)?'':'none'}}}}</script>
</body></html>
"""
    path.write_text(page, encoding="utf-8")
    return path
