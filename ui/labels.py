"""Display names for codes found in the data (procedure types, categories, filter names), in the UI language.

Codes not listed here are shown as published: a publisher's own label is better than a wrong translation.
"""

from __future__ import annotations

from ui.i18n import _


def procedure(code: str | None) -> str:
    names = {
        "pregao": _("Pregão (reverse auction)"),
        "concorrencia": _("Concorrência (open tender)"),
        "concurso": _("Concurso (design contest)"),
        "leilao": _("Leilão (sale auction)"),
        "dialogo_competitivo": _("Diálogo competitivo (competitive dialogue)"),
        "dispensa": _("Dispensa (direct purchase, exempt)"),
        "inexigibilidade": _("Inexigibilidade (direct purchase, no competition possible)"),
        "credenciamento": _("Credenciamento (accreditation)"),
        "pre_qualificacao": _("Pré-qualificação (pre-qualification)"),
        "manifestacao_interesse": _("Manifestação de interesse (expression of interest)"),
        "inaplicabilidade": _("Inaplicabilidade (law not applicable)"),
        "open": _("Open procedure"),
        "selective": _("Selective procedure"),
        "limited": _("Limited procedure"),
        "direct": _("Direct award"),
    }
    if code is None:
        return _("Unknown")
    return names.get(code, code)


def category(code: str | None) -> str:
    names = {"goods": _("Goods"), "works": _("Works"), "services": _("Services")}
    if code is None:
        return _("Unknown")
    return names.get(code, code)


def filter_name(key: str) -> str:
    names = {
        "date_from": _("From"),
        "date_to": _("To"),
        "publisher": _("Publisher"),
        "secretariat": _("Secretariat / buying unit"),
        "supplier": _("Supplier"),
        "procedure_type": _("Procedure type"),
        "category": _("Category"),
    }
    return names.get(key, key)


def group(group_by: str, value: str | None) -> str:
    """The label of one group of a metric grouped by `group_by`."""
    if group_by == "procedure_type":
        return procedure(value)
    if group_by == "category":
        return category(value)
    if value is None:
        return _("Unknown")
    return str(value)
