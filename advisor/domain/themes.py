"""Themes of the strategy catalogue (``docs/retention-model.md``, strategy themes): KPI
definitions, findings and playbooks name the themes that address them by these ids."""

from __future__ import annotations

from advisor.i18n import N_

THEME_NAMES: dict[str, str] = {
    "onboarding": N_("onboarding and time-to-value"),
    "service": N_("service excellence"),
    "loyalty": N_("loyalty programmes"),
    "habit": N_("habit building"),
    "win-back": N_("win-back campaigns"),
    "early-warning": N_("early-warning signals"),
    "personalisation": N_("personalisation"),
    "communication": N_("communication plan"),
    "referral": N_("referral and advocacy"),
    "feedback": N_("feedback loop"),
    "quality": N_("quality assurance"),
    "community": N_("community and value beyond the sale"),
}
