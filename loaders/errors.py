"""The loader's errors. Each message names the file or URL, the place in it, and what to do next."""


class LoaderError(Exception):
    """Base class: anything that stops a load. The database is left exactly as it was before the load."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SourceError(LoaderError):
    """The input is not readable OCDS (malformed JSON, not OCDS, unsupported archive member...)."""


class FetchError(LoaderError):
    """An HTTP source failed after retries (status, timeout, or a body that is not JSON)."""


class NotOCDSError(SourceError):
    """Valid JSON that is not OCDS. Skipped (and counted) inside a folder; an error for a file named on its own."""
