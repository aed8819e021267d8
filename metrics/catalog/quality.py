"""Data quality and openness: which key fields each publisher publishes, and so which metrics its data supports."""

from metrics.registry import Metric, Text, group_by

METRICS = (
    Metric(
        id="field_coverage",
        theme="quality",
        unit="share",
        title=Text("Cobertura dos campos OCDS", "OCDS field coverage"),
        methodology=Text(
            "Para cada publicador, etapa (planejamento, licitação, propostas, adjudicação, contrato, execução) e "
            "campo-chave: quantos processos publicam o campo não vazio, a parcela dos processos do publicador e "
            'quantas ocorrências não vazias há, contadas como no `ocdscardinal.coverage()` (vazio = nulo, "", [] '
            "ou {}); no total ou por mês do processo.",
            "For each publisher, stage (planning, tender, bids, award, contract, implementation) and key field: "
            "how many processes publish the field non-empty, the share of the publisher's processes, and how many "
            'non-empty occurrences there are, counted as `ocdscardinal.coverage()` counts them (empty = null, "", '
            "[] or {}); overall or per month of the process.",
        ),
        why_it_matters=Text(
            "Cada indicador depende de campos publicados; a cobertura mostra o que os dados permitem medir e o que "
            "o publicador precisa publicar para permitir o resto.",
            "Each indicator depends on published fields; coverage shows what the data can measure and what the "
            "publisher needs to publish to enable the rest.",
        ),
        not_meaning=Text(
            "Campo presente não quer dizer campo correto: a cobertura não verifica o conteúdo.",
            "A field being present does not mean it is right: coverage does not check the content.",
        ),
        exclusions=Text(
            "Só os campos da lista de verificação (loaders/derived.sql, contados na carga); conta o release "
            "compilado de cada processo.",
            "Only the fields of the checklist (loaders/derived.sql, counted at load time); it counts each "
            "process's compiled release.",
        ),
        params=(group_by(choices=("none", "month")),),
        fields=("/ocid",),
    ),
)
