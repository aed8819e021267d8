-- Awards of the flagged-eligible processes, as Cardinal reads them, with `all_final` per process: Cardinal's
-- "complete awards" rule (every award with a status is active, cancelled or unsuccessful; a pending award makes
-- bid-based indicators wait), and the first `digits` characters of the classification of each awarded item.
CREATE OR REPLACE TEMP TABLE flag_awards AS
WITH raw AS (
    SELECT
        p.ocid,
        json_extract(c.data, '$.awards[*]') AS awards
    FROM flag_processes AS p
    INNER JOIN compiled_releases AS c USING (ocid)
    WHERE p.has_awards
),

awards AS (
    SELECT
        ocid,
        UNNEST(awards) AS award,
        GENERATE_SUBSCRIPTS(awards, 1) AS position
    FROM raw
),

parsed AS (
    SELECT
        ocid,
        position,
        CASE WHEN json_type(award, '$.status') = 'VARCHAR' THEN COALESCE(
            ($flag_award_status_values::VARCHAR[])[
                list_position($flag_award_status_keys::VARCHAR[], award ->> '$.status')
            ],
            award ->> '$.status'
        ) END AS status,
        json_type(award, '$.suppliers') = 'ARRAY' AS has_suppliers,
        COALESCE(json_array_length(award, '$.suppliers'), 0) AS supplier_count,
        list_transform(
            list_filter(json_extract(award, '$.suppliers[*].id'), lambda id: json_type(id) = 'VARCHAR'),
            lambda id: id ->> '$'
        ) AS supplier_ids,
        json_type(award, '$.suppliers[0].id') = 'VARCHAR' AS first_supplier_has_id,
        json_type(award, '$.items') = 'ARRAY' AS has_items,
        list_transform(
            list_filter(json_extract(award, '$.items[*].classification.id'), lambda id: json_type(id) = 'VARCHAR'),
            lambda id: id ->> '$'
        ) AS classifications
    FROM awards
)

SELECT
    *,
    BOOL_AND(status IS NULL OR status IN ('active', 'cancelled', 'unsuccessful')) OVER (PARTITION BY ocid) AS all_final,
    COUNT(*) FILTER (WHERE status = 'active') OVER (PARTITION BY ocid) AS active_awards
FROM parsed;
