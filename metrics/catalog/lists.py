"""Lists: rows for tables, not statistics."""

from metrics.registry import Metric, Text, limit

METRICS = (
    Metric(
        id="process_list",
        theme="lists",
        unit="rows",
        title=Text("Lista de processos", "Process list"),
        methodology=Text(
            "Uma linha por processo que passa pelos filtros, do mais recente ao mais antigo: título, secretaria, "
            "modalidade, situação, valor estimado, valor adjudicado (soma das adjudicações válidas na moeda "
            "principal), fornecedores e datas.",
            "One row per process that passes the filters, newest first: title, secretariat, procedure, status, "
            "estimated value, awarded value (sum of valid awards in the main currency), suppliers and dates.",
        ),
        why_it_matters=Text(
            "Permite ir de cada número ao processo que o compõe.",
            "Lets you go from every number to the processes behind it.",
        ),
        not_meaning=Text(
            "A ordem é por data, não por importância ou risco.",
            "The order is by date, not by importance or risk.",
        ),
        exclusions=Text(
            "Nenhuma além dos filtros; valores em outra moeda aparecem no valor estimado com sua moeda, mas não no "
            "adjudicado.",
            "None beyond the filters; amounts in another currency show in the estimated value with their currency, "
            "but not in the awarded value.",
        ),
        fields=("/ocid", "/tender/title"),
        params=(limit(100),),
    ),
)
