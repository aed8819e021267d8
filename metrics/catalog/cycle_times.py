"""Cycle times: how long each step of a contracting process takes."""

from metrics.registry import Metric, Text, group_by

CYCLE_NOT_MEANING = Text(
    "Médias escondem diferenças entre modalidades; datas publicadas podem ser de registro, não do ato.",
    "Averages hide differences between procedures; published dates can be when something was recorded, not done.",
)
CYCLE_EXCLUSIONS = Text(
    "Processos sem uma das datas ficam de fora; durações negativas (datas fora de ordem) contam em `invalid`.",
    "Processes missing either date are left out; negative durations (dates out of order) count in `invalid`.",
)

METRICS = (
    Metric(
        id="tender_period_days",
        theme="cycle_times",
        unit="days",
        title=Text("Prazo de apresentação de propostas", "Tender period length"),
        methodology=Text(
            "Dias entre o início e o fim do período de propostas (`tender.tenderPeriod`)."
            " Média, mediana e quartis por grupo.",
            "Days between the start and end of the tender period (`tender.tenderPeriod`)."
            " Mean, median and quartiles per group.",
        ),
        why_it_matters=Text(
            "Prazos curtos limitam quem consegue preparar proposta; a Lei 14.133 (art. 55) fixa prazos mínimos.",
            "Short periods limit who can prepare a bid; Brazilian law (Lei 14.133, art. 55) sets minimum periods.",
        ),
        not_meaning=CYCLE_NOT_MEANING,
        exclusions=CYCLE_EXCLUSIONS,
        fields=("/tender/tenderPeriod/startDate", "/tender/tenderPeriod/endDate"),
        params=(group_by(),),
    ),
    Metric(
        id="tender_to_award_days",
        theme="cycle_times",
        unit="days",
        title=Text("Do início da licitação à adjudicação", "Tender start to award"),
        methodology=Text(
            "Dias entre o início do período de propostas e a primeira data de adjudicação."
            " Média, mediana e quartis por grupo.",
            "Days between the start of the tender period and the first award date."
            " Mean, median and quartiles per group.",
        ),
        why_it_matters=Text(
            "Mostra quanto tempo a administração leva para decidir uma compra.",
            "Shows how long the administration takes to decide a purchase.",
        ),
        not_meaning=CYCLE_NOT_MEANING,
        exclusions=CYCLE_EXCLUSIONS,
        fields=("/tender/tenderPeriod/startDate", "/awards[]/date"),
        params=(group_by(),),
    ),
    Metric(
        id="award_to_contract_days",
        theme="cycle_times",
        unit="days",
        title=Text("Da adjudicação ao contrato", "Award to contract"),
        methodology=Text(
            "Dias entre a primeira data de adjudicação e a primeira assinatura de contrato (`contracts.dateSigned`)."
            " Média, mediana e quartis por grupo.",
            "Days between the first award date and the first contract signature (`contracts.dateSigned`)."
            " Mean, median and quartiles per group.",
        ),
        why_it_matters=Text(
            "Demoras longas entre decidir e contratar atrasam a entrega e podem indicar negociação posterior.",
            "Long delays between deciding and contracting delay delivery and may signal later negotiation.",
        ),
        not_meaning=CYCLE_NOT_MEANING,
        exclusions=CYCLE_EXCLUSIONS,
        fields=("/awards[]/date", "/contracts[]/dateSigned"),
        params=(group_by(),),
    ),
)
