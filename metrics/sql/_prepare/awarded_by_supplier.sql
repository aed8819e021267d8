-- awarded_by_supplier(group_by): each supplier's awarded value per group and currency (award_lines, so consortium
-- awards are already divided), the base of the concentration metrics (hhi, top_supplier_share), so both measure the
-- same totals. The supplier never becomes the group here (NULL in group_key): concentration is among the suppliers
-- of a group. Lines with no supplier are left out.
-- A table macro built after award_lines, because DuckDB binds a table macro's tables when it is created.
CREATE OR REPLACE TEMP MACRO awarded_by_supplier(group_by) AS TABLE
SELECT
    group_key(group_by, period_date, secretariat, NULL, procedure_type, category, publisher) AS group_value,
    currency,
    supplier_id,
    SUM(value) AS value
FROM award_lines
WHERE supplier_id IS NOT NULL
GROUP BY ALL;
