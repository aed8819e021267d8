-- Spending lines of awards: one row per valid award and supplier, in the publisher's main currency, sales left out.
-- An award to several suppliers (a consortium) is divided equally among them, so totals by supplier add up to
-- the overall total. With the supplier filter, only that supplier's lines remain.
-- `first_of_process` marks one line per process (one with a supplier, if any), `first_of_supplier` one per process
-- and supplier: metrics count processes as these lines rather than as DISTINCT ocids, which at a million processes
-- took half their time. Grouped by anything but supplier, all of a process's lines fall in one group, in one
-- currency (the main one). The order makes the choice the same on every build.
CREATE OR REPLACE TEMP TABLE award_lines AS
WITH supplier_counts AS (
    SELECT
        ocid,
        award_id,
        COUNT(*) AS suppliers
    FROM award_suppliers
    GROUP BY ALL
)

SELECT
    a.ocid,
    a.award_id,
    a.date,
    a.currency,
    s.supplier_id,
    s.supplier_name,
    a.value AS award_value,
    a.value / COALESCE(c.suppliers, 1) AS value,
    p.period_date,
    p.publisher,
    p.secretariat,
    p.procedure_type,
    p.main_procurement_category AS category,
    row_number() OVER by_supplier = 1 AS first_of_process,
    lag(s.supplier_id) OVER by_supplier IS DISTINCT FROM s.supplier_id
        OR row_number() OVER by_supplier = 1 AS first_of_supplier
FROM awards AS a
INNER JOIN filtered_processes AS p USING (ocid)
LEFT JOIN award_suppliers AS s ON s.ocid = a.ocid AND s.award_id IS NOT DISTINCT FROM a.award_id
LEFT JOIN supplier_counts AS c ON c.ocid = a.ocid AND c.award_id IS NOT DISTINCT FROM a.award_id
WHERE NOT p.is_sale
    AND a.in_main_currency
    AND a.value IS NOT NULL
    AND COALESCE(a.status, '') NOT IN ('cancelled', 'unsuccessful')
    AND ($supplier::VARCHAR IS NULL OR s.supplier_id = $supplier::VARCHAR)
-- one sort serves both flags: a process's lines by supplier (those with one first), then award
WINDOW by_supplier AS (PARTITION BY a.ocid ORDER BY s.supplier_id IS NULL, s.supplier_id, a.award_id, a.date, a.value);
