-- R030 late bid won (Cardinal): a valid bid dated after the end of the tender period was submitted by a supplier
-- of an active award. Dates are compared as instants (Cardinal compares the RFC 3339 texts).
WITH late_tenderers AS (  -- one row per tenderer of a late valid bid, to join the winners on (ocid, supplier)
    SELECT
        b.ocid,
        UNNEST(b.tenderer_ids) AS tenderer
    FROM flag_bids AS b
    INNER JOIN flag_processes AS p USING (ocid)
    WHERE p.has_awards
        AND b.status = 'valid'
        AND b.date_at > p.tender_end
),

winners AS (
    SELECT
        ocid,
        UNNEST(supplier_ids) AS supplier
    FROM flag_awards
    WHERE status = 'active'
)

SELECT DISTINCT
    'OCID' AS "group",
    t.ocid AS id,
    1.0 AS value
FROM late_tenderers AS t
SEMI JOIN winners AS w ON w.ocid = t.ocid AND w.supplier = t.tenderer
ORDER BY id;
