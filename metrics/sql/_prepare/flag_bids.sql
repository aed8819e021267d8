-- Bids (bids.details) of the flag-eligible processes, in published order, as Cardinal reads them: amount only
-- when a JSON number, status, currency, date and tenderer ids only when strings. `submitted` bids are those with a
-- status other than invited or withdrawn (Cardinal's "submitted bid"). Statuses are first mapped by
-- [codelists.bid_status], as Cardinal's `prepare` command does (e.g. qualified = valid).
CREATE OR REPLACE TEMP TABLE flag_bids AS
WITH bids AS (
    SELECT
        ocid,
        UNNEST(bids) AS bid,
        GENERATE_SUBSCRIPTS(bids, 1) AS position
    FROM flag_processes
    WHERE has_bids
)

SELECT
    ocid,
    position,
    CASE WHEN json_type(bid.status) = 'VARCHAR' THEN COALESCE(
        ($flag_bid_status_values::VARCHAR[])[list_position($flag_bid_status_keys::VARCHAR[], bid.status ->> '$')],
        bid.status ->> '$'
    ) END AS status,
    CASE WHEN json_type(bid.value.amount) IN ('UBIGINT', 'BIGINT', 'DOUBLE')
        THEN (bid.value.amount ->> '$')::DOUBLE END AS amount,
    CASE WHEN json_type(bid.value.currency) = 'VARCHAR' THEN bid.value.currency ->> '$' END AS currency,
    CASE WHEN json_type(bid.date) = 'VARCHAR' THEN bid.date ->> '$' END AS date,
    bid.tenderers IS NOT NULL AS has_tenderers,
    COALESCE(len(bid.tenderers), 0) AS tenderer_count,
    list_transform(
        list_filter(bid.tenderers, lambda t: json_type(t.id) = 'VARCHAR'),
        lambda t: t.id ->> '$'
    ) AS tenderer_ids
FROM bids;
