-- R058 heavily discounted bid (Cardinal): the second-lowest bid ratio (see _prepare/bid_ratios.sql) is at or
-- above the upper fence Q3 + 1.5 IQR (R-8 quartiles of all ratios), or the `threshold` setting; skipped when the
-- fence is not above zero. The winner is flagged as Tenderer with 0.0, as Cardinal does.
WITH fence AS (
    SELECT
        COALESCE(
            $r058_threshold::DOUBLE,
            quantile_r8(ratios, 0.75) + 1.5 * (quantile_r8(ratios, 0.75) - quantile_r8(ratios, 0.25))
        ) AS upper_fence
    FROM (SELECT list_sort(LIST(ratio)) AS ratios FROM bid_ratios)
),

flagged AS (
    SELECT r.*
    FROM bid_ratios AS r, fence AS f
    WHERE f.upper_fence > 0 AND r.ratio >= f.upper_fence
)

SELECT 'OCID' AS "group", ocid AS id, ratio AS value FROM flagged
UNION
SELECT 'Tenderer', winner, 0.0 FROM flagged
ORDER BY "group", id;
