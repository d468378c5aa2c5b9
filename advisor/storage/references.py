"""Loading the bundled references (``resources/references.json``): benchmarks and rules of
thumb with their sources, and the sector keywords that pick them."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.domain.references import ReferenceData
from advisor.domain.schema import SchemaError, from_plain
from advisor.paths import RESOURCES

if TYPE_CHECKING:
    from advisor.domain.kpis import KpiContext
    from advisor.domain.project import Project

REFERENCES = RESOURCES / "references.json"


def _french(text: str) -> str:
    """French typography, as playbooks get it, plus no-break thousands ("2 000 sites")."""
    from advisor.storage.playbook_checks import french_spacing

    return re.sub(r"(\d) (\d{3})(?!\d)", "\\1\u202f\\2", french_spacing(text))


#: The population a reference names for whom a business sells to.
CUSTOMERS = {"businesses": "b2b", "consumers": "b2c"}


@cache
def load_reference_data(path: Path = REFERENCES) -> ReferenceData:
    """The references and sector keywords; a damaged file is a bug of ours, so it raises."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data.get("references", []):
            for key in ("population", "caveat"):
                if isinstance(item.get(key), dict) and isinstance(item[key].get("fr"), str):
                    item[key]["fr"] = _french(item[key]["fr"])
        result: ReferenceData = from_plain(ReferenceData, data)
    except (OSError, ValueError, SchemaError) as error:
        raise RuntimeError(f"bundled references unreadable: {path}: {error}") from error
    return result


def project_context(project: Project) -> KpiContext:
    """The references that apply to the project's business (its sector, model and
    customers), for judging its KPIs, and whether its customers buy once in a lifetime."""
    from advisor.domain.kpis import context_for
    from advisor.domain.retention_type import diagnose_project

    profile = project.profile
    model = profile.business_model.value if profile.business_model else None
    customers = CUSTOMERS.get(profile.sells_to)
    one_off = diagnose_project(project).one_off
    return context_for(profile.sector, model, load_reference_data(), customers, one_off)
