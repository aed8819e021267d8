-- small_supplier_share: share of suppliers (by count) and of awarded value going to micro and small enterprises
-- (ME/EPP: details.scale micro, sme, small or selfEmployed), among suppliers whose scale is published,
-- per group and currency. A supplier counts as small in a group when any of its lines there is.
WITH per_supplier AS (  -- one row per supplier of a group: three distinct counts over every line cost more
    SELECT
        group_key($group_by, period_date, secretariat, supplier_id, procedure_type, category, publisher) AS group_value,
        currency,
        supplier_id,
        BOOL_OR(lower(scale) IN ('micro', 'sme', 'small', 'selfemployed')) AS is_small,
        SUM(value) AS value,
        SUM(value) FILTER (WHERE lower(scale) IN ('micro', 'sme', 'small', 'selfemployed')) AS small_value
    FROM supplier_lines
    WHERE scale IS NOT NULL
    GROUP BY ALL
)

SELECT
    group_value AS "group",
    currency,
    COUNT(*) AS suppliers,
    COUNT(*) FILTER (WHERE is_small) AS small_suppliers,
    COUNT(*) FILTER (WHERE is_small) / COUNT(*) AS share_count,
    SUM(value) AS value,
    COALESCE(SUM(small_value), 0) AS small_value,
    COALESCE(SUM(small_value), 0) / NULLIF(SUM(value), 0) AS share_value
FROM per_supplier
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
