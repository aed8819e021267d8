-- R035 all except winning bid disqualified (Cardinal): in a process whose awards are all final, exactly one
-- tenderer has valid bids, it is exactly the set of suppliers of the active awards, and at least `threshold`
-- (default 1) other tenderers have disqualified bids. The value is the number of those other tenderers.
WITH final AS (
    SELECT DISTINCT ocid
    FROM flag_awards
    WHERE all_final
),

suppliers AS (
    SELECT
        f.ocid,
        list_sort(list_distinct(flatten(COALESCE(LIST(a.supplier_ids) FILTER (WHERE a.status = 'active'), []))))
            AS supplier_set
    FROM final AS f
    LEFT JOIN flag_awards AS a USING (ocid)
    GROUP BY f.ocid
),

bidders AS (
    SELECT
        b.ocid,
        list_sort(list_distinct(flatten(COALESCE(LIST(b.tenderer_ids) FILTER (WHERE b.status = 'valid'), []))))
            AS valid_set,
        list_distinct(flatten(COALESCE(LIST(b.tenderer_ids) FILTER (WHERE b.status = 'disqualified'), [])))
            AS disqualified_set
    FROM flag_bids AS b
    INNER JOIN final AS f USING (ocid)
    GROUP BY b.ocid
),

compared AS (
    SELECT
        b.ocid,
        len(list_filter(b.disqualified_set, lambda id: NOT list_contains(b.valid_set, id))) AS others
    FROM bidders AS b
    INNER JOIN suppliers AS s USING (ocid)
    WHERE len(b.valid_set) = 1 AND b.valid_set = s.supplier_set
)

SELECT
    'OCID' AS "group",
    ocid AS id,
    others::DOUBLE AS value
FROM compared
WHERE others >= GREATEST($r035_threshold::INTEGER, 1)
ORDER BY id;
