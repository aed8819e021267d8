-- tender_to_award_days: days from tender start (tenderPeriod.startDate) to the first award date,
-- per group: mean, median, quartiles. Processes where either date is missing are left
-- out; negative durations (dates out of order, a data error) are counted apart in `invalid`, not averaged.
WITH lines AS (
    SELECT
        ocid,
        days_between(tender_start, first_award_date) AS days,
        group_value
    FROM grouped_processes($group_by, $supplier)
    WHERE tender_start IS NOT NULL AND first_award_date IS NOT NULL
)

SELECT
    group_value AS "group",
    UNNEST(duration_summary(days))  -- mean, median, p25, p75, processes, invalid (macros.sql)
FROM lines
GROUP BY group_value
ORDER BY "group" NULLS LAST;
