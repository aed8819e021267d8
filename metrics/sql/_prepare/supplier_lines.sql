-- Award lines with what is known of each supplier in that process: its scale (details.scale) and locality,
-- from the process's own parties, else from the organization's most used values.
CREATE OR REPLACE TEMP TABLE supplier_lines AS
WITH in_process AS (  -- only the parties that are suppliers of a line: grouping every party costs more
    SELECT
        pa.ocid,
        pa.org_id,
        MAX(pa.scale) AS scale,
        MAX(pa.locality) AS locality
    FROM parties AS pa
    SEMI JOIN award_lines AS l ON l.ocid = pa.ocid AND l.supplier_id = pa.org_id
    GROUP BY ALL
)

SELECT
    l.*,
    COALESCE(pp.scale, o.scale) AS scale,
    COALESCE(pp.locality, o.locality) AS locality
FROM award_lines AS l
LEFT JOIN in_process AS pp ON pp.ocid = l.ocid AND pp.org_id = l.supplier_id
LEFT JOIN organizations AS o ON o.org_id = l.supplier_id
WHERE l.supplier_id IS NOT NULL;
