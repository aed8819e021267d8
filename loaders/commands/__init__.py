"""One module per CLI verb; each defines a `Command` class (see loaders/__main__.py)."""
