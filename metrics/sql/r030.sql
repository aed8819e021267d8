-- R030 late bid won (Cardinal): a valid bid dated after the end of the tender period was submitted by a supplier
-- of an active award. Dates are compared as instants (Cardinal compares the RFC 3339 texts).
WITH winners AS (
    SELECT DISTINCT
        ocid,
        UNNEST(supplier_ids) AS supplier
    FROM flag_awards
    WHERE status = 'active'
)

SELECT DISTINCT
    'OCID' AS "group",
    p.ocid AS id,
    1.0 AS value
FROM flag_processes AS p
INNER JOIN flag_bids AS b USING (ocid)
INNER JOIN winners AS w ON w.ocid = b.ocid AND list_contains(b.tenderer_ids, w.supplier)
WHERE p.has_awards
    AND b.status = 'valid'
    AND TRY_CAST(b.date AS TIMESTAMPTZ) > p.tender_end
ORDER BY id;
