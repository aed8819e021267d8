"""Errors raised by the metric library. Each message says what was asked and what to do instead."""


class MetricError(Exception):
    """Base class: a metric or lookup could not be run as asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnknownMetricError(MetricError):
    """The metric (or lookup) id is not in the registry."""


class ParameterError(MetricError):
    """A parameter is unknown to the metric, or its value has the wrong type or is not an allowed choice."""


class SettingsError(MetricError):
    """A red-flag settings file cannot be read or holds an unknown or invalid setting."""
