-- non_competitive_share: share of processes run without open competition (limited/direct methods and the
-- Brazilian dispensa and inexigibilidade), by count and by value, per group and currency.
-- Only processes whose method is known (is_competitive not NULL); sales (leilão) left out.
WITH lines AS (
    SELECT
        ocid,
        currency,
        is_competitive,
        process_value,
        group_value
    FROM grouped_processes($group_by, $supplier)
    WHERE NOT is_sale AND is_competitive IS NOT NULL
)

SELECT
    group_value AS "group",
    currency,
    COUNT(*) AS processes,
    COUNT(*) FILTER (WHERE NOT is_competitive) AS non_competitive,
    COUNT(*) FILTER (WHERE NOT is_competitive) / COUNT(*) AS share_count,
    SUM(process_value) AS value,
    COALESCE(SUM(process_value) FILTER (WHERE NOT is_competitive), 0) AS non_competitive_value,
    COALESCE(SUM(process_value) FILTER (WHERE NOT is_competitive), 0) / NULLIF(SUM(process_value), 0) AS share_value
FROM lines
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
