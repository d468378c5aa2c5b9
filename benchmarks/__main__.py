"""Run every benchmark: ``python -m benchmarks``."""

from benchmarks import startup

if __name__ == "__main__":
    startup.main()
