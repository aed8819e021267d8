"""Suppliers: how many, new versus returning, local, small, and one supplier's profile."""

from metrics.registry import Metric, Text, group_by

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
        fields=("/awards[]/suppliers[]/id", "/awards[]/date"),
        params=(group_by("month"),),
    ),
)
