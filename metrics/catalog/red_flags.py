"""Red flags: OCP Cardinal's definitions (open-contracting/cardinal-rs), so results compare with it, plus Brazilian
ones. A flag is a risk signal that calls for a closer look, never proof of wrongdoing.

Each returns rows (group, id, value) in Cardinal's terms: group is OCID, Buyer, ProcuringEntity or Tenderer; only
flagged subjects appear. Settings come from a Cardinal-style INI or TOML file (metrics/settings.py).
"""

from metrics.registry import Metric, Param, Text

SETTINGS_FILE = Param(
    "settings",
    "text",
    Text("Arquivo de configurações (INI ou TOML)", "Settings file (INI or TOML)"),
)
NOT_GUILT = (
    "Um alerta é um sinal de risco que pede uma análise mais atenta do processo; não prova irregularidade e pode ter "
    "explicação legítima. ",
    "A flag is a risk signal that calls for a closer look at the process; it does not prove wrongdoing and can have "
    "a legitimate explanation. ",
)
CARDINAL_EXCLUSIONS = (
    "Como no Cardinal: licitações canceladas, procurementMethodDetails listados em [exclusions] e valores em outra "
    "moeda que a principal ficam de fora. ",
    "As in Cardinal: cancelled tenders, procurementMethodDetails listed in [exclusions] and amounts in a currency "
    "other than the main one are left out. ",
)


def flag(code, title, methodology, why, not_meaning, exclusions, fields, settings, subjects=("OCID",)):
    """A red-flag metric; texts are (pt, en) pairs. Exclusions start with Cardinal's common ones. `subjects`: the
    groups its rows name (Cardinal's OCID, Buyer, ProcuringEntity, Tenderer); most flag processes only."""
    return Metric(
        id=code.lower(),
        theme="red_flags",
        unit="flag",
        title=Text(f"{code} {title[0]}", f"{code} {title[1]}"),
        methodology=Text(*methodology),
        why_it_matters=Text(*why),
        not_meaning=Text(NOT_GUILT[0] + not_meaning[0], NOT_GUILT[1] + not_meaning[1]),
        exclusions=Text(CARDINAL_EXCLUSIONS[0] + exclusions[0], CARDINAL_EXCLUSIONS[1] + exclusions[1]),
        fields=fields,
        params=(SETTINGS_FILE,),
        settings=(
            *(f"{code.lower()}_{name}" for name in settings),
            "flag_currency",
            "flag_no_price_details",
            "flag_price_details",
            "flag_excluded_details",
            "flag_bid_status_keys",
            "flag_bid_status_values",
            "flag_award_status_keys",
            "flag_award_status_values",
        ),
        subjects=subjects,
    )


BIDS = ("/bids/details[]/status", "/bids/details[]/tenderers[]/id")
PRICED_BIDS = (*BIDS, "/bids/details[]/value/amount", "/awards[]/suppliers[]/id")
BID_RATIO_EXCLUSIONS = (
    "Processos com adjudicação pendente, com mais de uma adjudicação ativa, adjudicação a vários fornecedores, "
    "proposta de vários licitantes, ou em que a proposta vencedora não é a menor.",
    "Processes with a pending award, more than one active award, an award to several suppliers, a bid by several "
    "tenderers, or where the winning bid is not the lowest.",
)

METRICS = (
    flag(
        "R003",
        ("Prazo curto para propostas", "Short submission period"),
        (
            "Duração do período de propostas (tenderPeriod, fim menos início, em dias inteiros) menor que o mínimo: "
            "por procurementMethodDetails, senão por modalidade/categoria (extensão para a Lei 14.133, art. 55, "
            "em dias úteis quando business_days = true), senão o padrão (15 dias, do Cardinal).",
            "Length of the tender period (tenderPeriod, end minus start, in whole days) below the minimum: by "
            "procurementMethodDetails, else by procedure type/category (extension for Lei 14.133 art. 55, in "
            "business days when business_days = true), else the default (15 days, Cardinal's).",
        ),
        (
            "Prazos curtos dificultam a participação de quem não sabia da compra com antecedência.",
            "Short periods make it hard to bid for firms that did not know about the purchase in advance.",
        ),
        (
            "Urgências previstas em lei e republicações podem ter prazos menores.",
            "Urgencies provided by law and re-publications can have shorter periods.",
        ),
        (
            "Processos sem datas de início e fim; só os métodos listados em procurement_methods, quando definido.",
            "Processes without start and end dates; only methods listed in procurement_methods, when set.",
        ),
        ("/tender/tenderPeriod/startDate", "/tender/tenderPeriod/endDate"),
        (
            "threshold",
            "procurement_methods",
            "procurement_method_details_keys",
            "procurement_method_details_values",
            "procedure_type_keys",
            "procedure_type_values",
            "business_days",
        ),
    ),
    flag(
        "R018",
        ("Licitante único", "Single bid received"),
        (
            "O número de licitantes é 1 e o método de contratação é competitivo (procurement_methods, padrão "
            "open|selective). O número vem de numberOfTenderers, senão dos licitantes ou proponentes distintos.",
            "The number of tenderers is 1 and the procurement method is competitive (procurement_methods, default "
            "open|selective). The number comes from numberOfTenderers, else distinct tenderers or bidders.",
        ),
        (
            "Em um procedimento competitivo, a falta de concorrência pode indicar que ela foi suprimida.",
            "In a competitive procedure, a lack of competition can mean competition was suppressed.",
        ),
        (
            "Mercados pequenos ou objetos muito específicos atraem poucos licitantes.",
            "Small markets or very specific purchases attract few tenderers.",
        ),
        ("Processos sem número de licitantes.", "Processes with no number of tenderers."),
        (
            "/tender/numberOfTenderers|/tender/tenderers[]/id|/bids/details[]/tenderers[]/id",
            "/tender/procurementMethod",
        ),
        ("procurement_methods",),
    ),
    flag(
        "R024",
        ("Preço próximo ao vencedor", "Price close to winning bid"),
        (
            "Diferença percentual entre a segunda menor proposta válida e a vencedora ((segunda − vencedora) / "
            "vencedora) menor ou igual à cerca inferior Q1 − 1,5 IQR de todas as diferenças (quartis R-8, como o "
            "Cardinal), ou ao threshold configurado.",
            "Percentage difference between the second-lowest valid bid and the winning bid ((second − winner) / "
            "winner) at or below the lower fence Q1 − 1.5 IQR of all differences (R-8 quartiles, as Cardinal), or "
            "the configured threshold.",
        ),
        (
            "Um licitante em conluio pode simular concorrência com uma proposta de preço parecido ao do parceiro.",
            "A colluding bidder can mimic competition with a bid priced close to its partner's.",
        ),
        (
            "Em mercados com preços de referência públicos, propostas próximas são comuns.",
            "In markets with public reference prices, close bids are common.",
        ),
        BID_RATIO_EXCLUSIONS,
        PRICED_BIDS,
        ("threshold",),
        subjects=("OCID", "Tenderer"),
    ),
    flag(
        "R025",
        ("Excesso de propostas perdedoras", "Excessive unsuccessful bids"),
        (
            "Para cada licitante: vitórias / processos em que apresentou proposta válida. Alerta quando participou "
            "de mais processos que o percentil configurado (padrão 75) e sua razão está abaixo da cerca inferior "
            "Q1 − 1,5 IQR das razões, ou do threshold.",
            "For each tenderer: wins / processes with a valid bid of its own. Flagged when it took part in more "
            "processes than the configured percentile (default 75th) and its ratio is below the lower fence "
            "Q1 − 1.5 IQR of the ratios, or the threshold.",
        ),
        (
            "Quem perde sempre pode estar apresentando propostas de cobertura para um parceiro em conluio.",
            "A bidder that always loses may be submitting cover bids for a colluding partner.",
        ),
        (
            "Empresas novas ou pouco competitivas também perdem muito.",
            "New or less competitive firms also lose a lot.",
        ),
        BID_RATIO_EXCLUSIONS,
        (*BIDS, "/awards[]/suppliers[]/id"),
        ("percentile", "threshold"),
        subjects=("Tenderer",),
    ),
    flag(
        "R028",
        ("Propostas com preços idênticos", "Identical bid prices"),
        (
            "Duas propostas apresentadas no mesmo processo têm o mesmo valor e moeda, vindas de licitantes "
            "diferentes. O processo e cada um desses licitantes recebem o alerta.",
            "Two submitted bids in a process have the same amount and currency, from different tenderers. The "
            "process and each of those tenderers are flagged.",
        ),
        (
            "Preços idênticos de concorrentes independentes são improváveis e sugerem combinação.",
            "Identical prices from independent competitors are unlikely and suggest coordination.",
        ),
        (
            "Preços tabelados ou de catálogo podem coincidir sem combinação.",
            "Listed or catalogue prices can coincide without coordination.",
        ),
        (
            "Propostas convidadas ou retiradas; processos cujos lances não comparam preço (configuração).",
            "Invited or withdrawn bids; processes whose bids do not compare on price (settings).",
        ),
        (*BIDS, "/bids/details[]/value/amount"),
        (),
        subjects=("OCID", "Tenderer"),
    ),
    flag(
        "R030",
        ("Proposta tardia vencedora", "Late bid won"),
        (
            "Uma proposta válida com data posterior ao fim do período de propostas foi apresentada por um "
            "fornecedor de adjudicação ativa.",
            "A valid bid dated after the end of the tender period was submitted by a supplier of an active award.",
        ),
        (
            "Aceitar proposta fora do prazo pode favorecer um licitante que conheceu as demais.",
            "Accepting a late bid can favour a bidder that saw the others.",
        ),
        (
            "Prorrogações de prazo nem sempre são publicadas na data de fim.",
            "Extensions of the deadline are not always published in the end date.",
        ),
        ("Processos sem data de fim, adjudicações ou propostas.", "Processes without an end date, awards or bids."),
        (*BIDS, "/bids/details[]/date", "/tender/tenderPeriod/endDate", "/awards[]/suppliers[]/id"),
        (),
    ),
    flag(
        "R035",
        ("Todas as propostas desclassificadas exceto a vencedora", "All except winning bid disqualified"),
        (
            "Em um processo com adjudicações finais, um único licitante tem propostas válidas, ele é o fornecedor "
            "adjudicado, e ao menos threshold (padrão 1) outros licitantes foram desclassificados. O valor é o "
            "número desses outros.",
            "In a process with final awards, a single tenderer has valid bids, it is the awarded supplier, and at "
            "least threshold (default 1) other tenderers were disqualified. The value is the number of those "
            "others.",
        ),
        (
            "Desclassificar todos os outros pode ser uma forma de direcionar a compra.",
            "Disqualifying all others can be a way to steer the purchase.",
        ),
        (
            "Propostas que não atendem ao edital devem mesmo ser desclassificadas.",
            "Bids that do not meet the tender requirements must indeed be disqualified.",
        ),
        (
            "Processos com adjudicação pendente; mais de um licitante válido.",
            "Processes with a pending award; more than one valid tenderer.",
        ),
        (*BIDS, "/awards[]/suppliers[]/id"),
        ("threshold",),
    ),
    flag(
        "R036",
        ("Menor proposta desclassificada", "Lowest bid disqualified"),
        (
            "Em um processo com adjudicação ativa, a menor proposta apresentada (na moeda principal) foi "
            "desclassificada.",
            "In a process with an active award, the lowest submitted bid (in the main currency) was disqualified.",
        ),
        (
            "Quando o critério é menor preço, desclassificar a menor proposta encarece a compra e pode favorecer "
            "outro licitante.",
            "When price is the criterion, disqualifying the lowest bid makes the purchase dearer and can favour "
            "another bidder.",
        ),
        (
            "Propostas inexequíveis ou fora das especificações devem ser desclassificadas.",
            "Unfeasibly low or non-compliant bids must be disqualified.",
        ),
        ("Propostas convidadas ou retiradas.", "Invited or withdrawn bids."),
        ("/bids/details[]/status", "/bids/details[]/value/amount", "/awards[]/status"),
        (),
    ),
    flag(
        "R038",
        ("Excesso de propostas desclassificadas", "Excessive disqualified bids"),
        (
            "Razão entre propostas desclassificadas e apresentadas por comprador, unidade compradora e licitante; "
            "alerta quando maior ou igual à cerca superior Q3 + 1,5 IQR do seu grupo, ou ao threshold. Mínimos: "
            "minimum_submitted_bids (licitantes) e minimum_contracting_processes (comparado, como no Cardinal, "
            "com o número de propostas).",
            "Ratio of disqualified to submitted bids per buyer, procuring entity and tenderer; flagged at or above "
            "the upper fence Q3 + 1.5 IQR of its group, or the threshold. Minimums: minimum_submitted_bids "
            "(tenderers) and minimum_contracting_processes (compared, as in Cardinal, with the number of bids).",
        ),
        (
            "Um comprador pode favorecer alguém desclassificando os outros; um licitante pode simular concorrência "
            "com propostas propositalmente inválidas.",
            "A buyer can favour someone by disqualifying others; a bidder can mimic competition with deliberately "
            "invalid bids.",
        ),
        (
            "Exigências técnicas rigorosas elevam as desclassificações legitimamente.",
            "Strict technical requirements legitimately raise disqualifications.",
        ),
        ("Grupos cuja cerca não é maior que zero.", "Groups whose fence is not above zero."),
        (*BIDS, "/buyer/id"),
        ("threshold", "minimum_submitted_bids", "minimum_contracting_processes"),
        subjects=("Buyer", "ProcuringEntity", "Tenderer"),
    ),
    flag(
        "R048",
        ("Fornecedor heterogêneo", "Heterogeneous supplier"),
        (
            "Para cada fornecedor, número de classificações distintas (primeiros digits caracteres de "
            "awards.items.classification.id) dos itens adjudicados a ele; alerta quando maior ou igual à cerca "
            "superior Q3 + 1,5 IQR, ou ao threshold.",
            "For each supplier, the number of distinct classifications (first digits characters of "
            "awards.items.classification.id) of the items awarded to it; flagged at or above the upper fence "
            "Q3 + 1.5 IQR, or the threshold.",
        ),
        (
            "Um fornecedor que vende de tudo pode ser intermediário sem capacidade própria.",
            "A supplier that sells everything may be an intermediary without its own capacity.",
        ),
        (
            "Distribuidores e atacadistas legítimos vendem itens variados.",
            "Legitimate distributors and wholesalers sell varied items.",
        ),
        (
            "Adjudicações a vários fornecedores; fornecedores com menos de minimum_contracting_processes (padrão 20) "
            "processos.",
            "Awards to several suppliers; suppliers in fewer than minimum_contracting_processes (default 20) "
            "processes.",
        ),
        ("/awards[]/suppliers[]/id", "/awards[]/items[]/classification/id"),
        ("digits", "threshold", "minimum_contracting_processes"),
        subjects=("Tenderer",),
    ),
    flag(
        "R058",
        ("Proposta com grande desconto", "Heavily discounted bid"),
        (
            "Diferença percentual entre a segunda menor proposta válida e a vencedora maior ou igual à cerca "
            "superior Q3 + 1,5 IQR de todas as diferenças, ou ao threshold.",
            "Percentage difference between the second-lowest valid bid and the winning bid at or above the upper "
            "fence Q3 + 1.5 IQR of all differences, or the threshold.",
        ),
        (
            "Uma proposta muito abaixo das outras pode ser inexequível ou esconder qualidade inferior.",
            "A bid far below the others can be unfeasible or hide lower quality.",
        ),
        (
            "Ganhos de eficiência reais também produzem descontos grandes.",
            "Real efficiency gains also produce large discounts.",
        ),
        BID_RATIO_EXCLUSIONS,
        PRICED_BIDS,
        ("threshold",),
        subjects=("OCID", "Tenderer"),
    ),
    flag(
        "BR01",
        ("Dispensas repetidas acima do limite", "Repeated direct purchases above the limit"),
        (
            "Compras por dispensa de um mesmo fornecedor por uma mesma secretaria cuja soma adjudicada em uma "
            "janela móvel de window_days (padrão 365) dias atinge o limite do art. 75 da Lei 14.133 do ano (inciso "
            "I para obras, II para o resto; tabela metrics/tables/dispensa_thresholds.csv), com ao menos "
            "minimum_purchases compras na janela.",
            "Purchases by dispensa from one supplier by one secretariat whose awarded sum over a moving window of "
            "window_days (default 365) days reaches that year's limit of Lei 14.133 art. 75 (inciso I for works, "
            "II otherwise; table metrics/tables/dispensa_thresholds.csv), with at least minimum_purchases purchases "
            "in the window.",
        ),
        (
            "Dividir uma compra em várias dispensas menores (fracionamento) evita a licitação obrigatória.",
            "Splitting a purchase into several smaller direct purchases avoids the mandatory tender.",
        ),
        (
            "A lei soma por exercício e por objeto de mesma natureza, não por fornecedor; compras emergenciais "
            "(art. 75, VIII) e outras hipóteses não dependem do valor.",
            "The law sums per fiscal year and per object of the same nature, not per supplier; emergency purchases "
            "(art. 75, VIII) and other cases do not depend on value.",
        ),
        (
            "Compras sem fornecedor ou data; só as modalidades em procedure_types (padrão dispensa).",
            "Purchases without a supplier or date; only the procedure types in procedure_types (default dispensa).",
        ),
        ("/tender/procurementMethodDetails", "/awards[]/value/amount", "/awards[]/suppliers[]/id"),
        ("window_days", "minimum_purchases", "procedure_types", "thresholds_file"),
    ),
    flag(
        "BR02",
        ("Valor vencedor próximo ao estimado", "Winning value close to the estimate"),
        (
            "Em processo competitivo com valor estimado acima de zero, o valor adjudicado atinge ratio (padrão "
            "95%) do estimado, ambos na moeda principal. O valor do alerta é adjudicado / estimado.",
            "In a competitive process with an estimate above zero, the awarded value reaches ratio (default 95%) "
            "of the estimate, both in the main currency. The flag's value is awarded / estimate.",
        ),
        (
            "Vitória quase pelo preço máximo sugere pouca disputa de preço ou estimativa conhecida pelo vencedor.",
            "Winning at almost the maximum price suggests little price competition or an estimate the winner knew.",
        ),
        (
            "Estimativas bem feitas, com base em preços de mercado, naturalmente ficam próximas do vencedor.",
            "Good estimates based on market prices are naturally close to the winning price.",
        ),
        (
            "Processos não competitivos, sem estimativa ou com orçamento sigiloso (valor zero).",
            "Non-competitive processes, without an estimate or with a confidential budget (zero value).",
        ),
        ("/tender/value/amount", "/awards[]/value/amount"),
        ("ratio",),
    ),
    flag(
        "BR03",
        ("Aditivo acima de 25%", "Amendment above 25%"),
        (
            "O valor atual do contrato supera o primeiro valor publicado (release mais antiga que o traz) em mais "
            "de limit (padrão 25%, art. 125 da Lei 14.133).",
            "The contract's current value exceeds its first published value (earliest release that gives it) by "
            "more than limit (default 25%, Lei 14.133 art. 125).",
        ),
        (
            "Acréscimos acima do limite legal desvirtuam a licitação original.",
            "Increases above the legal limit distort the original tender.",
        ),
        (
            "Reforma de edifício ou equipamento admite até 50%; reajustes e repactuações não são aditivos de "
            "quantidade.",
            "Refurbishment of buildings or equipment allows up to 50%; price adjustments are not quantity amendments.",
        ),
        (
            "Processos publicados só como release compilada (sem versões); contratos sem valor inicial positivo.",
            "Processes published only as a compiled release (no versions); contracts with no positive initial value.",
        ),
        ("/contracts[]/value/amount",),
        ("limit",),
    ),
)
