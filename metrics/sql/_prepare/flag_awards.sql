-- Awards of the flag-eligible processes, as Cardinal reads them (cardinal_awards, parsed at load time), with
-- `all_final` per process: Cardinal's "complete awards" rule (every award with a status is active, cancelled or
-- unsuccessful; a pending award makes bid-based indicators wait) and the classifications of each awarded item.
-- Statuses are first mapped by [codelists.award_status], as Cardinal's `prepare` does.
CREATE OR REPLACE TEMP TABLE flag_awards AS
WITH mapped AS (
    SELECT
        a.* REPLACE (
            mapped_status(a.status, $flag_award_status_keys::VARCHAR[], $flag_award_status_values::VARCHAR[])
                AS status
        )
    FROM cardinal_awards AS a
    WHERE a.ocid IN (SELECT ocid FROM flag_processes)
),

per_process AS (  -- a GROUP BY and a join, not window functions: no sort of every award by process
    SELECT
        ocid,
        BOOL_AND(status IS NULL OR status IN ('active', 'cancelled', 'unsuccessful')) AS all_final,
        COUNT(*) FILTER (WHERE status = 'active') AS active_awards
    FROM mapped
    GROUP BY ocid
)

SELECT
    m.*,
    p.all_final,
    p.active_awards
FROM mapped AS m
INNER JOIN per_process AS p USING (ocid);
