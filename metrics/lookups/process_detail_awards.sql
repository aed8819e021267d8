-- process_detail (part=awards): the awards of one process with their suppliers.
SELECT
    a.award_id,
    a.status,
    a.date,
    a.value,
    a.currency,
    a.in_main_currency,
    a.title,
    STRING_AGG(COALESCE(s.supplier_name, s.supplier_id), '; ' ORDER BY s.supplier_name) AS suppliers,
    LIST(s.supplier_id ORDER BY s.supplier_id) FILTER (WHERE s.supplier_id IS NOT NULL) AS supplier_ids
FROM awards AS a
LEFT JOIN award_suppliers AS s ON s.ocid = a.ocid AND s.award_id IS NOT DISTINCT FROM a.award_id
WHERE a.ocid = $ocid
GROUP BY ALL
ORDER BY a.date NULLS LAST, a.award_id;
