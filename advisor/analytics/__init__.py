"""pandas analyses of imported order and survey files (filled by the import issue)."""
