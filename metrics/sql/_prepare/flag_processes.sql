-- flag_base plus the process-level fields Cardinal reads from each compiled release, parsed at load time
-- (cardinal_processes, loaders/derived.sql): buyer and procuring entity ids as published (strings only), and
-- whether the release has `awards` and `bids.details`.
CREATE OR REPLACE TEMP TABLE flag_processes AS
SELECT
    b.*,
    c.buyer_id,
    c.procuring_entity_id,
    c.has_awards,
    c.has_bids
FROM flag_base AS b
INNER JOIN cardinal_processes AS c USING (ocid);
