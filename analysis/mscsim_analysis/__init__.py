"""Analysis helpers for mscsim output (layout: docs/output-format.md)."""

from .sweep_summary import SUMMARY_FORMAT, SUMMARY_SCHEMA_VERSION, SweepSummary, read_summary
from .trajectory import FORMAT_NAME, SCHEMA_VERSION, Trajectory

__all__ = ["FORMAT_NAME", "SCHEMA_VERSION", "Trajectory",
           "SUMMARY_FORMAT", "SUMMARY_SCHEMA_VERSION", "SweepSummary", "read_summary"]
