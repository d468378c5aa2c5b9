"""Reference bands: the status a value gets, which band applies to a business, and the bundled
band file (every band usable, sourced and explained in both languages)."""

from __future__ import annotations

import pytest

from advisor.domain.bands import Band, Status, pick_band, sector_key
from advisor.domain.kpis import BY_ID, compute_kpis, context_for
from advisor.domain.project import BusinessModel
from advisor.paths import demo_project
from advisor.storage.project_file import load_project
from advisor.storage.reference_bands import load_reference_data


def band(kpi: str = "retention_rate", **changes: object) -> Band:
    values: dict[str, object] = {"good": 80, "critical": 60, "higher_is_better": True}
    values.update(changes)
    return Band(kpi, source={"en": "test"}, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (100, Status.GOOD),
        (80, Status.GOOD),  # at the good line: good
        (79.9, Status.WATCH),
        (60, Status.WATCH),  # at the critical line: still watch
        (59.9, Status.CRITICAL),
        (0, Status.CRITICAL),
    ],
)
def test_status_where_higher_is_better(value: float, expected: Status) -> None:
    assert band(good=80, critical=60).status(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, Status.GOOD),
        (5, Status.GOOD),  # at the good line: good
        (5.1, Status.WATCH),
        (10, Status.WATCH),  # at the critical line: still watch
        (10.1, Status.CRITICAL),
        (100, Status.CRITICAL),
    ],
)
def test_status_where_lower_is_better(value: float, expected: Status) -> None:
    churn = band("churn_rate", good=5, critical=10, higher_is_better=False)
    assert churn.status(value) == expected


def test_status_with_negative_thresholds() -> None:
    nps = band("nps", good=0, critical=-10)
    assert [nps.status(v) for v in (0, -1, -10, -11)] == [
        Status.GOOD,
        Status.WATCH,
        Status.WATCH,
        Status.CRITICAL,
    ]


GENERAL = band(good=80)
SUBSCRIPTION = band(good=90, business_model="subscription")
RETAIL = band(good=63, sector="retail")
OTHER_KPI_RETAIL = band("nps", good=40, sector="retail")
# Most specific last, so the choice cannot come from the order alone.
BANDS = [OTHER_KPI_RETAIL, GENERAL, SUBSCRIPTION, RETAIL]


@pytest.mark.parametrize(
    ("sector", "model", "expected"),
    [
        ("retail", "subscription", RETAIL),  # sector first
        ("retail", None, RETAIL),
        ("hospitality", "subscription", SUBSCRIPTION),  # no hospitality band: business model
        (None, "subscription", SUBSCRIPTION),
        (None, "repeat_retail", GENERAL),  # no band for that model: general
        (None, None, GENERAL),
    ],
)
def test_pick_band_prefers_sector_then_business_model_then_general(
    sector: str | None, model: str | None, expected: Band
) -> None:
    assert pick_band(BANDS, "retention_rate", sector, model) is expected


def test_pick_band_never_borrows_another_kpis_band() -> None:
    assert pick_band(BANDS, "nps", "retail", None) is OTHER_KPI_RETAIL
    assert pick_band(BANDS, "nps", "hospitality", None) is None
    assert pick_band(BANDS, "csat", "retail", "subscription") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Coffee roasting and retail", "retail"),
        ("Boulangerie", "retail"),
        ("Café or restaurant", "hospitality"),
        ("Logiciel SaaS", "software"),
        ("LOGICIEL saas", "software"),
        ("", None),
        ("Something nobody lists", None),
    ],
)
def test_sector_recognised_from_english_and_french_text(text: str, expected: str | None) -> None:
    assert sector_key(text, load_reference_data().sectors) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "bar" must not match inside "barber"/"barbier": these are consumer services, not bars.
        ("Barber shop", "consumer_services"),
        ("Salon de coiffure et barbier", "consumer_services"),
        # A bakery that also has a café corner is still a bakery (the test factory's profile).
        ("Bakery & café", "retail"),
    ],
)
def test_sector_words_inside_other_words_do_not_mislead(text: str, expected: str) -> None:
    assert sector_key(text, load_reference_data().sectors) == expected


def test_bundled_bands_are_usable() -> None:
    reference = load_reference_data()
    sector_keys = {sector.key for sector in reference.sectors}
    models = {model.value for model in BusinessModel}
    assert reference.bands
    for item in reference.bands:
        where = (item.kpi, item.sector, item.business_model)
        definition = BY_ID.get(item.kpi)
        assert definition is not None, where
        # A band that disagrees with its KPI on "which way is better" would flip every status.
        assert item.higher_is_better == definition.higher_is_better, where
        if item.higher_is_better:
            assert item.good >= item.critical, where
        else:
            assert item.good <= item.critical, where
        assert item.sector is None or item.sector in sector_keys, where
        assert item.business_model is None or item.business_model in models, where
        assert item.source_in("en").strip(), where
        assert item.source_in("fr") != item.source_in("en"), where
        assert item.caveat.get("en", "").strip(), where
        assert item.caveat.get("fr", "").strip(), where
        assert item.caveat["en"] != item.caveat["fr"], where


def test_every_kpi_with_a_band_has_a_general_band() -> None:
    # Whatever the sector and model, a KPI that has bands at all gets one.
    bands = load_reference_data().bands
    for kpi in {item.kpi for item in bands}:
        assert pick_band(bands, kpi, None, None) is not None, kpi


def test_demo_project_gets_the_retail_retention_band() -> None:
    project = load_project(demo_project("en"))
    model = project.profile.business_model
    context = context_for(project.profile.sector, model and model.value, load_reference_data())
    result = compute_kpis(project.kpi_periods[0], context)["retention_rate"]
    assert result.band is not None and result.band.sector == "retail"
    # Q1: ((1 785 − 205) / 1 720) × 100 = 91.9 %, above the retail line of 63 %
    assert result.status == Status.GOOD


def test_french_demo_gets_the_same_bands_as_the_english_one() -> None:
    # Same coffee roaster, sector written in French ("Torréfaction et vente de café").
    reference = load_reference_data()
    chosen = {}
    for language in ("en", "fr"):
        profile = load_project(demo_project(language)).profile
        model = profile.business_model
        context = context_for(profile.sector, model and model.value, reference)
        chosen[language] = context.bands
    assert chosen["fr"] == chosen["en"]
