"""The view's state in the URL, so a copied link opens the same view (filters, language, month, breakdown).

The URL carries raw values (`?publisher=...&procedure_type=pregao&date_from=2024-01-01&lang=en`), never
display labels, so a link means the same thing in either language. The URL is read once, on a session's first
run; after that the widgets own the state and `save()` writes it back to the URL at the end of every run.
`_url_state` keeps each value while its widget is not on the page (Streamlit forgets the state of widgets
that are not drawn, and sees a widget on another page as a new one), so filters survive a change of page.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

# URL key → kind. Every widget whose value belongs in the URL uses its URL key as its widget key.
KEYS = {
    "lang": "text",
    "date_from": "date",
    "date_to": "date",
    "publisher": "text",
    "secretariat": "text",
    "supplier": "text",
    "procedure_type": "text",
    "category": "text",
    "month": "text",
    "group_by": "text",
    "ocid": "text",
    "q": "text",
}
DEFAULTS = {"lang": "pt_BR"}
_SAVED = "_url_state"


def _parse(kind: str, text: str | None):
    if text in (None, ""):
        return None
    if kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None  # an unreadable date in a hand-edited link is ignored, not an error page
    return text


def _serialize(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def restore() -> None:
    """Call first in every run: seed the widget keys from the URL (first run) or from the saved state."""
    if _SAVED not in st.session_state:
        st.session_state[_SAVED] = {
            key: _parse(kind, st.query_params.get(key)) for key, kind in KEYS.items() if st.query_params.get(key)
        }
    saved = st.session_state[_SAVED]
    for key in KEYS:
        if key in st.session_state:  # what the reader just chose in a widget is newer than the saved value
            saved[key] = st.session_state[key]
    for key, value in saved.items():
        # Set again each run: a widget with the same key on another page is another widget to Streamlit,
        # and it starts from a value set this way instead of its default.
        st.session_state[key] = value
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)


def set_values(**values) -> None:
    """Change state from a callback (e.g. 'clear filters', a click on a bar)."""
    for key, value in values.items():
        st.session_state[key] = value
        st.session_state[_SAVED][key] = value


def save() -> None:
    """Call last in every run: write the current values to the URL (defaults and unset values left out)."""
    saved = st.session_state.setdefault(_SAVED, {})
    for key in KEYS:
        if key in st.session_state:
            saved[key] = st.session_state[key]
    wanted = {
        key: _serialize(value) for key, value in saved.items() if value not in (None, "") and DEFAULTS.get(key) != value
    }
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
