"""The metric catalog, one module per theme. Each module exposes METRICS, a tuple of registry.Metric."""
