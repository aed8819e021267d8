-- Per-process tables parsed from the JSON at load time, so that red flags and the data-quality checklist do not
-- parse compiled releases and release histories on every query. Run at the end of every load (inside its
-- transaction, after the flat tables are filled); only the ocids in the TEMP table `touched` are recomputed, so a
-- small load refreshes little. It reads the compiled releases' leaf tables loaders/flatten.py made for the flat
-- tables (loaders/leaves.sql says what they hold; loaders/postprocess.py lets them go after). Values keep the JSON
-- types Cardinal checks: a status or an id only when a string, an amount only when a number; codelist mappings are
-- settings and are applied at query time (metrics/).

-- Whether a leaf (loaders/leaves.sql) is non-empty as ocdscardinal.coverage() counts it: not missing, null, "", []
-- or {}.
CREATE OR REPLACE TEMP MACRO nonempty(x) AS
    coalesce(x.v <> '' AND NOT (x.t IN ('ARRAY', 'OBJECT') AND x.v IN ('[]', '{}')), false);

-- A leaf's text when it is a string, else NULL.
CREATE OR REPLACE TEMP MACRO json_string(x) AS CASE WHEN x.t = 'VARCHAR' THEN x.v END;

DELETE FROM cardinal_processes WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO cardinal_processes
SELECT
    ocid,
    json_string(buyer_id) AS buyer_id,
    json_string(entity_id) AS procuring_entity_id,
    has_awards,
    has_bids
FROM leaf_release;

DELETE FROM cardinal_awards WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO cardinal_awards
WITH suppliers AS (
    SELECT
        ocid,
        owner,
        list(id.v ORDER BY position) FILTER (WHERE id.t = 'VARCHAR') AS ids,
        arg_min(id, position) FILTER (WHERE position = 1) AS first_id
    FROM leaf_reference
    WHERE kind = 'supplier'
    GROUP BY ocid, owner
),

classifications AS (
    SELECT
        ocid,
        owner,
        list(classification_id.v ORDER BY position) FILTER (WHERE classification_id.t = 'VARCHAR') AS ids
    FROM leaf_item
    WHERE stage = 'award'
    GROUP BY ocid, owner
)

SELECT
    a.ocid,
    a.position,
    json_string(a.status) AS status,
    a.suppliers IS NOT NULL AS has_suppliers,
    COALESCE(a.suppliers, 0) AS supplier_count,
    CASE WHEN a.suppliers IS NOT NULL THEN COALESCE(s.ids, []) END AS supplier_ids,
    s.first_id.t = 'VARCHAR' AS first_supplier_has_id,
    a.has_items,
    CASE WHEN a.has_items THEN COALESCE(c.ids, []) END AS classifications
FROM leaf_award AS a
LEFT JOIN suppliers AS s ON s.ocid = a.ocid AND s.owner = a.position
LEFT JOIN classifications AS c ON c.ocid = a.ocid AND c.owner = a.position;

DELETE FROM cardinal_bids WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO cardinal_bids
WITH bidders AS (
    SELECT
        ocid,
        owner,
        list(id.v ORDER BY position) FILTER (WHERE id.t = 'VARCHAR') AS ids
    FROM leaf_reference
    WHERE kind = 'bidder'
    GROUP BY ocid, owner
)

SELECT
    b.ocid,
    b.position,
    json_string(b.status) AS status,
    CASE WHEN b.amount.t IN ('UBIGINT', 'BIGINT', 'DOUBLE') THEN b.amount.v::DOUBLE END AS amount,
    json_string(b.currency) AS currency,
    json_string(b.date) AS date,
    b.tenderers IS NOT NULL AS has_tenderers,
    COALESCE(b.tenderers, 0) AS tenderer_count,
    CASE WHEN b.tenderers IS NOT NULL THEN COALESCE(t.ids, []) END AS tenderer_ids
FROM leaf_bid AS b
LEFT JOIN bidders AS t ON t.ocid = b.ocid AND t.owner = b.position;

-- The data-quality checklist: a new field is a new column below, named "<stage> <path>", plus its leaf in the leaf
-- tables (native/painel_merge/src/leaves.rs and loaders/leaves.sql; then load everything again: the counts of the
-- processes already loaded follow the checklist they were counted with). A list's count is summed over its elements.
-- One column per field, not a list of {stage, path, occurrences} per process: building 37 structs with their texts
-- for each process took 0.9 s of a 100k-process load.
CREATE OR REPLACE TEMP TABLE checked_releases AS
WITH parties AS (
    SELECT
        ocid,
        count(*) FILTER (WHERE nonempty(identifier_id)) AS identifier_id,
        count(*) FILTER (WHERE nonempty(locality)) AS locality,
        count(*) FILTER (WHERE nonempty(scale)) AS scale
    FROM leaf_party
    GROUP BY ocid
),

references_ AS (
    SELECT
        ocid,
        count(*) FILTER (WHERE kind = 'tenderer' AND nonempty(id)) AS tenderer_id,
        count(*) FILTER (WHERE kind = 'bidder' AND nonempty(id)) AS bidder_id,
        count(*) FILTER (WHERE kind = 'supplier' AND nonempty(id)) AS supplier_id
    FROM leaf_reference
    WHERE kind IN ('tenderer', 'bidder', 'supplier')
    GROUP BY ocid
),

items AS (
    SELECT
        ocid,
        count(*) FILTER (WHERE stage = 'tender' AND nonempty(classification_id)) AS tender_classification,
        count(*) FILTER (WHERE stage = 'award' AND nonempty(classification_id)) AS award_classification
    FROM leaf_item
    WHERE stage IN ('tender', 'award')
    GROUP BY ocid
),

bids AS (
    SELECT
        ocid,
        count(*) FILTER (WHERE nonempty(amount)) AS amount,
        count(*) FILTER (WHERE nonempty(status)) AS status,
        count(*) FILTER (WHERE nonempty(date)) AS date
    FROM leaf_bid
    GROUP BY ocid
),

awards AS (
    SELECT
        ocid,
        count(*) FILTER (WHERE nonempty(id)) AS id,
        count(*) FILTER (WHERE nonempty(status)) AS status,
        count(*) FILTER (WHERE nonempty(date)) AS date,
        count(*) FILTER (WHERE nonempty(amount)) AS amount
    FROM leaf_award
    GROUP BY ocid
),

contracts AS (
    SELECT
        ocid,
        count(*) FILTER (WHERE nonempty(id)) AS id,
        count(*) FILTER (WHERE nonempty(award_id)) AS award_id,
        count(*) FILTER (WHERE nonempty(status)) AS status,
        count(*) FILTER (WHERE nonempty(date_signed)) AS date_signed,
        count(*) FILTER (WHERE nonempty(amount)) AS amount,
        sum(len(list_filter(amendment_ids, lambda x: nonempty(x)))) AS amendment_id
    FROM leaf_contract
    GROUP BY ocid
),

transactions AS (
    SELECT
        ocid,
        count(*) FILTER (WHERE nonempty(value_amount)) AS amount,
        count(*) FILTER (WHERE nonempty(date)) AS date
    FROM leaf_transaction
    GROUP BY ocid
)

SELECT
    r.ocid,
    nonempty(r.planning_amount)::INTEGER AS "planning /planning/budget/amount/amount",
    nonempty(r.planning_rationale)::INTEGER AS "planning /planning/rationale",
    nonempty(r.buyer_id)::INTEGER AS "tender /buyer/id",
    nonempty(r.tender_id)::INTEGER AS "tender /tender/id",
    nonempty(r.tender_title)::INTEGER AS "tender /tender/title",
    nonempty(r.tender_status)::INTEGER AS "tender /tender/status",
    nonempty(r.tender_method)::INTEGER AS "tender /tender/procurementMethod",
    nonempty(r.tender_method_details)::INTEGER AS "tender /tender/procurementMethodDetails",
    nonempty(r.tender_category)::INTEGER AS "tender /tender/mainProcurementCategory",
    nonempty(r.entity_id)::INTEGER AS "tender /tender/procuringEntity/id",
    nonempty(r.tender_amount)::INTEGER AS "tender /tender/value/amount",
    nonempty(r.tender_start)::INTEGER AS "tender /tender/tenderPeriod/startDate",
    nonempty(r.tender_end)::INTEGER AS "tender /tender/tenderPeriod/endDate",
    nonempty(r.tender_number_of_tenderers)::INTEGER AS "tender /tender/numberOfTenderers",
    COALESCE(f.tenderer_id, 0)::INTEGER AS "tender /tender/tenderers[]/id",
    COALESCE(i.tender_classification, 0)::INTEGER AS "tender /tender/items[]/classification/id",
    COALESCE(p.identifier_id, 0)::INTEGER AS "tender /parties[]/identifier/id",
    COALESCE(p.locality, 0)::INTEGER AS "tender /parties[]/address/locality",
    COALESCE(p.scale, 0)::INTEGER AS "tender /parties[]/details/scale",
    COALESCE(b.amount, 0)::INTEGER AS "bids /bids/details[]/value/amount",
    COALESCE(b.status, 0)::INTEGER AS "bids /bids/details[]/status",
    COALESCE(b.date, 0)::INTEGER AS "bids /bids/details[]/date",
    COALESCE(f.bidder_id, 0)::INTEGER AS "bids /bids/details[]/tenderers[]/id",
    COALESCE(a.id, 0)::INTEGER AS "award /awards[]/id",
    COALESCE(a.status, 0)::INTEGER AS "award /awards[]/status",
    COALESCE(a.date, 0)::INTEGER AS "award /awards[]/date",
    COALESCE(a.amount, 0)::INTEGER AS "award /awards[]/value/amount",
    COALESCE(f.supplier_id, 0)::INTEGER AS "award /awards[]/suppliers[]/id",
    COALESCE(i.award_classification, 0)::INTEGER AS "award /awards[]/items[]/classification/id",
    COALESCE(c.id, 0)::INTEGER AS "contract /contracts[]/id",
    COALESCE(c.award_id, 0)::INTEGER AS "contract /contracts[]/awardID",
    COALESCE(c.status, 0)::INTEGER AS "contract /contracts[]/status",
    COALESCE(c.date_signed, 0)::INTEGER AS "contract /contracts[]/dateSigned",
    COALESCE(c.amount, 0)::INTEGER AS "contract /contracts[]/value/amount",
    COALESCE(c.amendment_id, 0)::INTEGER AS "contract /contracts[]/amendments[]/id",
    COALESCE(t.amount, 0)::INTEGER AS "implementation /contracts[]/implementation/transactions[]/value/amount",
    COALESCE(t.date, 0)::INTEGER AS "implementation /contracts[]/implementation/transactions[]/date"
FROM leaf_release AS r
LEFT JOIN parties AS p ON p.ocid = r.ocid
LEFT JOIN references_ AS f ON f.ocid = r.ocid
LEFT JOIN items AS i ON i.ocid = r.ocid
LEFT JOIN bids AS b ON b.ocid = r.ocid
LEFT JOIN awards AS a ON a.ocid = r.ocid
LEFT JOIN contracts AS c ON c.ocid = r.ocid
LEFT JOIN transactions AS t ON t.ocid = r.ocid;

-- The checklist's order, once (it is the same for every process), kept when no release was touched: the columns of
-- checked_releases after its ocid, each named "<stage> <path>".
DELETE FROM coverage_fields WHERE EXISTS (SELECT 1 FROM checked_releases);
INSERT INTO coverage_fields
SELECT
    column_index - 1 AS position,
    split_part(column_name, ' ', 1) AS stage,
    split_part(column_name, ' ', 2) AS path
FROM duckdb_columns()
WHERE database_name = 'temp' AND table_name = 'checked_releases' AND column_name <> 'ocid'
    AND EXISTS (SELECT 1 FROM checked_releases);

DELETE FROM coverage_counts WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO coverage_counts
SELECT ocid, [*COLUMNS(* EXCLUDE (ocid))] AS occurrences FROM checked_releases;

DROP TABLE checked_releases;

-- Who took part in each process (tenderer, bidder or supplier of any award, by organization id: the processes the
-- supplier filter keeps, metrics/sql/_prepare/filtered_processes.sql) and whether they won it (a valid award: not
-- cancelled or unsuccessful), for supplier_profile and the supplier filter's options.
DELETE FROM process_participants WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO process_participants
WITH wins AS (
    SELECT DISTINCT
        s.ocid,
        s.supplier_id
    FROM award_suppliers AS s
    INNER JOIN touched USING (ocid)
    INNER JOIN awards AS a ON a.ocid = s.ocid AND a.award_id IS NOT DISTINCT FROM s.award_id
    WHERE COALESCE(a.status, '') NOT IN ('cancelled', 'unsuccessful')
),

participants AS (
    SELECT t.ocid, t.tenderer_id AS supplier_id FROM tenderers AS t INNER JOIN touched USING (ocid)
    UNION
    SELECT b.ocid, x.id FROM bids AS b INNER JOIN touched USING (ocid), UNNEST(b.tenderer_ids) AS x (id)
    UNION
    SELECT s.ocid, s.supplier_id FROM award_suppliers AS s INNER JOIN touched USING (ocid)
)

SELECT
    p.ocid,
    p.supplier_id,
    w.ocid IS NOT NULL AS won
FROM participants AS p
LEFT JOIN wins AS w ON w.ocid = p.ocid AND w.supplier_id = p.supplier_id;
