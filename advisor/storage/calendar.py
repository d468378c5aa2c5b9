"""The plan in the calendar: each action with a due date as an all-day event on that day
(its owner, KPI target and its playbook's steps in the description), and the review meeting,
written as an iCalendar file (RFC 5545) with the ``icalendar`` library and read back before it
replaces anything."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.domain.playbooks import Playbook
from advisor.domain.project import ActionStatus, Project
from advisor.i18n import N_, translator
from advisor.storage.atomic_write import ProjectFileError, write_atomic

if TYPE_CHECKING:
    from icalendar import Component


def plan_calendar(
    project: Project, language: str, playbooks: dict[str, Playbook], now: dt.datetime
) -> bytes:
    """The iCalendar file of ``project``'s plan: one event a due action (dropped ones left
    out), and one for the review."""
    from icalendar import Calendar, Event  # loads only when a calendar is written

    t = translator(language).gettext
    business = project.profile.name or t(N_("Untitled project"))
    calendar = Calendar()
    calendar.add("prodid", "-//Retention Advisor//Retention plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", t(N_("{business} — retention plan")).format(business=business))
    for action in project.plan.actions:
        if action.due is None or action.status == ActionStatus.DROPPED:
            continue
        lines = []
        if action.owner:
            lines.append(t(N_("Owner: {owner}")).format(owner=action.owner))
        if action.kpi_target:
            lines.append(t(N_("Target: {target}")).format(target=action.kpi_target))
        playbook = playbooks.get(action.playbook_id)
        if playbook is not None:
            lines.append(t(N_("Steps:")))
            lines += [
                t(N_("Day {day}: {step}")).format(
                    day=step.delay_days, step=step.title.get(language)
                )
                for step in playbook.steps
            ]
        if action.notes:
            lines.append(action.notes)
        calendar.add_component(
            _event(Event, f"action-{action.id}", action.title, action.due, "\n".join(lines), now)
        )
    if project.plan.review_date is not None:
        title = t(N_("Review of the retention plan — {business}")).format(business=business)
        open_count = sum(1 for a in project.plan.actions if a.status != ActionStatus.DONE)
        text = t(N_("Compare the figures with the plan; {count} actions still open.")).format(
            count=open_count
        )
        calendar.add_component(_event(Event, "review", title, project.plan.review_date, text, now))
    data: bytes = calendar.to_ical()
    return data


def _event(
    kind: type[Component], key: str, title: str, day: dt.date, text: str, now: dt.datetime
) -> Component:
    event = kind()
    digest = hashlib.sha1(f"{key}|{title}".encode()).hexdigest()[:16]  # stable: re-imports update
    event.add("uid", f"{digest}@retention-advisor")
    event.add("dtstamp", now)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", title)
    if text:
        event.add("description", text)
    return event


def write_calendar(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` once it reads back as a calendar (atomic, as every file)."""
    from icalendar import Calendar

    try:
        Calendar.from_ical(data)
    except ValueError as error:  # never expected: the file would not open in a calendar
        raise ProjectFileError(path, str(error)) from None
    write_atomic(path, data, keep_backup=False)
