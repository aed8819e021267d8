-- Spending lines of contracts: one row per valid contract and supplier of its award, in the main currency,
-- sales left out; a contract of a multi-supplier award is divided equally among them (as award_lines).
-- paid_value is the sum of the contract's implementation transactions (NULL when none are published).
-- As in award_lines, lines are marked so that metrics count processes and contracts as marked lines rather than as
-- DISTINCT keys (at a million processes, contracted_value by month: 143 -> 33 ms): `first_of_process` one line per
-- process, `first_of_supplier` one per process and supplier (a paid one if the supplier has any), and for the paid
-- lines (`paid`: transactions and a paid value, a contract's own) `first_paid_of_process`, `first_of_contract` (a
-- paid one if any: contracts without an id share one) and `first_of_supplier_contract`. Every line has a value:
-- `in_main_currency` is set only for a contract with one.
CREATE OR REPLACE TEMP TABLE contract_lines AS
WITH supplier_counts AS (
    SELECT
        ocid,
        award_id,
        COUNT(*) AS suppliers
    FROM award_suppliers
    GROUP BY ALL
),

lines AS (
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
        COALESCE(k.transactions > 0 AND k.paid_value IS NOT NULL, FALSE) AS paid,
        p.period_date,
        p.publisher,
        p.secretariat,
        p.procedure_type,
        p.main_procurement_category AS category
    FROM contracts AS k
    INNER JOIN filtered_processes AS p USING (ocid)
    LEFT JOIN award_suppliers AS s ON s.ocid = k.ocid AND s.award_id IS NOT DISTINCT FROM k.award_id
    LEFT JOIN supplier_counts AS c ON c.ocid = k.ocid AND c.award_id IS NOT DISTINCT FROM k.award_id
    WHERE NOT p.is_sale
        AND k.in_main_currency
        AND COALESCE(k.status, '') NOT IN ('cancelled')
        AND ($supplier::VARCHAR IS NULL OR s.supplier_id = $supplier::VARCHAR)
)

SELECT
    * EXCLUDE (paid),
    row_number() OVER by_supplier = 1 AS first_of_process,
    lag(supplier_id) OVER by_supplier IS DISTINCT FROM supplier_id
        OR row_number() OVER by_supplier = 1 AS first_of_supplier,
    paid AND count(*) FILTER (WHERE paid) OVER by_supplier = 1 AS first_paid_of_process,
    row_number() OVER by_contract = 1 AS first_of_contract,
    first_of_supplier OR lag(contract_id) OVER by_supplier IS DISTINCT FROM contract_id AS first_of_supplier_contract
FROM lines
-- a process's lines by supplier (those with one first), its paid contracts first, then contract: a contract's lines
-- of one supplier follow each other; counted row by row. Both orders end with every column that can tell two lines of
-- a process apart, so that the marks fall on the same lines on every build (a contract id can repeat).
WINDOW
    by_supplier AS (
        PARTITION BY ocid
        ORDER BY supplier_id IS NULL, supplier_id, NOT paid, contract_id, date_signed, value, paid_value, transactions,
            supplier_name, currency
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ),
    by_contract AS (
        PARTITION BY ocid, contract_id
        ORDER BY NOT paid, supplier_id, date_signed, value, paid_value, transactions, supplier_name, currency
    );
