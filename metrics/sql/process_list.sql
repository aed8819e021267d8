-- process_list: one row per process that passes the filters, newest first, at most `limit` rows.
-- awarded_value is the sum of valid awards in the publisher's main currency (NULL when none).
WITH chosen AS (
    SELECT *
    FROM filtered_processes
    ORDER BY period_date DESC NULLS LAST, ocid
    LIMIT $limit
),

suppliers AS (
    SELECT
        s.ocid,
        STRING_AGG(DISTINCT COALESCE(s.supplier_name, s.supplier_id), '; ' ORDER BY COALESCE(s.supplier_name, s.supplier_id))
            AS suppliers,
        COUNT(DISTINCT s.supplier_id) AS supplier_count
    FROM award_suppliers AS s
    INNER JOIN chosen AS p USING (ocid)
    GROUP BY s.ocid
)

SELECT
    p.ocid,
    t.title,
    p.publisher,
    t.buyer_name,
    p.secretariat,
    p.procedure_type,
    p.procurement_method,
    p.procurement_method_details,
    p.main_procurement_category AS category,
    p.status,
    p.is_competitive,
    p.is_sale,
    p.tender_value,
    p.tender_currency,
    p.awarded_total AS awarded_value,
    p.currency,
    s.suppliers,
    COALESCE(s.supplier_count, 0) AS supplier_count,
    p.number_of_tenderers,
    p.period_date,
    p.tender_start,
    p.tender_end,
    p.first_award_date,
    p.first_contract_date,
    t.source_url
FROM chosen AS p
-- Texts filtered_processes leaves out, for the chosen rows only. Joined on period_date too: the chosen are the newest,
-- so DuckDB skips the row groups of older processes instead of reading every ocid (at 1M processes, 88 → 35 ms).
INNER JOIN processes AS t ON t.ocid = p.ocid AND t.period_date IS NOT DISTINCT FROM p.period_date
LEFT JOIN suppliers AS s ON s.ocid = p.ocid
ORDER BY p.period_date DESC NULLS LAST, p.ocid;
