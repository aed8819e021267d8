"""PNCP (Portal Nacional de Contratações Públicas) → OCDS 1.1.

- `client`: a polite HTTP client for PNCP's public APIs (timeouts, retries honouring Retry-After, on-disk cache).
- `fetch`: walks the listings (one modalidade per query, every page) and each purchase's items and results.
- `convert`: PNCP records → OCDS 1.1 releases (mapping documented in docs/pncp-mapping.md).
- `export`: writes what is loaded as an OCDS publication (release package + record package).
"""

BASE_URL_ENV = "PNCP_BASE_URL"  # the PNCP address to call instead of pncp.gov.br (the tests' local server)
