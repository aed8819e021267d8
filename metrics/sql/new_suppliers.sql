-- new_suppliers: per group, suppliers winning for the first time ever (their first valid award in the whole
-- database falls in the same month as this award) versus returning suppliers (they had won in an earlier month).
WITH lines AS (
    SELECT
        l.supplier_id,
        l.ocid,
        group_key($group_by, l.period_date, l.secretariat, l.supplier_id, l.procedure_type, l.category, l.publisher)
            AS group_value,
        DATE_TRUNC('month', l.period_date) = f.first_month AS is_new
    FROM award_lines AS l
    INNER JOIN supplier_first_awards AS f USING (supplier_id)  -- over every process (loaders/postprocess.sql)
),

per_supplier AS (
    SELECT
        group_value,
        supplier_id,
        BOOL_OR(is_new) AS is_new
    FROM lines
    GROUP BY ALL
)

SELECT
    group_value AS "group",
    COUNT(*) FILTER (WHERE is_new) AS new_suppliers,
    COUNT(*) FILTER (WHERE NOT is_new) AS returning_suppliers,
    COUNT(*) AS suppliers,
    COUNT(*) FILTER (WHERE is_new) / COUNT(*) AS new_share
FROM per_supplier
GROUP BY group_value
ORDER BY "group" NULLS LAST;
