"""Suppliers: how many, new versus returning, local, small, and one supplier's profile."""

from metrics.catalog.spending import SALES_AND_CURRENCY
from metrics.registry import Metric, Text, group_by, limit, local_municipalities

METRICS = (
    Metric(
        id="supplier_count",
        theme="suppliers",
        unit="count",
        title=Text("Fornecedores contratados", "Awarded suppliers"),
        methodology=Text(
            "Conta os fornecedores distintos (pelo identificador normalizado, p.ex. CNPJ) com ao menos uma "
            "adjudicação válida, por grupo.",
            "Counts distinct suppliers (by normalized identifier, e.g. CNPJ) with at least one valid award, per group.",
        ),
        why_it_matters=Text(
            "Uma base de fornecedores ampla reduz a dependência e aumenta a competição.",
            "A broad supplier base reduces dependence and increases competition.",
        ),
        not_meaning=Text(
            "Mais fornecedores não é sempre melhor: compras consolidadas podem ter poucos fornecedores e bons preços.",
            "More suppliers is not always better: consolidated purchases can have few suppliers and good prices.",
        ),
        exclusions=Text(
            "Adjudicações canceladas ou sem sucesso, leilões e valores fora da moeda principal ficam de fora; "
            "fornecedores sem identificador contam pelo nome.",
            "Cancelled or unsuccessful awards, auctions and amounts outside the main currency are left out; "
            "suppliers without an identifier count by name.",
        ),
        fields=("/awards[]/suppliers[]/id",),
        params=(group_by(),),
    ),
    Metric(
        id="new_suppliers",
        theme="suppliers",
        unit="count",
        title=Text("Fornecedores novos e recorrentes", "New and returning suppliers"),
        methodology=Text(
            "Um fornecedor é novo no mês de sua primeira adjudicação válida em toda a base; nos meses seguintes "
            "é recorrente. Por grupo: fornecedores novos, recorrentes e a parcela de novos.",
            "A supplier is new in the month of its first valid award in the whole database; in later months it is "
            "returning. Per group: new suppliers, returning suppliers and the share of new ones.",
        ),
        why_it_matters=Text(
            "Mostra se as compras atraem empresas novas ou giram sempre entre as mesmas.",
            "Shows whether purchases attract new firms or always circle among the same ones.",
        ),
        not_meaning=Text(
            "\u201cNovo\u201d quer dizer novo nestes dados: um fornecedor antigo parece novo se os dados começam "
            "depois de suas vitórias.",
            "\u201cNew\u201d means new in this data: an old supplier looks new if the data starts after its wins.",
        ),
        exclusions=Text(
            "Adjudicações canceladas ou sem sucesso e leilões ficam de fora; processos sem data de referência não "
            "contam como novos.",
            "Cancelled or unsuccessful awards and auctions are left out; processes without a reference date do "
            "not count as new.",
        ),
        fields=("/awards[]/suppliers[]/id",),
        params=(group_by("month"),),
    ),
    Metric(
        id="local_supplier_share",
        theme="suppliers",
        unit="share",
        title=Text("Fornecedores locais", "Local suppliers"),
        methodology=Text(
            "Um fornecedor é local quando o município do seu endereço (`address.locality`, no processo ou no "
            "cadastro) está na região local da cidade (arquivo da cidade: a própria cidade e os municípios da "
            "região), comparado sem acentos nem maiúsculas. Parcela por quantidade de fornecedores e por valor "
            "adjudicado; `home_suppliers` conta os da própria cidade.",
            "A supplier is local when the municipality of its address (`address.locality`, in the process or the "
            "register) is in the city's local region (city file: the city itself and the region's "
            "municipalities), compared ignoring accents and case. Share by number of suppliers and by awarded "
            "value; `home_suppliers` counts those in the city itself.",
        ),
        why_it_matters=Text(
            "Comprar de empresas da região gera emprego e renda locais; é meta da gestão ampliar essa parcela.",
            "Buying from firms in the region creates local jobs and income; growing this share is a goal of the "
            "administration.",
        ),
        not_meaning=Text(
            "Não mede preço nem qualidade, e a lei não permite preferir fornecedores pela localização, salvo nos "
            "casos previstos (p.ex. art. 48 da LC 123 para ME/EPP).",
            "It measures neither price nor quality, and the law does not allow preferring suppliers by location "
            "except in the cases it provides (e.g. art. 48 of LC 123 for small firms).",
        ),
        exclusions=Text(
            "Fornecedores sem endereço publicado contam no total e em `unknown_location`, nunca como locais; "
            "leilões, adjudicações canceladas e outras moedas ficam de fora.",
            "Suppliers with no published address count in the total and in `unknown_location`, never as local; "
            "auctions, cancelled awards and other currencies are left out.",
        ),
        fields=("/parties[]/address/locality", "/awards[]/suppliers[]/id"),
        params=(group_by(), local_municipalities()),
    ),
    Metric(
        id="small_supplier_share",
        theme="suppliers",
        unit="share",
        title=Text("Micro e pequenas empresas (ME/EPP)", "Micro and small enterprises"),
        methodology=Text(
            "Entre fornecedores com porte publicado (`parties.details.scale`), a parcela de micro e pequenas "
            "empresas (micro, sme, small, selfEmployed), por quantidade e por valor adjudicado, por grupo e moeda.",
            "Among suppliers whose size is published (`parties.details.scale`), the share of micro and small "
            "enterprises (micro, sme, small, selfEmployed), by count and by awarded value, per group and currency.",
        ),
        why_it_matters=Text(
            "A LC 123/2006 dá tratamento diferenciado a ME/EPP nas compras públicas; a parcela mostra se ele chega "
            "a elas.",
            "Brazilian law (LC 123/2006) gives small firms preferential treatment in public purchasing; the share "
            "shows whether it reaches them.",
        ),
        not_meaning=Text(
            "O porte é o declarado pelo publicador naquele processo; não é verificado contra a Receita Federal.",
            "The size is the one the publisher declared in that process; it is not checked against the tax register.",
        ),
        exclusions=Text(
            "Fornecedores sem porte publicado ficam de fora da parcela; leilões, adjudicações canceladas e outras "
            "moedas também.",
            "Suppliers with no published size are left out of the share; so are auctions, cancelled awards and "
            "other currencies.",
        ),
        fields=("/parties[]/details/scale", "/awards[]/suppliers[]/id"),
        params=(group_by(),),
    ),
    Metric(
        id="supplier_profile",
        theme="suppliers",
        unit="rows",
        title=Text("Perfil do fornecedor", "Supplier profile"),
        methodology=Text(
            "Uma linha por fornecedor: processos em que participou (licitante, proponente ou vencedor), processos "
            "que venceu, taxa de vitória, valor adjudicado na moeda principal, secretarias e categorias atendidas, "
            "primeira e última vitória. Com o filtro de fornecedor, só ele; para a evolução no tempo use "
            "awarded_value por mês com o mesmo filtro.",
            "One row per supplier: processes it took part in (tenderer, bidder or winner), processes it won, win "
            "rate, awarded value in the main currency, secretariats and categories served, first and last win. "
            "With the supplier filter, only that one; for value over time use awarded_value by month with the same "
            "filter.",
        ),
        why_it_matters=Text(
            "Permite ver de quem a prefeitura compra, quanto e onde, e se um fornecedor vence sempre que participa.",
            "Shows whom the city buys from, how much and where, and whether a supplier wins every time it bids.",
        ),
        not_meaning=Text(
            "Taxa de vitória alta não é irregularidade; muitos publicadores só informam o vencedor, o que eleva a "
            "taxa artificialmente.",
            "A high win rate is not wrongdoing; many publishers only report the winner, which inflates the rate.",
        ),
        exclusions=SALES_AND_CURRENCY,
        fields=("/awards[]/suppliers[]/id",),
        params=(limit(50),),
    ),
)
