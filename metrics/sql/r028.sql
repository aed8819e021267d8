-- R028 identical bid prices (Cardinal): two submitted bids of a process have the same amount and currency but
-- different sets of tenderers. The process is flagged (1.0), and so is each tenderer of those bids (as Tenderer).
-- Processes whose bids do not compare on price (settings) are left out.
WITH priced AS (
    SELECT
        b.ocid,
        b.amount,
        b.currency,
        b.tenderer_ids
    FROM flag_bids AS b
    INNER JOIN flag_processes AS p USING (ocid)
    WHERE p.price_comparison
        AND b.status IS NOT NULL
        AND b.status NOT IN ('invited', 'withdrawn')
        AND b.amount IS NOT NULL
        AND b.currency IS NOT NULL
        AND len(b.tenderer_ids) > 0
),

shared AS (  -- amounts given by two or more bids of a process (few): only their tenderer sets are compared
    SELECT
        ocid,
        amount,
        currency
    FROM priced
    GROUP BY ALL
    HAVING COUNT(*) > 1
),

identical AS (
    SELECT
        p.ocid,
        LIST(list_sort(list_distinct(p.tenderer_ids))) AS tenderer_sets
    FROM priced AS p
    SEMI JOIN shared AS s ON s.ocid = p.ocid AND s.amount = p.amount AND s.currency = p.currency
    GROUP BY p.ocid, p.amount, p.currency
    HAVING COUNT(DISTINCT list_sort(list_distinct(p.tenderer_ids))) > 1
)

SELECT DISTINCT 'OCID' AS "group", ocid AS id, 1.0 AS value FROM identical
UNION
SELECT 'Tenderer', UNNEST(flatten(tenderer_sets)), 1.0 FROM identical
ORDER BY "group", id;
