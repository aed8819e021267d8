-- R003 short submission period (Cardinal): the tender period, in whole days (end - start, truncated), is below the
-- threshold for the process: by procurementMethodDetails ([R003.procurement_method_details]), else by normalized
-- procedure type and category ([R003.procedure_type], keys "pregao/goods" or "pregao"; our extension for Lei
-- 14.133 art. 55), else the default threshold. With business_days (art. 55 counts dias úteis), the period is the
-- number of Monday–Friday days after the start up to the end date (art. 183: the first day is left out; holidays
-- are not known, so the count errs towards not flagging). Only methods in procurement_methods, when set.
WITH periods AS (
    SELECT
        ocid,
        details,
        procedure_type,
        category,
        tender_start AS start_at,
        tender_end AS end_at
    FROM flag_base
    WHERE len($r003_procurement_methods::VARCHAR[]) = 0
        OR list_contains($r003_procurement_methods::VARCHAR[], procurement_method)
),

durations AS (
    SELECT
        ocid,
        CASE
            WHEN $r003_business_days::BOOLEAN THEN weekdays_after(start_at::DATE, end_at::DATE)
            ELSE trunc((epoch(end_at) - epoch(start_at)) / 86400)
        END AS days,
        COALESCE(
            ($r003_procurement_method_details_values::INTEGER[])[
                list_position($r003_procurement_method_details_keys::VARCHAR[], details)
            ],
            ($r003_procedure_type_values::INTEGER[])[
                list_position($r003_procedure_type_keys::VARCHAR[], procedure_type || '/' || category)
            ],
            ($r003_procedure_type_values::INTEGER[])[list_position($r003_procedure_type_keys::VARCHAR[], procedure_type)],
            $r003_threshold::INTEGER
        ) AS threshold
    FROM periods
    WHERE start_at IS NOT NULL AND end_at IS NOT NULL
)

SELECT
    'OCID' AS "group",
    ocid AS id,
    1.0 AS value,
    days AS period_days,
    threshold
FROM durations
WHERE days < threshold
ORDER BY id;
