-- paid_value: sum of implementation transactions of contracts that publish any, per group and currency,
-- beside the contracted value of those same contracts (so the two can be compared like for like).
WITH lines AS (
    SELECT
        *,
        group_key($group_by, period_date, secretariat, supplier_id, procedure_type, category, publisher) AS group_value
    FROM contract_lines
    WHERE transactions > 0 AND paid_value IS NOT NULL
)

SELECT
    group_value AS "group",
    CASE WHEN $group_by = 'supplier' THEN MAX(supplier_name) ELSE group_value END AS label,
    currency,
    SUM(paid_value) AS value,
    SUM(value) AS contracted_value,
    COUNT(*) FILTER (
        WHERE CASE WHEN $group_by = 'supplier' THEN first_of_supplier_contract ELSE first_of_contract END
    ) AS contracts,  -- a contract and a process once per group: see contract_lines
    COUNT(*) FILTER (
        WHERE CASE WHEN $group_by = 'supplier' THEN first_of_supplier ELSE first_paid_of_process END
    ) AS processes
FROM lines
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
