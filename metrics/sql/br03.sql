-- BR03 contract value raised beyond the art. 125 limit (Lei 14.133: amendments up to 25% of the initial value):
-- the contract's value in the compiled release exceeds its first published value (the earliest release that gives
-- it, contract_first_values, made at load time) by more than `limit` (default 0.25). Needs the process's releases
-- (versions), not only a compiled release.
SELECT
    'OCID' AS "group",
    k.ocid AS id,
    MAX((k.value - f.first_value) / f.first_value) AS value
FROM contracts AS k
INNER JOIN flag_base AS p ON p.ocid = k.ocid
INNER JOIN contract_first_values AS f ON f.ocid = k.ocid AND f.contract_id = k.contract_id
WHERE f.first_value > 0 AND (k.value - f.first_value) / f.first_value > $br03_limit::DOUBLE
GROUP BY k.ocid
ORDER BY id;
