-- flag_base plus the raw fields Cardinal reads from each compiled release, parsed once (json_transform) into
-- typed columns: buyer and procuring entity ids (strings only), and `awards` and `bids` with the fields of each
-- award and bid kept as JSON leaves, so Cardinal's type checks (string, number, array) still apply.
CREATE OR REPLACE TEMP TABLE flag_processes AS
WITH parsed AS (
    SELECT
        b.*,
        json_transform(c.data, '{
            "buyer": {"id": "JSON"},
            "tender": {"procuringEntity": {"id": "JSON"}},
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
    FROM flag_base AS b
    INNER JOIN compiled_releases AS c USING (ocid)
)

SELECT
    * EXCLUDE (j),
    CASE WHEN json_type(j.buyer.id) = 'VARCHAR' THEN j.buyer.id ->> '$' END AS buyer_id,
    CASE WHEN json_type(j.tender.procuringEntity.id) = 'VARCHAR'
        THEN j.tender.procuringEntity.id ->> '$' END AS procuring_entity_id,
    j.awards IS NOT NULL AS has_awards,
    j.bids.details IS NOT NULL AS has_bids,
    j.awards AS awards,
    j.bids.details AS bids
FROM parsed;
