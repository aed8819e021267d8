-- local_supplier_share: share of suppliers (by count) and of awarded value going to suppliers located in the
-- local region (`local_municipalities`, matched on the address locality without accents or case), per group and
-- currency; `home` counts those in the city itself (the first municipality of the list).
WITH region AS (
    SELECT
        strip_accents(lower(trim(name))) AS locality_key,
        position = 1 AS is_home
    FROM (SELECT UNNEST($local_municipalities::VARCHAR[]) AS name, GENERATE_SUBSCRIPTS($local_municipalities::VARCHAR[], 1) AS position)
),

lines AS (
    SELECT
        l.*,
        group_key(
            $group_by, l.period_date, l.secretariat, l.supplier_id, l.procedure_type, l.category, l.publisher
        ) AS group_value,
        r.locality_key IS NOT NULL AS is_local,
        COALESCE(r.is_home, FALSE) AS is_home
    FROM supplier_lines AS l
    LEFT JOIN region AS r ON r.locality_key = strip_accents(lower(trim(l.locality)))
)

SELECT
    group_value AS "group",
    currency,
    COUNT(DISTINCT supplier_id) AS suppliers,
    COUNT(DISTINCT supplier_id) FILTER (WHERE is_local) AS local_suppliers,
    COUNT(DISTINCT supplier_id) FILTER (WHERE is_home) AS home_suppliers,
    COUNT(DISTINCT supplier_id) FILTER (WHERE locality IS NULL) AS unknown_location,
    COUNT(DISTINCT supplier_id) FILTER (WHERE is_local) / COUNT(DISTINCT supplier_id) AS share_count,
    SUM(value) AS value,
    COALESCE(SUM(value) FILTER (WHERE is_local), 0) AS local_value,
    COALESCE(SUM(value) FILTER (WHERE is_local), 0) / NULLIF(SUM(value), 0) AS share_value
FROM lines
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
