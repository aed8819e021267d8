"""The vocabulary of the synthetic city: secretariats, procedure types, items, supplier names and places.

Invented for the benchmark (no real company is named); shaped like a Brazilian municipality's purchases under
Lei 14.133/2021 as PNCP publishes them. Weights are rough shares of processes, not measured statistics.
"""

from __future__ import annotations

from dataclasses import dataclass

CITY_NAME = "Prefeitura Municipal de Mogi das Cruzes"
CITY_CNPJ = "46523270000188"
OCID_PREFIX = "ocds-bench0"  # not a registered prefix: marks the data as synthetic
PUBLISHER = "Prefeitura de Mogi das Cruzes (dados sintéticos de benchmark)"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"

# (name, weight): health and education buy most, as in most Brazilian municipalities.
SECRETARIATS = (
    ("Secretaria Municipal de Saúde", 20),
    ("Secretaria Municipal de Educação", 16),
    ("Secretaria Municipal de Infraestrutura Urbana", 8),
    ("Secretaria Municipal de Serviços Urbanos", 7),
    ("Secretaria Municipal de Administração", 6),
    ("Secretaria Municipal de Assistência Social", 5),
    ("Secretaria Municipal de Finanças", 3),
    ("Secretaria Municipal de Cultura e Turismo", 3),
    ("Secretaria Municipal de Esporte e Lazer", 3),
    ("Secretaria Municipal do Verde e Meio Ambiente", 3),
    ("Secretaria Municipal de Mobilidade Urbana", 4),
    ("Secretaria Municipal de Segurança", 4),
    ("Secretaria Municipal de Planejamento e Urbanismo", 2),
    ("Secretaria Municipal de Desenvolvimento Econômico", 2),
    ("Secretaria Municipal de Agricultura", 2),
    ("Secretaria Municipal de Governo", 2),
    ("Secretaria Municipal de Gestão Pública", 3),
    ("Secretaria Municipal de Habitação", 2),
    ("Secretaria Municipal de Inovação, Ciência e Tecnologia", 2),
    ("Secretaria Municipal de Proteção Animal", 1),
)


@dataclass(frozen=True)
class Procedure:
    details: str  # procurementMethodDetails as published
    method: str  # procurementMethod (OCDS codelist)
    weight: float
    value_scale: float  # typical total value of a process, in BRL
    competitive: bool
    sale: bool = False


PROCEDURES = (
    Procedure("Dispensa", "direct", 38, 12_000, False),
    Procedure("Dispensa Eletrônica", "direct", 8, 25_000, False),
    Procedure("Pregão - Eletrônico", "open", 28, 180_000, True),
    Procedure("Pregão - Presencial", "open", 3, 90_000, True),
    Procedure("Inexigibilidade", "direct", 11, 60_000, False),
    Procedure("Concorrência - Eletrônica", "open", 3, 1_500_000, True),
    Procedure("Concorrência - Presencial", "open", 2, 2_500_000, True),
    Procedure("Credenciamento", "limited", 3, 150_000, False),
    Procedure("Leilão - Eletrônico", "open", 1, 80_000, True, sale=True),
    Procedure("Concurso", "open", 0.5, 40_000, True),
    Procedure("Diálogo Competitivo", "selective", 0.2, 3_000_000, True),
)


@dataclass(frozen=True)
class Item:
    description: str
    scheme: str  # CATMAT (goods) or CATSER (services); works use CATSER too
    code: str
    unit: str
    price: float  # typical unit price, BRL
    category: str  # goods, services, works


ITEMS = (
    Item("Papel sulfite A4, 75 g/m², resma com 500 folhas", "CATMAT", "461993", "resma", 28.5, "goods"),
    Item("Caneta esferográfica azul, ponta média", "CATMAT", "279314", "unidade", 1.2, "goods"),
    Item("Dipirona sódica 500 mg/ml, solução injetável, ampola 2 ml", "CATMAT", "267612", "ampola", 0.95, "goods"),
    Item("Amoxicilina 500 mg, cápsula", "CATMAT", "267671", "cápsula", 0.32, "goods"),
    Item("Luva de procedimento em látex, tamanho M, caixa com 100", "CATMAT", "269941", "caixa", 32.0, "goods"),
    Item("Seringa descartável 5 ml com agulha", "CATMAT", "439626", "unidade", 0.55, "goods"),
    Item("Gênero alimentício: arroz tipo 1, pacote 5 kg", "CATMAT", "444950", "pacote", 27.9, "goods"),
    Item("Gênero alimentício: feijão carioca tipo 1, pacote 1 kg", "CATMAT", "444912", "pacote", 8.4, "goods"),
    Item("Leite UHT integral, caixa 1 litro", "CATMAT", "445080", "litro", 5.1, "goods"),
    Item("Cimento Portland CP II, saco 50 kg", "CATMAT", "277510", "saco", 38.0, "goods"),
    Item("Tinta acrílica para piso, galão 3,6 l", "CATMAT", "325412", "galão", 89.0, "goods"),
    Item("Computador desktop, processador 8 núcleos, 16 GB RAM", "CATMAT", "451734", "unidade", 4200.0, "goods"),
    Item("Notebook 14 polegadas, 8 GB RAM, SSD 256 GB", "CATMAT", "451880", "unidade", 3900.0, "goods"),
    Item("Cadeira giratória com braços", "CATMAT", "215650", "unidade", 690.0, "goods"),
    Item("Uniforme escolar: camiseta manga curta", "CATMAT", "381212", "unidade", 18.0, "goods"),
    Item("Kit material escolar ensino fundamental", "CATMAT", "150302", "kit", 95.0, "goods"),
    Item("Pneu 275/80 R22,5 para caminhão", "CATMAT", "236512", "unidade", 1850.0, "goods"),
    Item("Óleo diesel S10", "CATMAT", "391930", "litro", 6.1, "goods"),
    Item("Gasolina comum", "CATMAT", "391925", "litro", 5.8, "goods"),
    Item("Ambulância tipo A, simples remoção", "CATMAT", "418400", "unidade", 310000.0, "goods"),
    Item("Serviço de limpeza e conservação predial", "CATSER", "24708", "mês", 48000.0, "services"),
    Item("Serviço de vigilância patrimonial armada, posto 12 h", "CATSER", "23124", "posto/mês", 14500.0, "services"),
    Item("Serviço de transporte escolar", "CATSER", "15440", "km", 6.9, "services"),
    Item("Serviço de manutenção preventiva e corretiva de veículos", "CATSER", "2771", "hora", 120.0, "services"),
    Item("Serviço de coleta de resíduos sólidos urbanos", "CATSER", "17612", "tonelada", 185.0, "services"),
    Item("Serviço de consulta médica especializada", "CATSER", "18180", "consulta", 110.0, "services"),
    Item("Exame laboratorial: hemograma completo", "CATSER", "18376", "exame", 9.5, "services"),
    Item(
        "Serviço de apresentação artística em evento municipal", "CATSER", "20052", "apresentação", 18000.0, "services"
    ),
    Item("Locação de software de gestão pública", "CATSER", "27502", "mês", 22000.0, "services"),
    Item("Serviço de manutenção de iluminação pública", "CATSER", "16799", "ponto", 95.0, "services"),
    Item("Pavimentação asfáltica em CBUQ", "CATSER", "1970", "m²", 85.0, "works"),
    Item("Reforma de unidade básica de saúde", "CATSER", "2275", "m²", 1450.0, "works"),
    Item("Construção de creche padrão FNDE", "CATSER", "2305", "m²", 3100.0, "works"),
    Item("Drenagem urbana: galeria de águas pluviais", "CATSER", "1902", "metro", 2200.0, "works"),
    Item("Recapeamento de vias urbanas", "CATSER", "1971", "m²", 62.0, "works"),
)

LOCAL_PLACES = (
    ("Mogi das Cruzes", "087"),
    ("Suzano", "086"),
    ("Itaquaquecetuba", "085"),
    ("Arujá", "074"),
    ("Biritiba-Mirim", "089"),
    ("Guararema", "089"),
    ("Poá", "085"),
    ("Ferraz de Vasconcelos", "085"),
)
OTHER_PLACES = (
    ("São Paulo", "SP", "01"),
    ("Guarulhos", "SP", "07"),
    ("Campinas", "SP", "13"),
    ("São José dos Campos", "SP", "12"),
    ("Santo André", "SP", "09"),
    ("Rio de Janeiro", "RJ", "20"),
    ("Curitiba", "PR", "80"),
    ("Belo Horizonte", "MG", "30"),
    ("Porto Alegre", "RS", "90"),
    ("Goiânia", "GO", "74"),
)

NAME_CORES = (
    "Alfa",
    "Atlântica",
    "Serra do Itapeti",
    "Tietê",
    "Paulista",
    "Nova Era",
    "Horizonte",
    "Mogiana",
    "União",
    "Central",
    "Vale do Paraíba",
    "Boa Vista",
    "Santa Clara",
    "São Lucas",
    "Vitória",
    "Cruzeiro",
    "Ipiranga",
    "Primavera",
    "Bandeirantes",
    "Aliança",
    "Líder",
    "Brasil Sul",
    "Jundiapeba",
    "Braz Cubas",
    "César de Souza",
)
NAME_SECTORS = {
    "goods": (
        "Comércio de Materiais",
        "Distribuidora de Medicamentos",
        "Alimentos",
        "Papelaria e Informática",
        "Comércio de Combustíveis",
        "Materiais de Construção",
        "Equipamentos Hospitalares",
        "Uniformes",
    ),
    "services": (
        "Serviços Terceirizados",
        "Serviços Médicos",
        "Transportes",
        "Limpeza e Conservação",
        "Segurança Patrimonial",
        "Tecnologia da Informação",
        "Produções Artísticas",
        "Laboratório",
    ),
    "works": ("Construções", "Engenharia", "Pavimentação", "Construtora e Incorporadora"),
}
NAME_SUFFIXES = ("Ltda", "Ltda.", "Eireli", "S.A.", "ME", "EPP", "Ltda - ME", "Ltda - EPP")
STREETS = (
    "Rua Dr. Deodato Wertheimer",
    "Avenida Voluntário Fernando Pinheiro Franco",
    "Rua Ipiranga",
    "Avenida Japão",
    "Rua Coronel Souza Franco",
    "Avenida Paulista",
    "Rua XV de Novembro",
    "Avenida Brasil",
    "Rua das Flores",
    "Estrada do Evangelho Pleno",
)
