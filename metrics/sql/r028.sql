-- R028 identical bid prices (Cardinal): two submitted bids of a process have the same amount and currency but
-- different sets of tenderers. The process is flagged (1.0), and so is each tenderer of those bids (as Tenderer).
-- Processes whose bids do not compare on price (settings) are left out.
WITH priced AS NOT MATERIALIZED (  -- read twice, but copying its lists cost more than that
    SELECT
        ocid,
        amount,
        currency,
        tenderer_ids
    FROM flag_bids
    WHERE status IS NOT NULL
        AND status NOT IN ('invited', 'withdrawn')
        AND amount IS NOT NULL
        AND currency IS NOT NULL
        AND len(tenderer_ids) > 0
),

shared AS (  -- amounts given by two or more bids of a process (few): only their tenderer sets are compared
    SELECT
        s.ocid,
        s.amount,
        s.currency
    FROM (SELECT ocid, amount, currency FROM priced GROUP BY ALL HAVING COUNT(*) > 1) AS s
    SEMI JOIN flag_processes AS p ON p.ocid = s.ocid AND p.price_comparison  -- after: joined to few rows, not all
),

identical AS (  -- sets compared by their least and greatest: a distinct count of lists cost more
    SELECT
        ocid,
        LIST(tenderer_set) AS tenderer_sets
    FROM (
        SELECT
            p.ocid,
            p.amount,
            p.currency,
            list_sort(list_distinct(p.tenderer_ids)) AS tenderer_set
        FROM priced AS p
        SEMI JOIN shared AS s ON s.ocid = p.ocid AND s.amount = p.amount AND s.currency = p.currency
    )
    GROUP BY ocid, amount, currency
    HAVING MIN(tenderer_set) <> MAX(tenderer_set)
)

SELECT DISTINCT 'OCID' AS "group", ocid AS id, 1.0 AS value FROM identical
UNION
SELECT 'Tenderer', UNNEST(flatten(tenderer_sets)), 1.0 FROM identical
ORDER BY "group", id;
