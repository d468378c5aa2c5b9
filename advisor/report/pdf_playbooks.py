"""The chosen playbooks in full, for the appendix: what, why, steps, targets, tools, pitfalls."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Spacer

from advisor.report.model import Report
from advisor.report.pdf_styles import Styles
from advisor.report.pdf_text import Paragraph, esc
from advisor.report.playbook_section import PlaybookText


def _list(title: str, items: Sequence[str], styles: Styles) -> list[Flowable]:
    if not items:
        return []
    flow: list[Flowable] = [Paragraph(f"<b>{esc(title)}</b>", styles.body)]
    flow += [Paragraph(esc(item), styles.bullet, bulletText="•") for item in items]
    return flow


def playbooks(chosen: Sequence[PlaybookText], report: Report, styles: Styles) -> list[Flowable]:
    labels = report.labels
    flow: list[Flowable] = []
    for playbook in chosen:
        head: list[Flowable] = [
            Paragraph(f"<b>{esc(playbook.title)}</b>", styles.h3),
            Paragraph(f"{esc(playbook.theme)} · {esc(playbook.facts)}", styles.small),
            Paragraph(esc(playbook.summary), styles.body),
        ]
        if playbook.why:
            head.append(Paragraph(esc(playbook.why), styles.body))
        flow.append(KeepTogether(head))
        flow += _list(labels["steps"], playbook.steps, styles)
        flow += _list(labels["targets"], playbook.targets, styles)
        flow += _list(labels["tools"], playbook.tools, styles)
        flow += _list(labels["pitfalls"], playbook.pitfalls, styles)
        if playbook.ethics:
            fair = labels["labelled"].format(
                label=f"<b>{esc(labels['ethics'])}</b>", text=esc(playbook.ethics)
            )
            flow.append(Paragraph(fair, styles.body))
        flow.append(Spacer(1, 10))
    return flow
