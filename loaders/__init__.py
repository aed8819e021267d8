"""Loaders: read published OCDS (files, folders, URLs, paginated APIs) and PNCP into the DuckDB database.

This package never imports streamlit, metrics or pages: data flows one way (see STYLE in README).
"""
