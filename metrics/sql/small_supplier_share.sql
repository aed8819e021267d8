-- small_supplier_share: share of suppliers (by count) and of awarded value going to micro and small enterprises
-- (ME/EPP: details.scale micro, sme, small or selfEmployed), among suppliers whose scale is published,
-- per group and currency.
WITH lines AS (
    SELECT
        *,
        group_key($group_by, period_date, secretariat, supplier_id, procedure_type, category, publisher) AS group_value,
        lower(scale) IN ('micro', 'sme', 'small', 'selfemployed') AS is_small
    FROM supplier_lines
    WHERE scale IS NOT NULL
)

SELECT
    group_value AS "group",
    currency,
    COUNT(DISTINCT supplier_id) AS suppliers,
    COUNT(DISTINCT supplier_id) FILTER (WHERE is_small) AS small_suppliers,
    COUNT(DISTINCT supplier_id) FILTER (WHERE is_small) / COUNT(DISTINCT supplier_id) AS share_count,
    SUM(value) AS value,
    COALESCE(SUM(value) FILTER (WHERE is_small), 0) AS small_value,
    COALESCE(SUM(value) FILTER (WHERE is_small), 0) / NULLIF(SUM(value), 0) AS share_value
FROM lines
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
