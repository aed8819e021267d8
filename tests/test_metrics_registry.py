"""The registry is complete: every metric has its SQL file, texts in pt-BR and English, and bound parameters only."""

import re

import pytest

from loaders.postprocess import DERIVED_SQL
from metrics import registry
from metrics.runner import RUNNER_VALUES, sql_path

# Words common in one language and not the other: a text left untranslated fails.
LANGUAGE_HINTS = {
    "pt": re.compile(r"[ãçéêíóõú]|\b(de|do|da|dos|das|um|uma|que|com|sem|em|ao|por|se|ou|mostra)\b", re.IGNORECASE),
    "en": re.compile(r"\b(the|of|and|is|are|an|it|to|by|or|with|on|from|for|not|does|was|can|who)\b", re.IGNORECASE),
}


@pytest.mark.parametrize("metric", registry.METRICS.values(), ids=list(registry.METRICS))
def test_metric_is_complete(metric):
    assert sql_path(metric.id).exists(), f"metrics/sql/{metric.id}.sql is missing"
    for name, text in metric.texts().items():
        assert text.pt.strip() and text.en.strip(), f"{metric.id}.{name} lacks a translation"
        assert text.pt != text.en, f"{metric.id}.{name}: the pt-BR text is the English one"
        if name != "title":
            assert LANGUAGE_HINTS["pt"].search(text.pt), f"{metric.id}.{name}: pt text does not look Portuguese"
            assert LANGUAGE_HINTS["en"].search(text.en), f"{metric.id}.{name}: en text does not look English"
    assert metric.fields and all(field.startswith("/") for field in metric.fields)
    assert metric.unit in {"count", "money", "share", "days", "index", "rows", "flag"}


@pytest.mark.parametrize("metric", registry.METRICS.values(), ids=list(registry.METRICS))
def test_sql_uses_only_declared_parameters(metric):
    """Every $name in the SQL is a parameter of the metric (or a bound setting, or a value the runner binds); nothing
    is formatted in."""
    sql = sql_path(metric.id).read_text(encoding="utf-8")
    placeholders = re.findall(r"\{\s*[A-Za-z_]\w*\s*\}", re.sub(r"--.*", "", sql))
    assert not placeholders, f"SQL files are never templates: {placeholders}"
    used = set(re.findall(r"\$([a-z_][a-z0-9_]*)", sql))
    allowed = set(metric.all_params()) | set(metric.settings) | set(RUNNER_VALUES)
    assert used <= allowed, f"{metric.id}: undeclared parameters {used - allowed}"


@pytest.mark.parametrize(
    "metric", [m for m in registry.METRICS.values() if m.theme == "red_flags"], ids=lambda metric: metric.id
)
def test_a_red_flag_declares_the_groups_its_sql_names(metric):
    """flag_counts runs only the indicators that flag processes when a page counts processes: `subjects` must be
    right, or a page would leave flags out."""
    sql = re.sub(r"--.*", "", sql_path(metric.id).read_text(encoding="utf-8"))
    named = set(re.findall(r"'(OCID|Buyer|ProcuringEntity|Tenderer)'", sql))
    assert named == set(metric.subjects)


def test_every_sql_file_is_a_metric():
    files = {path.stem for path in sql_path("x").parent.glob("*.sql")}
    assert files == set(registry.METRICS)


def test_every_field_a_metric_needs_is_on_the_coverage_checklist():
    """Support is computed from field_coverage, so each needed field must be one it counts."""
    checklist_sql = DERIVED_SQL.read_text(encoding="utf-8")
    checklist = set(re.findall(r'AS "[a-z]+ ([^"]+)"', checklist_sql)) | {"/ocid"}
    assert len(checklist) == 38
    needed = {path for metric in registry.METRICS.values() for field in metric.fields for path in field.split("|")}
    assert needed - checklist == set()
