"""Report model and PDF output (filled by the PDF issue)."""
