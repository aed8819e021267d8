"""`python -m metrics` verbs, one module each."""
