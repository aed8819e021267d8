-- R048 heterogeneous supplier (Cardinal): for each supplier of active awards to a single supplier, the number of
-- distinct classification prefixes (first `digits` characters of awards.items.classification.id) across all its
-- awarded items. Suppliers observed in fewer than `minimum_contracting_processes` processes (default 20) are left
-- out; flagged at or above the upper fence Q3 + 1.5 IQR of all varieties (R-8), or the `threshold` setting.
WITH awarded AS (  -- each active award to a single supplier with at least one item classification
    SELECT
        ocid,
        supplier_ids[1] AS supplier,
        classifications
    FROM flag_awards
    WHERE status = 'active' AND has_suppliers AND supplier_count = 1 AND first_supplier_has_id AND has_items
        AND len(classifications) > 0
),

counted_suppliers AS (  -- counted on awards, before their classifications are unnested: fewer rows to group
    SELECT supplier
    FROM awarded
    GROUP BY supplier
    HAVING COUNT(DISTINCT ocid) >= $r048_minimum_contracting_processes::INTEGER
),

counted AS (
    SELECT
        supplier,
        COUNT(DISTINCT left(classification, $r048_digits::INTEGER)) AS variety
    FROM (
        SELECT
            supplier,
            UNNEST(classifications) AS classification
        FROM awarded
        SEMI JOIN counted_suppliers USING (supplier)
    )
    GROUP BY supplier
),

fence AS (
    SELECT
        COALESCE(
            $r048_threshold::DOUBLE,
            quantile_r8(varieties, 0.75) + 1.5 * (quantile_r8(varieties, 0.75) - quantile_r8(varieties, 0.25))
        ) AS upper_fence
    FROM (SELECT list_sort(LIST(variety::DOUBLE)) AS varieties FROM counted)
)

SELECT
    'Tenderer' AS "group",
    c.supplier AS id,
    c.variety::DOUBLE AS value
FROM counted AS c, fence AS f
WHERE c.variety >= f.upper_fence
ORDER BY id;
