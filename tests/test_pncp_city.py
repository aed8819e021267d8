"""City settings: Mogi das Cruzes' file is complete and valid; a wrong file says what to do."""

from __future__ import annotations

import pytest

from loaders.city import load_city
from loaders.errors import LoaderError


def ibge_check_digit_ok(code: str) -> bool:
    """IBGE municipality codes end in a check digit (weights 1,2,1,2,1,2; digits of each product summed)."""
    total = sum(sum(divmod(int(d) * (1 if i % 2 == 0 else 2), 10)) for i, d in enumerate(code[:6]))
    return len(code) == 7 and (10 - total % 10) % 10 == int(code[6])


def cnpj_check_digits_ok(cnpj: str) -> bool:
    def digit(base: str) -> int:
        weights = list(range(len(base) - 7, 1, -1)) + list(range(9, 1, -1))
        remainder = sum(int(d) * w for d, w in zip(base, weights, strict=True)) % 11
        return 0 if remainder < 2 else 11 - remainder

    return len(cnpj) == 14 and digit(cnpj[:12]) == int(cnpj[12]) and digit(cnpj[:13]) == int(cnpj[13])


def test_mogi_das_cruzes_settings():
    city = load_city("mogi-das-cruzes")
    assert (city.name, city.uf, city.ibge, city.cnpj) == ("Mogi das Cruzes", "SP", "3530607", "46523270000188")
    assert cnpj_check_digits_ok(city.cnpj) and ibge_check_digit_ok(city.ibge)
    assert city.ocid_prefix.startswith("ocds-") and city.license.startswith("https://")
    assert city.ibge in city.local_ibge and all(map(ibge_check_digit_ok, city.local_ibge))
    assert len(city.local_ibge) == len(city.local_municipalities) == 11


def test_another_city_is_another_file(tmp_path):
    path = tmp_path / "outra.toml"
    path.write_text(
        '[city]\nname = "Outra"\nuf = "SP"\nibge = "3552502"\ncnpj = "11.222.333/0001-81"\n'
        'publisher = "Prefeitura de Outra"\nlicense = "https://creativecommons.org/licenses/by/4.0/"\n'
        'ocid_prefix = "ocds-abc123"\n',
        encoding="utf-8",
    )
    city = load_city(path)
    assert city.cnpj == "11222333000181" and city.local_ibge == ()


def test_missing_or_incomplete_city_says_what_to_do(tmp_path):
    with pytest.raises(LoaderError, match=r"no such city file\. Known cities: .*mogi-das-cruzes"):
        load_city("atlantida")
    incomplete = tmp_path / "x.toml"
    incomplete.write_text('[city]\nname = "X"\n', encoding="utf-8")
    with pytest.raises(LoaderError, match="lacks uf, ibge, cnpj, publisher, license, ocid_prefix"):
        load_city(incomplete)
