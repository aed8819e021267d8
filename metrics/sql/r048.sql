-- R048 heterogeneous supplier (Cardinal): for each supplier of active awards to a single supplier, the number of
-- distinct classification prefixes (first `digits` characters of awards.items.classification.id) across all its
-- awarded items. Suppliers observed in fewer than `minimum_contracting_processes` processes (default 20) are left
-- out; flagged at or above the upper fence Q3 + 1.5 IQR of all varieties (R-8), or the `threshold` setting.
WITH classified AS (
    SELECT
        ocid,
        supplier_ids[1] AS supplier,
        UNNEST(classifications) AS classification
    FROM flag_awards
    WHERE status = 'active' AND has_suppliers AND supplier_count = 1 AND first_supplier_has_id AND has_items
),

per_supplier AS (
    SELECT
        supplier,
        COUNT(DISTINCT ocid) AS processes,
        COUNT(DISTINCT left(classification, $r048_digits::INTEGER)) AS variety
    FROM classified
    GROUP BY supplier
),

counted AS (
    SELECT * FROM per_supplier WHERE processes >= $r048_minimum_contracting_processes::INTEGER
),

fence AS (
    SELECT
        COALESCE(
            $r048_threshold::DOUBLE,
            quantile_r8(LIST(variety::DOUBLE), 0.75)
            + 1.5 * (quantile_r8(LIST(variety::DOUBLE), 0.75) - quantile_r8(LIST(variety::DOUBLE), 0.25))
        ) AS upper_fence
    FROM counted
)

SELECT
    'Tenderer' AS "group",
    c.supplier AS id,
    c.variety::DOUBLE AS value
FROM counted AS c, fence AS f
WHERE c.variety >= f.upper_fence
ORDER BY id;
