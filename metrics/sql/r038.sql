-- R038 excessive disqualified bids (Cardinal): ratio of disqualified to submitted bids per buyer, procuring entity
-- (summed over their processes) and tenderer. Buyers and procuring entities count when they have at least
-- `minimum_contracting_processes` submitted bids (Cardinal compares this setting with the bids), tenderers when
-- they have at least `minimum_submitted_bids`. Flagged at or above the upper fence Q3 + 1.5 IQR of the ratios of
-- their group (R-8), or the `threshold` setting; a group is skipped when its fence is not above zero.
WITH submitted AS (
    SELECT
        b.ocid,
        b.tenderer_ids,
        (b.status = 'disqualified')::INTEGER AS disqualified
    FROM flag_bids AS b
    WHERE b.status IS NOT NULL AND b.status NOT IN ('invited', 'withdrawn')
),

per_process AS (  -- counted per process before the processes are joined: a third of the rows to join
    SELECT
        c.ocid,
        p.buyer_id,
        p.procuring_entity_id,
        c.disqualified,
        c.submitted
    FROM (
        SELECT ocid, SUM(disqualified) AS disqualified, COUNT(*) AS submitted FROM submitted GROUP BY ocid
    ) AS c
    INNER JOIN flag_processes AS p USING (ocid)
),

fractions AS (
    SELECT 'Buyer' AS "group", buyer_id AS id, SUM(disqualified) AS numerator, SUM(submitted) AS denominator
    FROM per_process WHERE buyer_id IS NOT NULL GROUP BY buyer_id
    UNION ALL
    SELECT 'ProcuringEntity', procuring_entity_id, SUM(disqualified), SUM(submitted)
    FROM per_process WHERE procuring_entity_id IS NOT NULL GROUP BY procuring_entity_id
    UNION ALL
    SELECT 'Tenderer', tenderer, SUM(disqualified), COUNT(*)
    FROM (SELECT UNNEST(tenderer_ids) AS tenderer, disqualified FROM submitted) GROUP BY tenderer
),

ratios AS (
    SELECT
        "group",
        id,
        numerator / denominator AS ratio
    FROM fractions
    WHERE denominator >= CASE
        WHEN "group" = 'Tenderer' THEN $r038_minimum_submitted_bids::INTEGER
        ELSE $r038_minimum_contracting_processes::INTEGER
    END
),

fences AS (
    SELECT
        "group",
        COALESCE(
            $r038_threshold::DOUBLE,
            quantile_r8(sorted, 0.75) + 1.5 * (quantile_r8(sorted, 0.75) - quantile_r8(sorted, 0.25))
        ) AS upper_fence
    FROM (SELECT "group", list_sort(LIST(ratio)) AS sorted FROM ratios GROUP BY "group")
)

SELECT
    r."group",
    r.id,
    r.ratio AS value
FROM ratios AS r
INNER JOIN fences AS f USING ("group")
WHERE f.upper_fence > 0 AND r.ratio >= f.upper_fence
ORDER BY r."group", r.id;
