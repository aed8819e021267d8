-- The contracting processes red flags look at: the filtered processes, minus those Cardinal leaves out of every
-- indicator (a cancelled tender; procurementMethodDetails listed in [exclusions]), with the raw fields Cardinal
-- reads from each compiled release, parsed once (json_transform) into typed columns; `awards` and `bids` keep the
-- fields of each award and bid as JSON leaves, so Cardinal's type checks (string, number, array) still apply.
-- `currency` is the main currency (the `currency` setting, else the publisher's main currency, else its most used
-- bid currency); `price_comparison` says whether the process's bids compare on price (R024, R028, R058).
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

parsed AS (
    SELECT
        p.*,
        COALESCE($flag_currency::VARCHAR, p.currency, bid_currency.currency) AS flag_currency,
        json_transform(c.data, '{
            "buyer": {"id": "JSON"},
            "tender": {
                "procuringEntity": {"id": "JSON"},
                "procurementMethod": "JSON",
                "procurementMethodDetails": "JSON",
                "status": "JSON",
                "tenderPeriod": {"startDate": "JSON", "endDate": "JSON"}
            },
            "awards": [{
                "status": "JSON",
                "suppliers": [{"id": "JSON"}],
                "items": [{"classification": {"id": "JSON"}}]
            }],
            "bids": {"details": [{
                "status": "JSON",
                "date": "JSON",
                "value": {"amount": "JSON", "currency": "JSON"},
                "tenderers": [{"id": "JSON"}]
            }]}
        }') AS j
    FROM filtered_processes AS p
    INNER JOIN compiled_releases AS c USING (ocid)
    LEFT JOIN bid_currency ON bid_currency.publisher IS NOT DISTINCT FROM p.publisher
),

raw AS (
    SELECT
        ocid,
        publisher,
        procedure_type,
        main_procurement_category AS category,
        is_competitive,
        secretariat,
        number_of_tenderers,
        tender_value,
        tender_in_main_currency,
        awarded_total,
        period_date,
        flag_currency AS currency,
        CASE WHEN json_type(j.buyer.id) = 'VARCHAR' THEN j.buyer.id ->> '$' END AS buyer_id,
        CASE WHEN json_type(j.tender.procuringEntity.id) = 'VARCHAR'
            THEN j.tender.procuringEntity.id ->> '$' END AS procuring_entity_id,
        j.tender.procurementMethod ->> '$' AS procurement_method,
        j.tender.procurementMethodDetails ->> '$' AS details,
        j.tender.status ->> '$' AS tender_status,
        j.tender.tenderPeriod.startDate ->> '$' AS tender_start,
        j.tender.tenderPeriod.endDate ->> '$' AS tender_end,
        j.awards IS NOT NULL AS has_awards,
        j.bids.details IS NOT NULL AS has_bids,
        j.awards AS awards,
        j.bids.details AS bids
    FROM parsed
)

SELECT
    *,
    CASE
        WHEN len($flag_price_details::VARCHAR[]) > 0 THEN list_contains($flag_price_details::VARCHAR[], details)
        ELSE details IS NULL OR NOT list_contains($flag_no_price_details::VARCHAR[], details)
    END AS price_comparison
FROM raw
WHERE COALESCE(tender_status, '') <> 'cancelled'
    AND (details IS NULL OR NOT list_contains($flag_excluded_details::VARCHAR[], details));
