-- R036 lowest bid disqualified (Cardinal): a process with an active award whose lowest submitted bid in the main
-- currency (the first in published order on a tie) is disqualified.
-- Only a process with a disqualified bid in the main currency can have it lowest, so the minimum is taken for those
-- processes alone, and the processes' table is read only to find them (1M processes: 0.35 -> 0.08 s).
WITH candidates AS (
    SELECT DISTINCT
        b.ocid,
        p.currency
    FROM flag_bids AS b
    INNER JOIN flag_processes AS p USING (ocid)
    WHERE b.status = 'disqualified' AND b.amount IS NOT NULL AND b.currency = p.currency
),

lowest AS (
    SELECT
        b.ocid,
        ARG_MIN(b.status, (b.amount, b.position)) AS status
    FROM flag_bids AS b
    INNER JOIN candidates AS c ON c.ocid = b.ocid AND c.currency = b.currency
    WHERE b.status IS NOT NULL
        AND b.status NOT IN ('invited', 'withdrawn')
        AND b.amount IS NOT NULL
    GROUP BY b.ocid
)

SELECT
    'OCID' AS "group",
    l.ocid AS id,
    1.0 AS value
FROM lowest AS l
SEMI JOIN (SELECT ocid FROM flag_awards WHERE status = 'active') AS a USING (ocid)
WHERE l.status = 'disqualified'
ORDER BY id;
