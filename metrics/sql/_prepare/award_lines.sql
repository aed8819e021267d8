-- Spending lines of awards: one row per valid award and supplier, in the publisher's main currency, sales left out.
-- An award to several suppliers (a consortium) is divided equally among them, so totals by supplier add up to
-- the overall total. With the supplier filter, only that supplier's lines remain.
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
    p.main_procurement_category AS category
FROM awards AS a
INNER JOIN filtered_processes AS p USING (ocid)
LEFT JOIN award_suppliers AS s ON s.ocid = a.ocid AND s.award_id IS NOT DISTINCT FROM a.award_id
LEFT JOIN supplier_counts AS c ON c.ocid = a.ocid AND c.award_id IS NOT DISTINCT FROM a.award_id
WHERE NOT p.is_sale
    AND a.in_main_currency
    AND a.value IS NOT NULL
    AND COALESCE(a.status, '') NOT IN ('cancelled', 'unsuccessful')
    AND ($supplier::VARCHAR IS NULL OR s.supplier_id = $supplier::VARCHAR);
