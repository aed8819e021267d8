-- process_detail (part=bids): the bids of one process (bid extension), with their tenderers' names.
WITH bid_rows AS (
    SELECT ROW_NUMBER() OVER () AS n, * FROM bids WHERE ocid = $ocid
),

names AS (
    SELECT
        b.n,
        STRING_AGG(COALESCE(o.name, t.id), '; ' ORDER BY t.id) AS tenderer_names
    FROM bid_rows AS b, UNNEST(b.tenderer_ids) AS t (id)
    LEFT JOIN organizations AS o ON o.org_id = t.id
    GROUP BY b.n
)

SELECT
    b.bid_id,
    b.date,
    b.status,
    b.value,
    b.currency,
    b.tenderer_ids,
    n.tenderer_names
FROM bid_rows AS b
LEFT JOIN names AS n USING (n)
ORDER BY b.value NULLS LAST, b.bid_id;
