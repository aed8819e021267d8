"""Metrics: quality."""

from metrics.registry import Metric, Text, group_by, limit  # noqa: F401

METRICS: tuple[Metric, ...] = ()
