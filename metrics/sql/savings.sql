-- savings: estimated value (tender.value) minus awarded value, per group and currency, only for processes where
-- both exist in the main currency and the estimate is above zero; sales (leilão) left out.
WITH lines AS (
    SELECT
        p.ocid,
        p.currency,
        p.tender_value AS estimated,
        p.awarded_total AS awarded,
        group_key(
            $group_by, p.period_date, p.secretariat, NULL, p.procedure_type, p.main_procurement_category, p.publisher
        ) AS group_value
    FROM filtered_processes AS p
    WHERE NOT p.is_sale
        AND p.tender_in_main_currency
        AND p.tender_value > 0
        AND p.awarded_total IS NOT NULL
)

SELECT
    group_value AS "group",
    currency,
    SUM(estimated) AS estimated,
    SUM(awarded) AS awarded,
    SUM(estimated) - SUM(awarded) AS savings,
    (SUM(estimated) - SUM(awarded)) / SUM(estimated) AS savings_share,
    COUNT(*) AS processes
FROM lines
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
