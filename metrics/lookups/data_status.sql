-- data_status: one row per publisher: its processes, main currency, amounts left out of totals (other
-- currencies), sources loaded and the last load; last_load_at (all publishers) is the data version.
WITH loads AS (
    SELECT
        publisher,
        COUNT(*) AS sources,
        MAX(fetched_at) AS last_loaded_at,
        STRING_AGG(DISTINCT location, '; ' ORDER BY location) AS locations,
        STRING_AGG(DISTINCT license, '; ' ORDER BY license) AS licenses
    FROM sources
    GROUP BY publisher
)

SELECT
    COALESCE(p.publisher, l.publisher) AS publisher,
    COALESCE(p.processes, 0) AS processes,
    p.main_currency,
    COALESCE(p.left_out_amounts, 0) AS left_out_amounts,
    COALESCE(l.sources, 0) AS sources,
    l.locations,
    l.licenses,
    l.last_loaded_at,
    (SELECT MAX(fetched_at) FROM sources) AS last_load_at,
    (SELECT COUNT(*) FROM processes) AS total_processes
FROM publishers AS p
FULL OUTER JOIN loads AS l ON l.publisher IS NOT DISTINCT FROM p.publisher
ORDER BY processes DESC, publisher;
