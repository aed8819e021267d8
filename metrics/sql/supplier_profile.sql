-- supplier_profile: one row per supplier (or just the one chosen with the supplier filter): processes it took
-- part in (tenderer, bidder or awarded), processes won (a valid award), win rate, awarded value in the main
-- currency, secretariats and categories it sold to, first and last win. Largest awarded value first.
WITH wins AS (
    SELECT DISTINCT
        s.ocid,
        s.supplier_id
    FROM award_suppliers AS s
    INNER JOIN awards AS a ON a.ocid = s.ocid AND a.award_id IS NOT DISTINCT FROM s.award_id
    WHERE COALESCE(a.status, '') NOT IN ('cancelled', 'unsuccessful')
),

participation AS (  -- distinct (process, supplier) pairs, so counting rows counts processes
    SELECT ocid, tenderer_id AS supplier_id FROM tenderers
    UNION
    SELECT b.ocid, t.id FROM bids AS b, UNNEST(b.tenderer_ids) AS t (id)
    UNION
    SELECT ocid, supplier_id FROM wins
),

counts AS (
    SELECT
        pa.supplier_id,
        COUNT(*) AS processes_bid,
        COUNT(w.ocid) AS processes_won,  -- at most one win per participation row
        COUNT(DISTINCT p.secretariat) FILTER (WHERE w.ocid IS NOT NULL) AS secretariats,
        STRING_AGG(DISTINCT p.main_procurement_category, ', ' ORDER BY p.main_procurement_category)
            FILTER (WHERE w.ocid IS NOT NULL) AS categories,
        MIN(p.period_date) FILTER (WHERE w.ocid IS NOT NULL) AS first_win,
        MAX(p.period_date) FILTER (WHERE w.ocid IS NOT NULL) AS last_win
    FROM participation AS pa
    INNER JOIN filtered_processes AS p ON p.ocid = pa.ocid
    LEFT JOIN wins AS w ON w.ocid = pa.ocid AND w.supplier_id = pa.supplier_id
    WHERE $supplier::VARCHAR IS NULL OR pa.supplier_id = $supplier::VARCHAR
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
)

SELECT
    c.supplier_id,
    o.name,
    o.scale,
    o.locality,
    c.processes_bid,
    c.processes_won,
    c.processes_won / c.processes_bid AS win_rate,
    m.awarded_value,
    m.currency,
    c.secretariats,
    c.categories,
    c.first_win,
    c.last_win
FROM counts AS c
LEFT JOIN money AS m USING (supplier_id)
LEFT JOIN organizations AS o ON o.org_id = c.supplier_id
ORDER BY m.awarded_value DESC NULLS LAST, c.processes_won DESC, c.supplier_id
LIMIT $limit;
