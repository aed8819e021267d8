-- The contracting processes red flags look at: the filtered processes, minus those Cardinal leaves out of every
-- indicator (a cancelled tender; procurementMethodDetails listed in [exclusions]), with the raw fields Cardinal
-- reads from each compiled release. `currency` is the main currency (the `currency` setting, else the
-- publisher's main currency, else its most used bid currency); `price_comparison` says whether the process's bids compare on price (R024, R028, R058).
CREATE OR REPLACE TEMP TABLE flag_processes AS
WITH bid_currency AS (
    -- A publisher whose only amounts are bids has no main currency yet: use its most used bid currency.
    SELECT
        p.publisher,
        MODE(b.currency ORDER BY b.currency) AS currency
    FROM bids AS b
    INNER JOIN processes AS p USING (ocid)
    WHERE b.currency IS NOT NULL
    GROUP BY p.publisher
),

raw AS (
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
        COALESCE($flag_currency::VARCHAR, p.currency, bid_currency.currency) AS currency,
        c.data ->> '$.buyer.id' AS buyer_id,
        c.data ->> '$.tender.procuringEntity.id' AS procuring_entity_id,
        c.data ->> '$.tender.procurementMethod' AS procurement_method,
        c.data ->> '$.tender.procurementMethodDetails' AS details,
        c.data ->> '$.tender.status' AS tender_status,
        c.data ->> '$.tender.tenderPeriod.startDate' AS tender_start,
        c.data ->> '$.tender.tenderPeriod.endDate' AS tender_end,
        json_type(c.data, '$.awards') = 'ARRAY' AS has_awards,
        json_type(c.data, '$.bids.details') = 'ARRAY' AS has_bids,
        c.data
    FROM filtered_processes AS p
    INNER JOIN compiled_releases AS c USING (ocid)
    LEFT JOIN bid_currency ON bid_currency.publisher IS NOT DISTINCT FROM p.publisher
)

SELECT
    * EXCLUDE (data),
    CASE
        WHEN len($flag_price_details::VARCHAR[]) > 0 THEN list_contains($flag_price_details::VARCHAR[], details)
        ELSE details IS NULL OR NOT list_contains($flag_no_price_details::VARCHAR[], details)
    END AS price_comparison
FROM raw
WHERE COALESCE(tender_status, '') <> 'cancelled'
    AND (details IS NULL OR NOT list_contains($flag_excluded_details::VARCHAR[], details));
