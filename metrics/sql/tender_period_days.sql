-- tender_period_days: days from the tender period (tenderPeriod.startDate to endDate),
-- per group: mean, median, quartiles. Processes where either date is missing are left
-- out; negative durations (dates out of order, a data error) are counted apart in `invalid`, not averaged.
WITH lines AS (
    SELECT DISTINCT
        ocid,
        (EPOCH(tender_end) - EPOCH(tender_start)) / 86400.0 AS days,
        group_value
    FROM grouped_processes($group_by, $supplier)
    WHERE tender_start IS NOT NULL AND tender_end IS NOT NULL
)

SELECT
    group_value AS "group",
    AVG(days) FILTER (WHERE days >= 0) AS mean,
    MEDIAN(days) FILTER (WHERE days >= 0) AS median,
    QUANTILE_CONT(days, 0.25) FILTER (WHERE days >= 0) AS p25,
    QUANTILE_CONT(days, 0.75) FILTER (WHERE days >= 0) AS p75,
    COUNT(*) FILTER (WHERE days >= 0) AS processes,
    COUNT(*) FILTER (WHERE days < 0) AS invalid
FROM lines
GROUP BY group_value
ORDER BY "group" NULLS LAST;
