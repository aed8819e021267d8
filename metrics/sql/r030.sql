-- R030 late bid won (Cardinal): a valid bid dated after the end of the tender period was submitted by a supplier
-- of an active award. Dates are compared as instants (Cardinal compares the RFC 3339 texts). The few late bids are
-- found first (flag_bids.after_deadline), and only then joined to the processes and the awards.
WITH late_tenderers AS (  -- one row per tenderer of a late valid bid
    SELECT
        b.ocid,
        UNNEST(b.tenderer_ids) AS tenderer
    FROM flag_bids AS b
    INNER JOIN flag_processes AS p USING (ocid)
    WHERE p.has_awards AND b.status = 'valid' AND b.after_deadline
)

SELECT DISTINCT
    'OCID' AS "group",
    t.ocid AS id,
    1.0 AS value
FROM late_tenderers AS t
INNER JOIN flag_awards AS w ON w.ocid = t.ocid
WHERE w.status = 'active' AND list_contains(w.supplier_ids, t.tenderer)
ORDER BY id;
