"""Run every benchmark: ``python -m benchmarks``."""

from benchmarks import export, imports, journey, kpi_step, kpis, matching, startup

if __name__ == "__main__":
    startup.main()
    kpis.main()
    kpi_step.main()
    matching.main()
    imports.main()
    export.main()
    journey.main()
