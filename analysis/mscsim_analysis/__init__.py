"""Analysis helpers for mscsim output (layout: docs/output-format.md)."""

from .trajectory import FORMAT_NAME, SCHEMA_VERSION, Trajectory

__all__ = ["FORMAT_NAME", "SCHEMA_VERSION", "Trajectory"]
