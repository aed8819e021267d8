-- The flag-eligible processes with the fields the bid and award indicators read: from flag_base, the main
-- currency, whether bids compare on price and the tender's end; from each compiled release, parsed at load time
-- (cardinal_processes, loaders/derived.sql), the buyer and procuring entity ids as published (strings only) and
-- whether the release has `awards` and `bids.details`. Only these columns: copying all of flag_base costs more.
CREATE OR REPLACE TEMP TABLE flag_processes AS
SELECT
    b.ocid,
    b.currency,
    b.price_comparison,
    b.tender_end,
    c.buyer_id,
    c.procuring_entity_id,
    c.has_awards,
    c.has_bids
FROM flag_base AS b
INNER JOIN cardinal_processes AS c USING (ocid);
