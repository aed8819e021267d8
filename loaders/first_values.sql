-- Run once per load after the chunks of loaders/derived.sql, over every touched ocid: it reads the stored releases,
-- and the touched ones are spread through the whole table, so a run per chunk of 100,000 processes decompressed
-- all of them each time (1M processes: 86 s of derive, 8 s a chunk).
-- The first published value of each contract, for processes with more than one release: the amount in the
-- earliest release (by date, then load order) that gives one as a JSON number. BR03 compares it with the
-- compiled value.
DELETE FROM contract_first_values WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO contract_first_values
WITH versioned AS (
    SELECT r.ocid
    FROM releases AS r
    INNER JOIN touched USING (ocid)
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
    -- Only a text that names the key (plainly, or through an escape) can hold contracts: the JSON of the others
    -- is not parsed.
    WHERE contains(r.data::VARCHAR, '"contracts"') OR contains(r.data::VARCHAR, '\u')
)

SELECT
    ocid,
    contract.id ->> '$' AS contract_id,
    ARG_MIN((contract.value.amount ->> '$')::DOUBLE, (date, seq)) AS first_value
FROM versions
WHERE json_type(contract.value.amount) IN ('UBIGINT', 'BIGINT', 'DOUBLE')
GROUP BY ALL;
