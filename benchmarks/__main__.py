"""Run every benchmark: ``python -m benchmarks``."""

from benchmarks import kpis, startup

if __name__ == "__main__":
    startup.main()
    kpis.main()
