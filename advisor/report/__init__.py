"""The printed action plan: a report model built from the project (every text in the report's
language), then laid out as a PDF with reportlab."""
