-- R025 excessive unsuccessful bids (Cardinal): for each tenderer, across processes whose awards are all final with
-- exactly one active award to exactly one supplier, ratio = processes won / processes with a valid bid of its own
-- (bids by one tenderer; each tenderer counted once per process). Flagged when its number of such processes is
-- above the `percentile` (default 75th) of all tenderers' numbers and its ratio is below the lower fence
-- Q1 - 1.5 IQR of all ratios (R-8), or the `threshold` setting.
WITH eligible AS (
    SELECT
        ocid,
        supplier_ids[1] AS winner
    FROM flag_awards
    WHERE status = 'active' AND all_final AND active_awards = 1 AND has_suppliers AND supplier_count = 1
        AND first_supplier_has_id
),

participation AS (  -- each tenderer once per process, before the winners are joined (one per eligible process)
    SELECT DISTINCT
        ocid,
        tenderer_ids[1] AS tenderer
    FROM flag_bids
    WHERE status = 'valid' AND has_tenderers AND tenderer_count = 1 AND len(tenderer_ids) = 1
),

per_tenderer AS (
    SELECT
        p.tenderer,
        COUNT(*) FILTER (WHERE p.tenderer = e.winner) AS wins,
        COUNT(*) AS bids
    FROM participation AS p
    INNER JOIN eligible AS e USING (ocid)
    GROUP BY p.tenderer
),

fences AS (
    SELECT
        quantile_r8(bid_counts, $r025_percentile::INTEGER / 100) AS upper_fence,
        COALESCE(
            $r025_threshold::DOUBLE,
            quantile_r8(win_rates, 0.25) - 1.5 * (quantile_r8(win_rates, 0.75) - quantile_r8(win_rates, 0.25))
        ) AS lower_fence
    FROM (
        SELECT list_sort(LIST(bids::DOUBLE)) AS bid_counts, list_sort(LIST(wins / bids)) AS win_rates
        FROM per_tenderer
    )
)

SELECT
    'Tenderer' AS "group",
    t.tenderer AS id,
    t.wins / t.bids AS value
FROM per_tenderer AS t, fences AS f
WHERE t.bids > f.upper_fence AND t.wins / t.bids < f.lower_fence
ORDER BY id;
