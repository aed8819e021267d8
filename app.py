"""Painel de Contratações Abertas — entry point: configure the page, pick the language, route every page.

Run with `streamlit run app.py`. On the first run with no database, it is built from the bundled real data
(assets/data/ocds) by the loader. Every page is listed here explicitly.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from ui import db, layout, urlstate
from ui.i18n import LANGUAGES, _, set_language

st.set_page_config(page_title="Painel de Contratações Abertas", page_icon=":material/account_balance:", layout="wide")
urlstate.restore()
if st.session_state["lang"] not in LANGUAGES:  # e.g. ?lang=en-US or ?lang=pt
    st.session_state["lang"] = set_language(st.session_state["lang"])
set_language(st.session_state["lang"])


@st.cache_resource(show_spinner=False)
def ensure_database(path: str) -> str:
    """Build the bundled database once (cache_resource makes concurrent first visits wait for one build).

    It is built beside the target and renamed into place, so a half-built file is never opened."""
    target = Path(path)
    if not target.exists():
        from loaders.bundle import build_bundled_database

        partial = target.with_name(target.name + ".building")
        partial.unlink(missing_ok=True)
        build_bundled_database(partial)
        os.replace(partial, target)
    return path


database = db.database_path()
if not database.exists():
    with st.spinner(_("First run: building the database from the bundled real data (about a minute)…")):
        ensure_database(str(database))

pages = [
    st.Page(
        "pages/overview.py", title=_("Overview"), icon=":material/dashboard:", url_path="visao-geral", default=True
    ),
    st.Page("pages/spending.py", title=_("Spending"), icon=":material/payments:", url_path="gastos"),
    st.Page("pages/secretariats.py", title=_("Secretariats"), icon=":material/account_tree:", url_path="secretarias"),
    st.Page("pages/suppliers.py", title=_("Suppliers"), icon=":material/storefront:", url_path="fornecedores"),
    st.Page("pages/competition.py", title=_("Competition"), icon=":material/groups:", url_path="competicao"),
    st.Page("pages/process.py", title=_("Process"), icon=":material/description:", url_path="processo"),
    st.Page("pages/alerts.py", title=_("Red flags"), icon=":material/flag:", url_path="alertas"),
    st.Page("pages/open_data.py", title=_("Open data"), icon=":material/dataset:", url_path="dados-abertos"),
    st.Page(
        "pages/methodology.py", title=_("Methodology and sources"), icon=":material/menu_book:", url_path="metodologia"
    ),
]
page = st.navigation(pages)
layout.language_switch()
page.run()
urlstate.save()
