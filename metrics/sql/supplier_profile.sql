-- supplier_profile: one row per supplier (or just the one chosen with the supplier filter): processes it took
-- part in (tenderer, bidder or awarded), processes won (a valid award), win rate, awarded value in the main
-- currency, secretariats and categories it sold to, first and last win. Largest awarded value first.
WITH counts AS (  -- the counts that decide the order, for every supplier
    SELECT
        supplier_id,
        COUNT(*) AS processes_bid,
        COUNT(*) FILTER (WHERE won) AS processes_won
    FROM process_participants  -- one row per process and participant, made at load time
    WHERE coalesce($every_process::BOOLEAN, false)  -- no filter: every process counts; joining them took half the time
    GROUP BY supplier_id
    UNION ALL
    SELECT
        pa.supplier_id,
        COUNT(*) AS processes_bid,
        COUNT(*) FILTER (WHERE pa.won) AS processes_won
    FROM process_participants AS pa
    INNER JOIN filtered_processes AS p ON p.ocid = pa.ocid
    WHERE NOT coalesce($every_process::BOOLEAN, false)
        AND ($supplier::VARCHAR IS NULL OR pa.supplier_id = $supplier::VARCHAR)
    GROUP BY pa.supplier_id
),

money AS (
    SELECT
        supplier_id,
        currency,
        SUM(value) AS awarded_value
    FROM award_lines
    WHERE supplier_id IS NOT NULL
    GROUP BY ALL
),

chosen AS (
    SELECT
        c.*,
        m.awarded_value,
        m.currency
    FROM counts AS c
    LEFT JOIN money AS m USING (supplier_id)
    ORDER BY m.awarded_value DESC NULLS LAST, c.processes_won DESC, c.supplier_id
    LIMIT $limit
),

won AS (  -- what the chosen suppliers won, described (distinct counts cost more: only for the rows shown)
    SELECT
        w.supplier_id,
        COUNT(DISTINCT p.secretariat) AS secretariats,
        STRING_AGG(DISTINCT p.main_procurement_category, ', ' ORDER BY p.main_procurement_category) AS categories,
        MIN(p.period_date) AS first_win,
        MAX(p.period_date) AS last_win
    FROM process_participants AS w
    INNER JOIN filtered_processes AS p ON p.ocid = w.ocid
    WHERE w.won AND w.supplier_id IN (SELECT supplier_id FROM chosen)
    GROUP BY w.supplier_id
)

SELECT
    c.supplier_id,
    o.name,
    o.scale,
    o.locality,
    c.processes_bid,
    c.processes_won,
    c.processes_won / c.processes_bid AS win_rate,
    c.awarded_value,
    c.currency,
    COALESCE(d.secretariats, 0) AS secretariats,
    d.categories,
    d.first_win,
    d.last_win
FROM chosen AS c
LEFT JOIN won AS d USING (supplier_id)
LEFT JOIN organizations AS o ON o.org_id = c.supplier_id
ORDER BY c.awarded_value DESC NULLS LAST, c.processes_won DESC, c.supplier_id;
