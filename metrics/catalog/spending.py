"""Spending: how much was awarded, contracted and paid, and the savings against the estimate."""

from metrics.registry import GROUP_BY_CHOICES, Metric, Text, group_by

GROUPS_WITHOUT_SUPPLIER = tuple(choice for choice in GROUP_BY_CHOICES if choice != "supplier")

SALES_AND_CURRENCY = Text(
    "Leilões e alienações (receita, não gasto) ficam de fora; só entram valores na moeda principal do publicador "
    "(valores em outra moeda são contados à parte no estado dos dados, nunca somados); prêmios cancelados ou "
    "sem sucesso não entram.",
    "Auctions and disposals (revenue, not spending) are left out; only amounts in the publisher's main currency are "
    "summed (amounts in another currency are counted apart in the data status, never added); cancelled or "
    "unsuccessful awards are left out.",
)

METRICS = (
    Metric(
        id="process_count",
        theme="spending",
        unit="count",
        title=Text("Processos de contratação", "Contracting processes"),
        methodology=Text(
            "Conta os processos (ocid) que passam pelos filtros. Cada processo é contado na data de referência "
            "(primeira adjudicação, senão início da licitação, senão data da publicação). Agrupado por fornecedor, "
            "um processo conta uma vez para cada fornecedor vencedor.",
            "Counts the processes (ocid) that pass the filters. Each process counts on its reference date (first "
            "award, else tender start, else release date). Grouped by supplier, a process counts once for each "
            "winning supplier.",
        ),
        why_it_matters=Text(
            "Dá a escala de tudo o mais: quantas compras a prefeitura fez no período e em cada área.",
            "Gives the scale of everything else: how many purchases were made in the period and in each area.",
        ),
        not_meaning=Text(
            "Não mede valor nem eficiência; muitos processos pequenos podem valer menos que um grande.",
            "It measures neither value nor efficiency; many small processes may be worth less than one large one.",
        ),
        exclusions=Text(
            "Nenhuma: leilões também são processos e entram na contagem.",
            "None: auctions are processes too and are counted.",
        ),
        fields=("/ocid",),
        params=(group_by(),),
    ),
    Metric(
        id="awarded_value",
        theme="spending",
        unit="money",
        title=Text("Valor adjudicado", "Awarded value"),
        methodology=Text(
            "Soma `awards.value.amount` das adjudicações válidas, por grupo e moeda. Uma adjudicação a vários "
            "fornecedores (consórcio) é dividida igualmente entre eles, para que a soma por fornecedor feche com "
            "o total.",
            "Sums `awards.value.amount` of valid awards, per group and currency. An award to several suppliers "
            "(a consortium) is divided equally among them, so totals by supplier add up to the overall total.",
        ),
        why_it_matters=Text(
            "É o valor que a administração decidiu comprar de cada fornecedor: a base para ver para onde vai o "
            "dinheiro.",
            "It is the value the administration decided to buy from each supplier: the basis for seeing where the "
            "money goes.",
        ),
        not_meaning=Text(
            "Não é o valor pago: contratos podem ser menores, aditados ou não executados.",
            "It is not the amount paid: contracts can be smaller, amended or never executed.",
        ),
        exclusions=SALES_AND_CURRENCY,
        fields=("/awards[]/value/amount",),
        params=(group_by(),),
    ),
    Metric(
        id="contracted_value",
        theme="spending",
        unit="money",
        title=Text("Valor contratado", "Contracted value"),
        methodology=Text(
            "Soma `contracts.value.amount` dos contratos não cancelados, por grupo e moeda, atribuídos aos "
            "fornecedores da adjudicação que originou o contrato.",
            "Sums `contracts.value.amount` of contracts that are not cancelled, per group and currency, attributed "
            "to the suppliers of the award the contract comes from.",
        ),
        why_it_matters=Text(
            "É o compromisso firmado: o que a administração se obrigou a pagar.",
            "It is the commitment signed: what the administration is bound to pay.",
        ),
        not_meaning=Text(
            "Não é o valor pago, e não inclui aditivos que o publicador não reflita no valor do contrato.",
            "It is not the amount paid, and misses amendments the publisher does not reflect in the contract value.",
        ),
        exclusions=Text(
            "Contratos cancelados, leilões e valores fora da moeda principal ficam de fora.",
            "Cancelled contracts, auctions and amounts outside the main currency are left out.",
        ),
        fields=("/contracts[]/value/amount",),
        params=(group_by(),),
    ),
    Metric(
        id="paid_value",
        theme="spending",
        unit="money",
        title=Text("Valor pago", "Paid value"),
        methodology=Text(
            "Soma as transações de execução (`contracts.implementation.transactions`) dos contratos que as "
            "publicam, por grupo e moeda, ao lado do valor contratado desses mesmos contratos.",
            "Sums the implementation transactions (`contracts.implementation.transactions`) of contracts that "
            "publish them, per group and currency, beside the contracted value of those same contracts.",
        ),
        why_it_matters=Text(
            "Mostra quanto do contratado virou pagamento, onde o publicador informa a execução.",
            "Shows how much of what was contracted became payment, where the publisher reports execution.",
        ),
        not_meaning=Text(
            "Ausência de pagamentos publicados não quer dizer que nada foi pago: muitos publicadores não "
            "informam a execução.",
            "No published payments does not mean nothing was paid: many publishers do not report execution.",
        ),
        exclusions=Text(
            "Só contratos com transações publicadas; contratos cancelados, leilões e outras moedas ficam de fora.",
            "Only contracts with published transactions; cancelled contracts, auctions and other currencies are "
            "left out.",
        ),
        fields=("/contracts[]/implementation/transactions[]/value/amount",),
        params=(group_by(),),
    ),
    Metric(
        id="savings",
        theme="spending",
        unit="money",
        title=Text("Economia sobre o valor estimado", "Savings against the estimate"),
        methodology=Text(
            "Para processos com valor estimado (`tender.value`) acima de zero e valor adjudicado, ambos na moeda "
            "principal: soma dos estimados, soma dos adjudicados, a diferença (economia) e a economia como parcela "
            "do estimado, por grupo e moeda.",
            "For processes with an estimated value (`tender.value`) above zero and an awarded value, both in the "
            "main currency: the sum of estimates, the sum of awards, the difference (savings) and the savings as a "
            "share of the estimate, per group and currency.",
        ),
        why_it_matters=Text(
            "Mostra quanto a disputa reduziu o preço em relação à pesquisa de preços da administração.",
            "Shows how much competition lowered the price against the administration's own price research.",
        ),
        not_meaning=Text(
            "Economia alta pode indicar estimativa inflada, não só boa negociação, ou adjudicação parcial (quando só "
            "parte dos itens ou lotes é adjudicada, o estimado inclui o resto); economia negativa é compra acima "
            "do estimado.",
            "High savings can mean an inflated estimate, not only good bargaining, or a partial award (when only "
            "some items or lots are awarded, the estimate includes the rest); negative savings is buying above the "
            "estimate.",
        ),
        exclusions=Text(
            "Processos sem estimativa, com estimativa zero (p.ex. orçamento sigiloso) ou sem adjudicação válida, "
            "leilões e outras moedas ficam de fora.",
            "Processes with no estimate, a zero estimate (e.g. confidential budget) or no valid award, auctions "
            "and other currencies are left out.",
        ),
        fields=("/tender/value/amount", "/awards[]/value/amount"),
        params=(group_by(choices=GROUPS_WITHOUT_SUPPLIER),),
    ),
)
