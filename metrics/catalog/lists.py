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
    Metric(
        id="process_savings",
        theme="lists",
        unit="rows",
        title=Text("Economia por processo", "Savings per process"),
        methodology=Text(
            "Uma linha por processo com valor estimado acima de zero e valor adjudicado na moeda principal: "
            "estimado, adjudicado, economia e economia como parcela do estimado; maiores economias primeiro.",
            "One row per process with an estimate above zero and an awarded value in the main currency: "
            "estimated, awarded, savings and savings as a share of the estimate; largest savings first.",
        ),
        why_it_matters=Text(
            "Liga a economia agregada aos processos que a produzem.",
            "Links the aggregate savings to the processes that produce them.",
        ),
        not_meaning=Text(
            "Economia alta pode vir de uma estimativa inflada; negativa é compra acima do estimado.",
            "High savings can come from an inflated estimate; negative savings is buying above the estimate.",
        ),
        exclusions=Text(
            "Processos sem estimativa, estimativa zero ou sem adjudicação válida, leilões e outras moedas.",
            "Processes with no estimate, a zero estimate or no valid award, auctions and other currencies.",
        ),
        fields=("/tender/value/amount", "/awards[]/value/amount"),
        params=(limit(100),),
    ),
)
