-- R036 lowest bid disqualified (Cardinal): a process with an active award whose lowest submitted bid in the main
-- currency (the first in published order on a tie) is disqualified.
WITH active AS (
    SELECT DISTINCT ocid FROM flag_awards WHERE status = 'active'
),

lowest AS (
    SELECT
        b.ocid,
        ARG_MIN(b.status, (b.amount, b.position)) AS status
    FROM flag_bids AS b
    INNER JOIN active AS a USING (ocid)
    INNER JOIN flag_processes AS p USING (ocid)
    WHERE b.status IS NOT NULL
        AND b.status NOT IN ('invited', 'withdrawn')
        AND b.amount IS NOT NULL
        AND b.currency = p.currency
    GROUP BY b.ocid
)

SELECT
    'OCID' AS "group",
    ocid AS id,
    1.0 AS value
FROM lowest
WHERE status = 'disqualified'
ORDER BY id;
