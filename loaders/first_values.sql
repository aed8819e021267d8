-- Run once per load after the chunks of loaders/derived.sql, over every touched ocid: it reads the stored releases,
-- and the touched ones are spread through the whole table, so a run per chunk of 100,000 processes decompressed
-- all of them each time (1M processes: 86 s of derive, 8 s a chunk).
-- The first published value of each contract, for processes with more than one release: the amount in the
-- earliest release (by date, then load order) that gives one as a JSON number. BR03 compares it with the
-- compiled value.
-- The native merge takes these values while it merges (native/painel_merge/src/first_values.rs) for the ocids in
-- `merged_first_done` (TEMP tables loaders/compile.py leaves); the SQL below computes the others, reading their
-- stored releases again. Without those tables, nothing was taken while merging.
CREATE TEMP TABLE IF NOT EXISTS merged_first_values (ocid VARCHAR, contract_id VARCHAR, first_value DOUBLE);
CREATE TEMP TABLE IF NOT EXISTS merged_first_done (ocid VARCHAR);
DELETE FROM contract_first_values WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO contract_first_values SELECT * FROM merged_first_values;
INSERT INTO contract_first_values
WITH versioned AS (
    SELECT r.ocid
    FROM releases AS r
    INNER JOIN touched USING (ocid)
    WHERE r.ocid NOT IN (SELECT ocid FROM merged_first_done)
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

DROP TABLE merged_first_values;
DROP TABLE merged_first_done;
