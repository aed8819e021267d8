-- Bids (bids.details) of the flagged-eligible processes, in published order, as Cardinal reads them: amount only
-- when a JSON number, currency and tenderer ids only when strings. `submitted` = a status other than invited or
-- withdrawn (Cardinal's "submitted bid"). Statuses are first mapped by [codelists.bid_status], as Cardinal's
-- `prepare` command does (e.g. qualified = valid).
CREATE OR REPLACE TEMP TABLE flag_bids AS
WITH details AS (
    SELECT
        p.ocid,
        json_extract(c.data, '$.bids.details[*]') AS bids
    FROM flag_processes AS p
    INNER JOIN compiled_releases AS c USING (ocid)
    WHERE p.has_bids
),

bids AS (
    SELECT
        ocid,
        UNNEST(bids) AS bid,
        GENERATE_SUBSCRIPTS(bids, 1) AS position
    FROM details
)

SELECT
    ocid,
    position,
    CASE WHEN json_type(bid, '$.status') = 'VARCHAR' THEN COALESCE(
        ($flag_bid_status_values::VARCHAR[])[list_position($flag_bid_status_keys::VARCHAR[], bid ->> '$.status')],
        bid ->> '$.status'
    ) END AS status,
    CASE WHEN json_type(bid, '$.value.amount') IN ('UBIGINT', 'BIGINT', 'DOUBLE')
        THEN (bid ->> '$.value.amount')::DOUBLE END AS amount,
    CASE WHEN json_type(bid, '$.value.currency') = 'VARCHAR' THEN bid ->> '$.value.currency' END AS currency,
    CASE WHEN json_type(bid, '$.date') = 'VARCHAR' THEN bid ->> '$.date' END AS date,
    json_type(bid, '$.tenderers') = 'ARRAY' AS has_tenderers,
    COALESCE(json_array_length(bid, '$.tenderers'), 0) AS tenderer_count,
    list_transform(
        list_filter(json_extract(bid, '$.tenderers[*].id'), lambda id: json_type(id) = 'VARCHAR'),
        lambda id: id ->> '$'
    ) AS tenderer_ids
FROM bids;
