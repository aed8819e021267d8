-- tender_to_award_days: days from tender start (tenderPeriod.startDate) to the first award date,
-- per group: mean, median, quartiles. Processes where either date is missing are left
-- out; negative durations (dates out of order, a data error) are counted apart in `invalid`, not averaged.
WITH lines AS (
    SELECT DISTINCT
        ocid,
        (EPOCH(first_award_date) - EPOCH(tender_start)) / 86400.0 AS days,
        group_value
    FROM grouped_processes($group_by, $supplier)
    WHERE tender_start IS NOT NULL AND first_award_date IS NOT NULL
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
