-- The first published value of each contract of the flag-eligible processes that have more than one release:
-- the amount in the earliest release (by date, then load order) that gives one. Used by BR03.
CREATE OR REPLACE TEMP TABLE contract_versions AS
WITH versioned AS (
    SELECT r.ocid
    FROM releases AS r
    INNER JOIN flag_base AS p USING (ocid)
    WHERE r.ocid IN (SELECT ocid FROM contracts)
    GROUP BY r.ocid
    HAVING COUNT(*) > 1
),

versions AS (
    SELECT
        r.ocid,
        r.date,
        r.seq,
        UNNEST(json_transform(r.data, '{"contracts": [{"id": "JSON", "value": {"amount": "JSON"}}]}').contracts)
            AS contract
    FROM releases AS r
    INNER JOIN versioned USING (ocid)
)

SELECT
    ocid,
    contract.id ->> '$' AS contract_id,
    ARG_MIN((contract.value.amount ->> '$')::DOUBLE, (date, seq)) AS first_value
FROM versions
WHERE json_type(contract.value.amount) IN ('UBIGINT', 'BIGINT', 'DOUBLE')
GROUP BY ALL;
