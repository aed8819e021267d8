"""Competition: OCP's competition indicators (bidders, single bid, non-competitive procedures, concentration)."""

from metrics.registry import Metric, Param, Text, group_by

COMPETITIVE_ONLY = Text(
    "Só processos competitivos (aberto/seletivo; dispensa e inexigibilidade não) com número de licitantes "
    "conhecido; licitações canceladas e leilões ficam de fora.",
    "Only competitive processes (open/selective; not dispensa or inexigibilidade) whose number of tenderers is "
    "known; cancelled tenders and auctions are left out.",
)
TENDERERS = ("/tender/numberOfTenderers",)

METRICS = (
    Metric(
        id="non_competitive_share",
        theme="competition",
        unit="share",
        title=Text("Participação de compras sem competição", "Share of non-competitive procedures"),
        methodology=Text(
            "Entre os processos de método conhecido, a parcela sem competição aberta (métodos limitado e direto, "
            "dispensa e inexigibilidade da Lei 14.133), por quantidade e por valor (valor adjudicado, senão "
            "estimado, na moeda principal).",
            "Among processes whose method is known, the share run without open competition (limited and direct "
            "methods, and the Brazilian dispensa and inexigibilidade), by count and by value (awarded value, else "
            "estimated, in the main currency).",
        ),
        why_it_matters=Text(
            "Compras diretas são legais em casos definidos, mas quanto maior sua parcela, menos a administração "
            "se beneficia da disputa de preços.",
            "Direct purchases are lawful in defined cases, but the larger their share, the less the administration "
            "benefits from price competition.",
        ),
        not_meaning=Text(
            "Uma parcela alta não indica irregularidade: emergências, valores baixos e fornecedores exclusivos "
            "justificam compras diretas.",
            "A high share does not indicate wrongdoing: emergencies, low values and sole suppliers justify direct "
            "purchases.",
        ),
        exclusions=Text(
            "Processos sem método informado e leilões ficam de fora.",
            "Processes with no method published, and auctions, are left out.",
        ),
        fields=("/tender/procurementMethod",),
        params=(group_by(),),
    ),
    Metric(
        id="single_bid_share",
        theme="competition",
        unit="share",
        title=Text("Participação de licitações com um só licitante", "Share of single-bid tenders"),
        methodology=Text(
            "Entre processos competitivos com número de licitantes conhecido, a parcela com exatamente um "
            "licitante, por quantidade e por valor. O número de licitantes é `tender.numberOfTenderers`, senão os "
            "licitantes distintos, senão os proponentes distintos.",
            "Among competitive processes whose number of tenderers is known, the share with exactly one tenderer, "
            "by count and by value. The number is `tender.numberOfTenderers`, else distinct tenderers, else "
            "distinct bidders.",
        ),
        why_it_matters=Text(
            "Uma licitação aberta com um só participante não teve disputa: é o indicador de competição mais usado "
            "no mundo.",
            "An open tender with one participant had no contest: it is the most widely used competition indicator.",
        ),
        not_meaning=Text(
            "Não prova direcionamento: mercados pequenos ou objetos muito específicos atraem poucos licitantes.",
            "It does not prove steering: small markets or very specific purchases attract few tenderers.",
        ),
        exclusions=COMPETITIVE_ONLY,
        fields=TENDERERS,
        params=(group_by(),),
    ),
    Metric(
        id="bidders_per_process",
        theme="competition",
        unit="count",
        title=Text("Licitantes por processo", "Bidders per process"),
        methodology=Text(
            "Média e mediana do número de licitantes dos processos competitivos em que ele é conhecido.",
            "Mean and median number of tenderers in competitive processes where it is known.",
        ),
        why_it_matters=Text(
            "Mais licitantes costumam significar preços melhores e menos espaço para conluio.",
            "More bidders usually mean better prices and less room for collusion.",
        ),
        not_meaning=Text(
            "A média não diz nada sobre um processo individual; a mediana resiste melhor a poucos processos muito "
            "disputados.",
            "The mean says nothing about any single process; the median resists a few very contested processes better.",
        ),
        exclusions=COMPETITIVE_ONLY,
        fields=TENDERERS,
        params=(group_by(),),
    ),
)

_ = Param  # used by later metrics in this module
