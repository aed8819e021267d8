-- hhi: Herfindahl-Hirschman index of suppliers' shares of the awarded value, per group and currency:
-- the sum of squared percentage shares (0 to 10,000). Summed as 10,000 × Σ value² / (Σ value)², which is
-- Σ (100 × value / Σ value)² in one aggregation: the shares needed each group's total first, and DuckDB computed
-- the suppliers' values twice for it (at a million processes, 2 × 0.1 s).
SELECT
    group_value AS "group",
    currency,
    10000 * SUM(value * value) / NULLIF(SUM(value), 0) ^ 2 AS value,
    COUNT(*) AS suppliers,
    SUM(value) AS awarded_value
FROM awarded_by_supplier($group_by)
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
