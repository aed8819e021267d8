-- local_supplier_share: share of suppliers (by count) and of awarded value going to suppliers located in the
-- local region (`local_municipalities`, matched on the address locality without accents or case), per group and
-- currency; `home` counts those in the city itself (the first municipality of the list).
WITH region AS (
    SELECT
        strip_accents(lower(trim(name))) AS locality_key,
        position = 1 AS is_home
    FROM (SELECT UNNEST($local_municipalities::VARCHAR[]) AS name, GENERATE_SUBSCRIPTS($local_municipalities::VARCHAR[], 1) AS position)
),

localities AS (  -- each spelling matched once, not once per line
    SELECT
        l.locality,
        r.locality_key IS NOT NULL AS is_local,
        COALESCE(r.is_home, FALSE) AS is_home
    FROM (SELECT DISTINCT locality FROM supplier_lines WHERE locality IS NOT NULL) AS l
    LEFT JOIN region AS r ON r.locality_key = strip_accents(lower(trim(l.locality)))
),

per_supplier AS (  -- a supplier counts as local (home, unknown) when any of its lines is
    SELECT
        group_key(
            $group_by, l.period_date, l.secretariat, l.supplier_id, l.procedure_type, l.category, l.publisher
        ) AS group_value,
        l.currency,
        l.supplier_id,
        BOOL_OR(COALESCE(k.is_local, FALSE)) AS is_local,
        BOOL_OR(COALESCE(k.is_home, FALSE)) AS is_home,
        BOOL_OR(l.locality IS NULL) AS unknown_location,
        SUM(l.value) AS value,
        SUM(l.value) FILTER (WHERE k.is_local) AS local_value
    FROM supplier_lines AS l
    LEFT JOIN localities AS k USING (locality)
    GROUP BY ALL
)

SELECT
    group_value AS "group",
    currency,
    COUNT(*) AS suppliers,
    COUNT(*) FILTER (WHERE is_local) AS local_suppliers,
    COUNT(*) FILTER (WHERE is_home) AS home_suppliers,
    COUNT(*) FILTER (WHERE unknown_location) AS unknown_location,
    COUNT(*) FILTER (WHERE is_local) / COUNT(*) AS share_count,
    SUM(value) AS value,
    COALESCE(SUM(local_value), 0) AS local_value,
    COALESCE(SUM(local_value), 0) / NULLIF(SUM(value), 0) AS share_value
FROM per_supplier
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
