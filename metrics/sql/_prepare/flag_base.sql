-- The contracting processes red flags look at: the filtered processes, minus those Cardinal leaves out of every
-- indicator (a cancelled tender; procurementMethodDetails listed in [exclusions]). Flags on process-level fields
-- read this table only; those on bids and awards read flag_processes, which adds the raw JSON fields.
-- `currency` is the main currency (the `currency` setting, else the publisher's main currency, else its most used
-- bid currency); `price_comparison` says whether the process's bids compare on price (R024, R028, R058).
CREATE OR REPLACE TEMP TABLE flag_base AS
WITH bid_currency AS (
    -- A publisher whose only amounts are bids has no main currency yet: use its most used bid currency.
    SELECT
        p.publisher,
        MODE(b.currency ORDER BY b.currency) AS currency
    FROM bids AS b
    INNER JOIN processes AS p USING (ocid)
    WHERE b.currency IS NOT NULL
        AND p.publisher IN (SELECT publisher FROM filtered_processes WHERE currency IS NULL)  -- rare: skip the scan
    GROUP BY p.publisher
)

SELECT
    p.ocid,
    p.publisher,
    p.procedure_type,
    p.main_procurement_category AS category,
    p.is_competitive,
    p.secretariat,
    p.number_of_tenderers,
    p.tender_value,
    p.tender_in_main_currency,
    p.awarded_total,
    p.period_date,
    COALESCE($flag_currency::VARCHAR, p.currency, c.currency) AS currency,
    p.procurement_method,
    p.procurement_method_details AS details,
    p.tender_start,
    p.tender_end,
    CASE
        WHEN len($flag_price_details::VARCHAR[]) > 0
            THEN list_contains($flag_price_details::VARCHAR[], p.procurement_method_details)
        ELSE p.procurement_method_details IS NULL
            OR NOT list_contains($flag_no_price_details::VARCHAR[], p.procurement_method_details)
    END AS price_comparison
FROM filtered_processes AS p
LEFT JOIN bid_currency AS c ON c.publisher IS NOT DISTINCT FROM p.publisher
WHERE COALESCE(p.status, '') <> 'cancelled'
    AND (
        p.procurement_method_details IS NULL
        OR NOT list_contains($flag_excluded_details::VARCHAR[], p.procurement_method_details)
    );
