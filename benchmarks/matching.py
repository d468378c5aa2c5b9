"""Ranking the playbooks for a business, as the plan step does each time it is shown: the
diagnosis gathered (findings, KPIs of every period, journey stages) and every playbook of the
library scored. Target: under 50 ms, so showing the plan step never waits on it.

The baseline, in the same process, is computing the KPIs of the same periods alone (the part
of the work the KPI step already does), so the ratio tells what matching adds. Every sample
business is measured; the best of 30 runs is compared with the target, the median printed
beside it.
"""

from __future__ import annotations

from advisor.domain.kpis import compute_kpis
from advisor.domain.matching import recommend
from advisor.domain.matching_input import diagnosis_input
from advisor.paths import examples
from advisor.storage.playbooks import bundled_library
from advisor.storage.project_file import load_project
from advisor.storage.references import project_context
from benchmarks.kpis import _timings


def main() -> None:
    library = bundled_library().playbooks
    print(f"Matching {len(library)} playbooks, 30 runs (best / median):")
    for example_id, path in examples("en"):
        project = load_project(path)

        def rank(project=project):  # type: ignore[no-untyped-def]
            return recommend(library, diagnosis_input(project, project_context(project)))

        def kpis_only(project=project):  # type: ignore[no-untyped-def]
            context = project_context(project)
            return [compute_kpis(p, context) for p in project.kpi_periods]

        ranked = _timings(rank)
        baseline = _timings(kpis_only)
        print(
            f"  {example_id:22} {ranked[0]:6.2f} / {ranked[1]:6.2f} ms"
            f"   baseline (KPIs) {baseline[0]:5.2f} / {baseline[1]:5.2f} ms  (target < 50 ms)"
        )


if __name__ == "__main__":
    main()
