-- Awards of the flag-eligible processes, as Cardinal reads them, with `all_final` per process: Cardinal's
-- "complete awards" rule (every award with a status is active, cancelled or unsuccessful; a pending award makes
-- bid-based indicators wait) and the classifications of each awarded item. Statuses are first mapped by
-- [codelists.award_status], as Cardinal's `prepare` does.
CREATE OR REPLACE TEMP TABLE flag_awards AS
WITH awards AS (
    SELECT
        ocid,
        UNNEST(awards) AS award,
        GENERATE_SUBSCRIPTS(awards, 1) AS position
    FROM flag_processes
    WHERE has_awards
),

parsed AS (
    SELECT
        ocid,
        position,
        CASE WHEN json_type(award.status) = 'VARCHAR' THEN COALESCE(
            ($flag_award_status_values::VARCHAR[])[
                list_position($flag_award_status_keys::VARCHAR[], award.status ->> '$')
            ],
            award.status ->> '$'
        ) END AS status,
        award.suppliers IS NOT NULL AS has_suppliers,
        COALESCE(len(award.suppliers), 0) AS supplier_count,
        list_transform(
            list_filter(award.suppliers, lambda s: json_type(s.id) = 'VARCHAR'),
            lambda s: s.id ->> '$'
        ) AS supplier_ids,
        json_type(award.suppliers[1].id) = 'VARCHAR' AS first_supplier_has_id,
        award.items IS NOT NULL AS has_items,
        list_transform(
            list_filter(award.items, lambda i: json_type(i.classification.id) = 'VARCHAR'),
            lambda i: i.classification.id ->> '$'
        ) AS classifications
    FROM awards
)

SELECT
    *,
    BOOL_AND(status IS NULL OR status IN ('active', 'cancelled', 'unsuccessful')) OVER (PARTITION BY ocid) AS all_final,
    COUNT(*) FILTER (WHERE status = 'active') OVER (PARTITION BY ocid) AS active_awards
FROM parsed;
