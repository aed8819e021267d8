-- process_labels: one row per process that passes the filters, with its secretariat and the names of the suppliers
-- of its awards ('; '-separated, as in process_list), so that per-process results (red flags) can be counted by
-- secretariat or supplier without the whole process list.
WITH names AS (
    SELECT
        ocid,
        STRING_AGG(DISTINCT COALESCE(supplier_name, supplier_id), '; ' ORDER BY COALESCE(supplier_name, supplier_id))
            AS suppliers
    FROM award_suppliers
    GROUP BY ocid
)

SELECT
    p.ocid,
    p.secretariat,
    n.suppliers
FROM filtered_processes AS p
LEFT JOIN names AS n USING (ocid)
ORDER BY p.ocid;
