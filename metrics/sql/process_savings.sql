-- process_savings: per process, estimated value, awarded value and the difference, where both exist in the main
-- currency and the estimate is above zero; sales (leilão) left out. Largest savings first.
WITH chosen AS (
    SELECT
        p.ocid,
        p.secretariat,
        p.procedure_type,
        p.currency,
        p.tender_value AS estimated,
        p.awarded_total AS awarded,
        p.tender_value - p.awarded_total AS savings,
        (p.tender_value - p.awarded_total) / p.tender_value AS savings_share,
        p.period_date
    FROM filtered_processes AS p
    WHERE NOT p.is_sale
        AND p.tender_in_main_currency
        AND p.tender_value > 0
        AND p.awarded_total IS NOT NULL
    ORDER BY savings DESC, p.ocid
    LIMIT $limit
)

SELECT
    c.ocid,
    t.title,  -- a text filtered_processes leaves out, read for the chosen rows only
    c.* EXCLUDE (ocid)
FROM chosen AS c
INNER JOIN processes AS t USING (ocid)
ORDER BY c.savings DESC, c.ocid;
