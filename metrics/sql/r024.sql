-- R024 price close to winning bid (Cardinal): the second-lowest bid ratio (see _prepare/bid_ratios.sql) is at or
-- below the lower fence Q1 - 1.5 IQR (R-8 quartiles of all ratios), or the `threshold` setting. Skipped when Q1
-- or the fence is not above zero (otherwise most processes would be flagged). The winner and the lowest other
-- tenderer are flagged as Tenderer with 0.0, as Cardinal does.
WITH fence AS (
    SELECT
        CASE WHEN $r024_threshold::DOUBLE IS NULL THEN quantile_r8(ratios, 0.25) ELSE 1.0 END AS q1,
        COALESCE(
            $r024_threshold::DOUBLE,
            quantile_r8(ratios, 0.25) - 1.5 * (quantile_r8(ratios, 0.75) - quantile_r8(ratios, 0.25))
        ) AS lower_fence
    FROM (SELECT list_sort(LIST(ratio)) AS ratios FROM bid_ratios)
),

flagged AS (
    SELECT r.*
    FROM bid_ratios AS r, fence AS f
    WHERE f.q1 > 0 AND f.lower_fence > 0 AND r.ratio <= f.lower_fence
)

SELECT 'OCID' AS "group", ocid AS id, ratio AS value FROM flagged
UNION
SELECT 'Tenderer', UNNEST([winner, lowest_non_winner]), 0.0 FROM flagged
ORDER BY "group", id;
