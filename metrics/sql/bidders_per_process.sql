-- bidders_per_process: mean and median number of tenderers in competitive processes whose number is known,
-- per group. Cancelled tenders and sales (leilão) are left out.
WITH lines AS (
    SELECT
        ocid,
        number_of_tenderers,
        group_value
    FROM grouped_processes($group_by, $supplier)
    WHERE is_competitive
        AND NOT is_sale
        AND number_of_tenderers IS NOT NULL
        AND COALESCE(status, '') <> 'cancelled'
)

SELECT
    group_value AS "group",
    AVG(number_of_tenderers) AS mean,
    MEDIAN(number_of_tenderers) AS median,
    COUNT(*) AS processes
FROM lines
GROUP BY group_value
ORDER BY "group" NULLS LAST;
