"""Imported order and survey files read with pandas: periods, cohorts, RFM segments, the
at-risk list, and the figures they add to a project."""
