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
    COUNT(DISTINCT (ocid, contract_id)) AS contracts,
    COUNT(DISTINCT ocid) AS processes
FROM lines
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
