-- contracted_value: sum of contract values (not cancelled) per group and currency.
-- Only amounts in the publisher's main currency; sales (leilão) never count as spending (see contract_lines).
WITH lines AS (
    SELECT
        *,
        group_key($group_by, period_date, secretariat, supplier_id, procedure_type, category, publisher) AS group_value
    FROM contract_lines
    WHERE value IS NOT NULL
)

SELECT
    group_value AS "group",
    CASE WHEN $group_by = 'supplier' THEN MAX(supplier_name) ELSE group_value END AS label,
    currency,
    SUM(value) AS value,
    COUNT(*) FILTER (
        WHERE CASE WHEN $group_by = 'supplier' THEN first_of_supplier ELSE first_of_process END
    ) AS processes  -- a process once per group: see contract_lines
FROM lines
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
