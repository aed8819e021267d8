-- BR03 contract value raised beyond the art. 125 limit (Lei 14.133: amendments up to 25% of the initial value):
-- the contract's value in the compiled release exceeds its first published value (earliest release that gives
-- it) by more than `limit` (default 0.25). Needs the process's releases (versions), not only a compiled release;
-- only processes with more than one release and a contract are read.
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
),

first_values AS (
    SELECT
        ocid,
        contract.id ->> '$' AS contract_id,
        ARG_MIN((contract.value.amount ->> '$')::DOUBLE, (date, seq)) AS first_value
    FROM versions
    WHERE json_type(contract.value.amount) IN ('UBIGINT', 'BIGINT', 'DOUBLE')
    GROUP BY ALL
)

SELECT
    'OCID' AS "group",
    k.ocid AS id,
    MAX((k.value - f.first_value) / f.first_value) AS value
FROM contracts AS k
INNER JOIN first_values AS f ON f.ocid = k.ocid AND f.contract_id = k.contract_id
WHERE f.first_value > 0 AND (k.value - f.first_value) / f.first_value > $br03_limit::DOUBLE
GROUP BY k.ocid
ORDER BY id;
