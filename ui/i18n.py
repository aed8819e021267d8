"""Translations: gettext `_()` with named placeholders, pt-BR by default, English on request.

Message ids are English; `locale/<lang>/LC_MESSAGES/messages.po` holds the translations. The .po files are read
with Babel and compiled in memory, so there is no binary .mo file to keep in step with its source.
The language is per script run (a ContextVar), because Streamlit runs each session in its own thread.
"""

from __future__ import annotations

import gettext
import io
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = {"pt_BR": "Português (Brasil)", "en": "English"}
DEFAULT_LANGUAGE = "pt_BR"
# Babel locale used for numbers, money and dates in each interface language.
BABEL_LOCALES = {"pt_BR": "pt_BR", "en": "en"}

_current_language: ContextVar[str] = ContextVar("painel_language", default=DEFAULT_LANGUAGE)


def normalize_language(value: str | None) -> str:
    """Map what a URL or browser says (`en`, `en-US`, `pt-BR`, `pt`) to one of LANGUAGES."""
    if not value:
        return DEFAULT_LANGUAGE
    value = value.replace("-", "_")
    if value in LANGUAGES:
        return value
    if value.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def set_language(value: str | None) -> str:
    language = normalize_language(value)
    _current_language.set(language)
    return language


def get_language() -> str:
    return _current_language.get()


def babel_locale() -> str:
    return BABEL_LOCALES[get_language()]


@cache
def _translations(language: str) -> gettext.NullTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return gettext.NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _(message: str, **values: object) -> str:
    """Translate `message` into the current language, then fill its {named} placeholders."""
    text = _translations(get_language()).gettext(message)
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, number: int, **values: object) -> str:
    """Singular or plural by `number`; {count} is filled with `number` unless `values` gives it (e.g. formatted)."""
    text = _translations(get_language()).ngettext(singular, plural, number)
    return text.format(**{"count": number, **values})
