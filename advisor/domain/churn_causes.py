"""The six reasons customers leave (domain brief §4); the diagnosis issue adds symptoms."""

from __future__ import annotations

from advisor.i18n import N_

CHURN_CAUSES: dict[str, str] = {
    "context": N_("Change of context"),
    "fit": N_("No problem/solution fit"),
    "misalignment": N_("Needs moved on"),
    "quality": N_("Lack of quality"),
    "experience": N_("Poor customer experience"),
    "activation": N_("Weak activation"),
}
