-- filter_options: every value each filter can take, with a display label and how many processes have it.
-- kind is publisher, secretariat, procedure_type, category, supplier, date_min or date_max.
SELECT 'publisher' AS kind, publisher AS value, publisher AS label, COUNT(*) AS processes
FROM processes WHERE publisher IS NOT NULL GROUP BY publisher
UNION ALL
SELECT 'secretariat', secretariat, secretariat, COUNT(*)
FROM processes WHERE secretariat IS NOT NULL GROUP BY secretariat
UNION ALL
SELECT 'procedure_type', procedure_type, procedure_type, COUNT(*)
FROM processes WHERE procedure_type IS NOT NULL GROUP BY procedure_type
UNION ALL
SELECT 'category', main_procurement_category, main_procurement_category, COUNT(*)
FROM processes WHERE main_procurement_category IS NOT NULL GROUP BY main_procurement_category
UNION ALL
SELECT 'supplier', s.supplier_id, COALESCE(MAX(o.name), MAX(s.supplier_name)), COUNT(DISTINCT s.ocid)
FROM award_suppliers AS s LEFT JOIN organizations AS o ON o.org_id = s.supplier_id
GROUP BY s.supplier_id
UNION ALL
SELECT 'date_min', CAST(MIN(period_date) AS VARCHAR), CAST(MIN(period_date) AS VARCHAR), COUNT(*)
FROM processes HAVING MIN(period_date) IS NOT NULL
UNION ALL
SELECT 'date_max', CAST(MAX(period_date) AS VARCHAR), CAST(MAX(period_date) AS VARCHAR), COUNT(*)
FROM processes HAVING MAX(period_date) IS NOT NULL
ORDER BY kind, processes DESC, label;
