-- tender_to_award_days: days from tender start (tenderPeriod.startDate) to the first award date,
-- per group: mean, median, quartiles. Processes where either date is missing are left
-- out; negative durations (dates out of order, a data error) are counted apart in `invalid`, not averaged.
WITH lines AS (
    SELECT DISTINCT
        p.ocid,
        (EPOCH(p.first_award_date) - EPOCH(p.tender_start)) / 86400.0 AS days,
        group_key(
            $group_by, p.period_date, p.secretariat, s.supplier_id, p.procedure_type,
            p.main_procurement_category, p.publisher
        ) AS group_value
    FROM filtered_processes AS p
    LEFT JOIN award_suppliers AS s
        ON $group_by = 'supplier'
        AND s.ocid = p.ocid
        AND ($supplier::VARCHAR IS NULL OR s.supplier_id = $supplier::VARCHAR)
    WHERE p.tender_start IS NOT NULL AND p.first_award_date IS NOT NULL
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
