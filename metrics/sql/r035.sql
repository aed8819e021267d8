-- R035 all except winning bid disqualified (Cardinal): in a process whose awards are all final, exactly one
-- tenderer has valid bids, it is exactly the set of suppliers of the active awards, and at least `threshold`
-- (default 1) other tenderers have disqualified bids. The value is the number of those other tenderers.
-- Sets are compared as rows (one per process and id), not as lists: list functions on every process cost more.
-- A process can only be flagged if it has a disqualified bid, so those processes are found first and only their
-- valid bids are read (1M processes: 0.30 -> 0.15 s): most processes have none.
WITH disqualified_tenderers AS (
    SELECT DISTINCT
        ocid,
        UNNEST(tenderer_ids) AS tenderer
    FROM flag_bids
    WHERE status = 'disqualified'
),

valid_tenderers AS (
    SELECT DISTINCT
        b.ocid,
        UNNEST(b.tenderer_ids) AS tenderer
    FROM flag_bids AS b
    SEMI JOIN disqualified_tenderers AS d ON d.ocid = b.ocid
    SEMI JOIN flag_awards AS a ON a.ocid = b.ocid AND a.all_final
    WHERE b.status = 'valid'
),

single_valid AS (
    SELECT
        ocid,
        ANY_VALUE(tenderer) AS winner
    FROM valid_tenderers
    GROUP BY ocid
    HAVING COUNT(*) = 1
),

active_suppliers AS (
    SELECT DISTINCT
        a.ocid,
        UNNEST(a.supplier_ids) AS supplier
    FROM flag_awards AS a
    SEMI JOIN single_valid AS v ON v.ocid = a.ocid
    WHERE a.status = 'active'
),

matched AS (  -- the active awards' suppliers are exactly the one valid tenderer
    SELECT
        v.ocid,
        v.winner
    FROM single_valid AS v
    INNER JOIN active_suppliers AS s USING (ocid)
    GROUP BY v.ocid, v.winner
    HAVING COUNT(*) = 1 AND BOOL_AND(s.supplier = v.winner)
),

compared AS (
    SELECT
        m.ocid,
        COUNT(*) AS others
    FROM matched AS m
    INNER JOIN disqualified_tenderers AS t ON t.ocid = m.ocid AND t.tenderer <> m.winner
    GROUP BY m.ocid
)

SELECT
    'OCID' AS "group",
    ocid AS id,
    others::DOUBLE AS value
FROM compared
WHERE others >= GREATEST($r035_threshold::INTEGER, 1)
ORDER BY id;
