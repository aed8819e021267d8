-- Spending lines of contracts: one row per valid contract and supplier of its award, in the main currency,
-- sales left out; a contract of a multi-supplier award is divided equally among them (as award_lines).
-- paid_value is the sum of the contract's implementation transactions (NULL when none are published).
-- As in award_lines, `first_of_process` marks one line per process and `first_of_supplier` one per process and
-- supplier, which metrics count instead of DISTINCT ocids (at a million processes, contracted_value by month:
-- 143 -> 33 ms). Every line has a value: `in_main_currency` is set only for a contract with one.
CREATE OR REPLACE TEMP TABLE contract_lines AS
WITH supplier_counts AS (
    SELECT
        ocid,
        award_id,
        COUNT(*) AS suppliers
    FROM award_suppliers
    GROUP BY ALL
)

SELECT
    k.ocid,
    k.contract_id,
    k.date_signed,
    k.currency,
    s.supplier_id,
    s.supplier_name,
    k.value / COALESCE(c.suppliers, 1) AS value,
    k.paid_value / COALESCE(c.suppliers, 1) AS paid_value,
    k.transactions,
    p.period_date,
    p.publisher,
    p.secretariat,
    p.procedure_type,
    p.main_procurement_category AS category,
    row_number() OVER by_supplier = 1 AS first_of_process,
    lag(s.supplier_id) OVER by_supplier IS DISTINCT FROM s.supplier_id
        OR row_number() OVER by_supplier = 1 AS first_of_supplier
FROM contracts AS k
INNER JOIN filtered_processes AS p USING (ocid)
LEFT JOIN award_suppliers AS s ON s.ocid = k.ocid AND s.award_id IS NOT DISTINCT FROM k.award_id
LEFT JOIN supplier_counts AS c ON c.ocid = k.ocid AND c.award_id IS NOT DISTINCT FROM k.award_id
WHERE NOT p.is_sale
    AND k.in_main_currency
    AND COALESCE(k.status, '') NOT IN ('cancelled')
    AND ($supplier::VARCHAR IS NULL OR s.supplier_id = $supplier::VARCHAR)
-- one sort serves both marks: a process's lines by supplier (those with one first), then contract
WINDOW by_supplier AS (
    PARTITION BY k.ocid ORDER BY s.supplier_id IS NULL, s.supplier_id, k.contract_id, k.date_signed, k.value
);
