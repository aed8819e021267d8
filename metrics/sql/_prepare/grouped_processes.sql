-- grouped_processes(group_by, supplier): the filtered processes, each with the label it is grouped under
-- (`group_value`, from the group_key() macro), for the metrics that count processes rather than award lines.
-- Grouped by supplier, a process stands once for each of its awarded suppliers, however many of its awards a
-- supplier holds (only the filtered supplier with the supplier filter; once, with a NULL group, when it has none);
-- otherwise it stands once. So each group holds a process at most once: the metrics count rows, not DISTINCT ocids
-- (a distinct count of a million text ids cost more than the rest of such a metric).
-- A table macro, not a table: group_by differs between the metrics of a page, and it costs nothing to define.
-- It is built as a prepare step after filtered_processes because DuckDB binds a table macro's tables when it is
-- created.
CREATE OR REPLACE TEMP MACRO grouped_processes(group_by, supplier) AS TABLE
WITH process_suppliers AS (
    SELECT
        ocid,
        supplier_id,
        MAX(supplier_name) AS supplier_name
    FROM award_suppliers
    WHERE group_by = 'supplier' AND (supplier::VARCHAR IS NULL OR supplier_id = supplier::VARCHAR)
    GROUP BY ocid, supplier_id
)

SELECT
    p.*,
    s.supplier_id,
    s.supplier_name,
    group_key(
        group_by, p.period_date, p.secretariat, s.supplier_id, p.procedure_type, p.main_procurement_category,
        p.publisher
    ) AS group_value
FROM filtered_processes AS p
LEFT JOIN process_suppliers AS s ON s.ocid = p.ocid;
