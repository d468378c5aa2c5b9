"""References: which one applies to a business, how sectors are recognised, and the bundled
file (every reference identified, usable and explained in both languages)."""

from __future__ import annotations

import pytest

from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.kpis import context_for
from advisor.domain.project import BusinessModel
from advisor.domain.references import (
    Basis,
    Business,
    Reference,
    Statistic,
    pick_reference,
    sector_key,
)
from advisor.domain.verdicts import FACT_OF
from advisor.paths import demo_project
from advisor.storage.project_file import load_project
from advisor.storage.references import load_reference_data


def ref(kpi: str = "retention_rate", **changes: object) -> Reference:
    values: dict[str, object] = {
        "id": f"{kpi}-{len(changes)}-{sorted(changes.items())}",
        "basis": Basis.YEAR,
        "statistic": Statistic.AVERAGE,
        "publisher": "P",
        "title": "T",
        "typical": 60,
    }
    values.update(changes)
    return Reference(kpi=kpi, **values)  # type: ignore[arg-type]


RETAIL = ref(sector="retail")
SUBSCRIPTION_B2B = ref("churn_rate", business_model="subscription", customers="b2b")
SUBSCRIPTION = ref("churn_rate", business_model="subscription")
GENERAL = ref()
OTHER_KPI = ref("nps", sector="retail")
REFERENCES = [OTHER_KPI, GENERAL, SUBSCRIPTION, SUBSCRIPTION_B2B, RETAIL]
KEPT = ("retention_rate", "churn_rate")


@pytest.mark.parametrize(
    ("business", "expected"),
    [
        (Business("retail", "subscription"), RETAIL),  # the sector first
        (Business("retail"), RETAIL),
        (Business("hospitality", "subscription", "b2b"), SUBSCRIPTION_B2B),
        (Business(None, "subscription"), SUBSCRIPTION),  # customers unknown: not the B2B one
        (Business(None, "subscription", "b2c"), SUBSCRIPTION),
        (Business(None, "repeat_retail"), GENERAL),
        (Business(), GENERAL),
    ],
)
def test_the_most_specific_reference_measured_on_such_businesses(
    business: Business, expected: Reference
) -> None:
    assert pick_reference(REFERENCES, KEPT, business) is expected


def test_a_reference_never_applies_to_businesses_it_did_not_measure() -> None:
    b2b_only = [SUBSCRIPTION_B2B]
    assert pick_reference(b2b_only, KEPT, Business(None, "subscription")) is None
    assert pick_reference(b2b_only, KEPT, Business(None, "repeat_retail", "b2b")) is None
    assert pick_reference(REFERENCES, ("csat",), Business("retail")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Coffee roasting and retail", "retail"),
        ("Boulangerie", "retail"),
        ("Café or restaurant", "hospitality"),
        ("Logiciel SaaS", "software"),
        ("LOGICIEL saas", "software"),
        ("Barber shop", "consumer_services"),  # "bar" is not a word of "barber"
        ("Salon de coiffure et barbier", "consumer_services"),
        ("Bakery & café", "retail"),
        ("", None),
        ("Something nobody lists", None),
    ],
)
def test_sector_recognised_from_english_and_french_text(text: str, expected: str | None) -> None:
    assert sector_key(text, load_reference_data().sectors) == expected


def test_every_bundled_reference_has_its_whole_identity() -> None:
    data = load_reference_data()
    sector_keys = {sector.key for sector in data.sectors}
    models = {model.value for model in BusinessModel}
    ids = [r.id for r in data.references]
    assert len(ids) == len(set(ids))
    for r in data.references:
        assert r.kpi in BY_ID, r.id
        assert r.sector is None or r.sector in sector_keys, r.id
        assert r.business_model is None or r.business_model in models, r.id
        assert r.customers in (None, "b2b", "b2c"), r.id
        for language in ("en", "fr"):
            assert r.population.get(language, "").strip(), (r.id, language)
            assert r.caveat.get(language, "").strip(), (r.id, language)
        assert r.population["en"] != r.population["fr"], r.id
        if r.is_rule_of_thumb:
            assert r.good is not None, r.id
        else:
            # A measured benchmark names who published it, what and when.
            assert r.publisher and r.title and r.year, r.id
            assert r.typical is not None and r.tolerance >= 0, r.id
        if r.publisher:
            assert r.title, r.id
        if r.kpi in FACT_OF or r.kpi == "nrr":
            assert r.basis in (Basis.MONTH, Basis.QUARTER, Basis.YEAR), r.id


def test_the_english_and_french_demo_get_the_same_references() -> None:
    reference = load_reference_data()
    chosen = {}
    for language in ("en", "fr"):
        profile = load_project(demo_project(language)).profile
        model = profile.business_model
        context = context_for(profile.sector, model and model.value, reference)
        chosen[language] = context.references
    assert chosen["fr"] == chosen["en"]
    # A coffee roaster: no churn benchmark is measured on shops, only rules of thumb apply
    assert "churn_rate" not in chosen["en"] and "retention_rate" not in chosen["en"]
    assert {"nps", "csat", "ces"} <= set(chosen["en"])
    assert "ltv_cac" not in chosen["en"]  # Skok's 3 : 1 is a subscription software rule


def test_retention_and_churn_share_one_reference() -> None:
    context = context_for("Software", "subscription", load_reference_data(), "b2b")
    assert context.references["retention_rate"] is context.references["churn_rate"]
