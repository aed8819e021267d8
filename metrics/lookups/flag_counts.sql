-- flag_counts: the red flags found for the filters (the TEMP table found_flags: indicator, "group", id, filled by
-- metrics/flags.py from every red-flag metric) counted three ways: every flag by indicator; flags on a
-- process (group OCID) by the process's secretariat and by each supplier of its awards. A process flagged by n
-- indicators adds n flags to its secretariat and to each of its suppliers, and counts once in their `processes`.
-- Counting here, not in pandas, spares the pages a label for every process (100,000 rows at 100k processes).
-- $dimension (indicator, secretariat or supplier) keeps one count; NULL keeps all three.
WITH per_process AS (  -- flagged processes are filtered ones: the indicators read flag_base, a part of them
    SELECT
        id AS ocid,
        COUNT(*) AS flags
    FROM found_flags
    WHERE "group" = 'OCID' AND COALESCE($dimension::VARCHAR, 'supplier') IN ('secretariat', 'supplier')
    GROUP BY id
),

suppliers AS (  -- each supplier once per process, named as in the process list
    SELECT DISTINCT
        s.ocid,
        COALESCE(s.supplier_name, s.supplier_id) AS supplier
    FROM award_suppliers AS s
    SEMI JOIN per_process AS f USING (ocid)
    WHERE COALESCE($dimension::VARCHAR, 'supplier') = 'supplier'
)

SELECT
    'indicator' AS dimension,
    indicator AS name,
    COUNT(*) AS flags,
    COUNT(*) FILTER (WHERE "group" = 'OCID') AS processes  -- an indicator flags a subject once
FROM found_flags
WHERE COALESCE($dimension::VARCHAR, 'indicator') = 'indicator'
GROUP BY indicator

UNION ALL

SELECT
    'secretariat',
    p.secretariat,
    SUM(f.flags)::BIGINT,
    COUNT(*)
FROM per_process AS f
INNER JOIN filtered_processes AS p USING (ocid)
WHERE p.secretariat IS NOT NULL AND COALESCE($dimension::VARCHAR, 'secretariat') = 'secretariat'
GROUP BY p.secretariat

UNION ALL

SELECT
    'supplier',
    s.supplier,
    SUM(f.flags)::BIGINT,
    COUNT(*)
FROM per_process AS f
INNER JOIN suppliers AS s USING (ocid)
WHERE s.supplier IS NOT NULL
GROUP BY s.supplier

ORDER BY dimension, flags DESC, name;
