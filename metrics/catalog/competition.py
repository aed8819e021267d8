"""Competition: OCP's competition indicators (bidders, single bid, non-competitive procedures, concentration)."""

from metrics.catalog.spending import GROUPS_WITHOUT_SUPPLIER, SALES_AND_CURRENCY
from metrics.registry import Metric, Text, group_by, top

SPENDING_EXCLUSIONS = SALES_AND_CURRENCY

COMPETITIVE_ONLY = Text(
    "Só processos competitivos (aberto/seletivo; dispensa e inexigibilidade não) com número de licitantes "
    "conhecido; licitações canceladas e leilões ficam de fora.",
    "Only competitive processes (open/selective; not dispensa or inexigibilidade) whose number of tenderers is "
    "known; cancelled tenders and auctions are left out.",
)
# Any one of these gives the number of tenderers (the loader falls back in this order).
TENDERERS = ("/tender/numberOfTenderers|/tender/tenderers[]/id|/bids/details[]/tenderers[]/id",)

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
    Metric(
        id="top_supplier_share",
        theme="competition",
        unit="share",
        title=Text("Parcela dos maiores fornecedores", "Share of the largest suppliers"),
        methodology=Text(
            "Em cada grupo e moeda, soma o valor adjudicado a cada fornecedor, ordena do maior ao menor e divide a "
            "soma dos `top` maiores pelo total.",
            "In each group and currency, sums the awarded value of each supplier, ranks them from largest to "
            "smallest and divides the sum of the `top` largest by the total.",
        ),
        why_it_matters=Text(
            "Mede a concentração: quando poucos fornecedores levam quase tudo, a dependência e o risco de conluio "
            "crescem.",
            "Measures concentration: when a few suppliers take almost everything, dependence and collusion risk grow.",
        ),
        not_meaning=Text(
            "Concentração pode refletir contratos grandes e legítimos (obras, serviços contínuos) ou poucos "
            "fornecedores capazes no mercado.",
            "Concentration can reflect large, legitimate contracts (works, continuous services) or few capable "
            "suppliers in the market.",
        ),
        exclusions=SPENDING_EXCLUSIONS,
        fields=("/awards[]/value/amount", "/awards[]/suppliers[]/id"),
        params=(group_by(choices=GROUPS_WITHOUT_SUPPLIER), top()),
    ),
    Metric(
        id="hhi",
        theme="competition",
        unit="index",
        title=Text("Índice Herfindahl-Hirschman (HHI)", "Herfindahl-Hirschman Index (HHI)"),
        methodology=Text(
            "Em cada grupo e moeda, a soma dos quadrados das participações percentuais de cada fornecedor no valor "
            "adjudicado: de perto de 0 (muitos fornecedores pequenos) a 10.000 (um só fornecedor).",
            "In each group and currency, the sum of the squared percentage shares of each supplier in the awarded "
            "value: from near 0 (many small suppliers) to 10,000 (a single supplier).",
        ),
        why_it_matters=Text(
            "É a medida padrão de concentração de mercado; por secretaria e por categoria mostra onde as compras "
            "dependem de poucos fornecedores (acima de 2.500 é considerado muito concentrado).",
            "It is the standard market-concentration measure; by secretariat and by category it shows where "
            "purchases depend on few suppliers (above 2,500 counts as highly concentrated).",
        ),
        not_meaning=Text(
            "Um grupo com poucas compras tem HHI alto por construção; compare grupos de tamanho parecido.",
            "A group with few purchases has a high HHI by construction; compare groups of similar size.",
        ),
        exclusions=SPENDING_EXCLUSIONS,
        fields=("/awards[]/value/amount", "/awards[]/suppliers[]/id"),
        params=(group_by("secretariat", GROUPS_WITHOUT_SUPPLIER),),
    ),
)
