-- supplier_count: distinct suppliers (normalized organization ids) with a valid award, per group.
WITH lines AS (
    SELECT
        *,
        group_key($group_by, period_date, secretariat, supplier_id, procedure_type, category, publisher) AS group_value
    FROM award_lines
    WHERE supplier_id IS NOT NULL
)

SELECT
    group_value AS "group",
    CASE WHEN $group_by = 'supplier' THEN MAX(supplier_name) ELSE group_value END AS label,
    COUNT(DISTINCT supplier_id) AS value,
    COUNT(*) FILTER (
        WHERE CASE WHEN $group_by = 'supplier' THEN first_of_supplier ELSE first_of_process END
    ) AS processes  -- a process once per group: see award_lines
FROM lines
GROUP BY group_value
ORDER BY "group" NULLS LAST;
