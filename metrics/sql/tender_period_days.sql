-- tender_period_days: days from the tender period (tenderPeriod.startDate to endDate),
-- per group: mean, median, quartiles. Processes where either date is missing are left
-- out; negative durations (dates out of order, a data error) are counted apart in `invalid`, not averaged.
WITH lines AS (
    SELECT
        ocid,
        days_between(tender_start, tender_end) AS days,
        group_value
    FROM grouped_processes($group_by, $supplier)
    WHERE tender_start IS NOT NULL AND tender_end IS NOT NULL
)

SELECT
    group_value AS "group",
    UNNEST(duration_summary(days))  -- mean, median, p25, p75, processes, invalid (macros.sql)
FROM lines
GROUP BY group_value
ORDER BY "group" NULLS LAST;
