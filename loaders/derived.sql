-- Per-process tables parsed from the JSON at load time, so that red flags and the data-quality checklist do not
-- parse compiled releases and release histories on every query. Run at the end of every load (inside its
-- transaction, after the flat tables are filled); only the ocids in the TEMP table `touched` are recomputed, so a
-- small load refreshes little. Values keep the JSON types Cardinal checks: a status or an id only when a string,
-- an amount only when a number; codelist mappings are settings and are applied at query time (metrics/).

-- Whether a JSON node is non-empty as ocdscardinal.coverage() counts it: not missing, null, "", [] or {}.
CREATE OR REPLACE TEMP MACRO nonempty(node) AS
    node IS NOT NULL AND node::VARCHAR NOT IN ('null', '""', '[]', '{}');

-- A JSON leaf as text when it is a string, else NULL.
CREATE OR REPLACE TEMP MACRO json_string(node) AS CASE WHEN json_type(node) = 'VARCHAR' THEN node ->> '$' END;

-- Each touched compiled release parsed once (json_transform) into every leaf the tables below read.
CREATE OR REPLACE TEMP TABLE parsed_releases AS
SELECT
    c.ocid,
    json_transform(c.data, '{
        "planning": {"budget": {"amount": {"amount": "JSON"}}, "rationale": "JSON"},
        "buyer": {"id": "JSON"},
        "tender": {
            "id": "JSON",
            "title": "JSON",
            "status": "JSON",
            "procurementMethod": "JSON",
            "procurementMethodDetails": "JSON",
            "mainProcurementCategory": "JSON",
            "procuringEntity": {"id": "JSON"},
            "value": {"amount": "JSON"},
            "tenderPeriod": {"startDate": "JSON", "endDate": "JSON"},
            "numberOfTenderers": "JSON",
            "tenderers": [{"id": "JSON"}],
            "items": [{"classification": {"id": "JSON"}}]
        },
        "parties": [{"identifier": {"id": "JSON"}, "address": {"locality": "JSON"}, "details": {"scale": "JSON"}}],
        "bids": {"details": [{
            "status": "JSON",
            "date": "JSON",
            "value": {"amount": "JSON", "currency": "JSON"},
            "tenderers": [{"id": "JSON"}]
        }]},
        "awards": [{
            "id": "JSON",
            "status": "JSON",
            "date": "JSON",
            "value": {"amount": "JSON"},
            "suppliers": [{"id": "JSON"}],
            "items": [{"classification": {"id": "JSON"}}]
        }],
        "contracts": [{
            "id": "JSON",
            "awardID": "JSON",
            "status": "JSON",
            "dateSigned": "JSON",
            "value": {"amount": "JSON"},
            "amendments": [{"id": "JSON"}],
            "implementation": {"transactions": [{"value": {"amount": "JSON"}, "date": "JSON"}]}
        }]
    }') AS j
FROM compiled_releases AS c
-- Chosen by row id: a join on ocid would read (decompress) the JSON of every compiled release, touched or not.
WHERE c.rowid IN (SELECT k.rowid FROM compiled_releases AS k INNER JOIN touched USING (ocid));

DELETE FROM cardinal_processes WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO cardinal_processes
SELECT
    ocid,
    json_string(j.buyer.id) AS buyer_id,
    json_string(j.tender.procuringEntity.id) AS procuring_entity_id,
    j.awards IS NOT NULL AS has_awards,
    j.bids.details IS NOT NULL AS has_bids
FROM parsed_releases;

DELETE FROM cardinal_awards WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO cardinal_awards
WITH awards AS (
    SELECT
        ocid,
        UNNEST(j.awards) AS award,
        GENERATE_SUBSCRIPTS(j.awards, 1) AS position
    FROM parsed_releases
    WHERE j.awards IS NOT NULL
)

SELECT
    ocid,
    position,
    json_string(award.status) AS status,
    award.suppliers IS NOT NULL AS has_suppliers,
    COALESCE(len(award.suppliers), 0) AS supplier_count,
    list_transform(list_filter(award.suppliers, lambda s: json_type(s.id) = 'VARCHAR'), lambda s: s.id ->> '$')
        AS supplier_ids,
    json_type(award.suppliers[1].id) = 'VARCHAR' AS first_supplier_has_id,
    award.items IS NOT NULL AS has_items,
    list_transform(
        list_filter(award.items, lambda i: json_type(i.classification.id) = 'VARCHAR'),
        lambda i: i.classification.id ->> '$'
    ) AS classifications
FROM awards;

DELETE FROM cardinal_bids WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO cardinal_bids
WITH bids AS (
    SELECT
        ocid,
        UNNEST(j.bids.details) AS bid,
        GENERATE_SUBSCRIPTS(j.bids.details, 1) AS position
    FROM parsed_releases
    WHERE j.bids.details IS NOT NULL
)

SELECT
    ocid,
    position,
    json_string(bid.status) AS status,
    CASE WHEN json_type(bid.value.amount) IN ('UBIGINT', 'BIGINT', 'DOUBLE')
        THEN (bid.value.amount ->> '$')::DOUBLE END AS amount,
    json_string(bid.value.currency) AS currency,
    json_string(bid.date) AS date,
    bid.tenderers IS NOT NULL AS has_tenderers,
    COALESCE(len(bid.tenderers), 0) AS tenderer_count,
    list_transform(list_filter(bid.tenderers, lambda t: json_type(t.id) = 'VARCHAR'), lambda t: t.id ->> '$')
        AS tenderer_ids
FROM bids;

-- The data-quality checklist: a new field is a new line below plus its leaf in parsed_releases above (then load
-- everything again: the counts of the processes already loaded follow the checklist they were counted with).
CREATE OR REPLACE TEMP TABLE checked_releases AS
SELECT
    ocid,
    [
        {'stage': 'planning', 'path': '/planning/budget/amount/amount', 'occurrences': COALESCE(nonempty(j.planning.budget.amount.amount)::INTEGER, 0)},
        {'stage': 'planning', 'path': '/planning/rationale', 'occurrences': COALESCE(nonempty(j.planning.rationale)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/buyer/id', 'occurrences': COALESCE(nonempty(j.buyer.id)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/id', 'occurrences': COALESCE(nonempty(j.tender.id)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/title', 'occurrences': COALESCE(nonempty(j.tender.title)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/status', 'occurrences': COALESCE(nonempty(j.tender.status)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/procurementMethod', 'occurrences': COALESCE(nonempty(j.tender.procurementMethod)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/procurementMethodDetails', 'occurrences': COALESCE(nonempty(j.tender.procurementMethodDetails)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/mainProcurementCategory', 'occurrences': COALESCE(nonempty(j.tender.mainProcurementCategory)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/procuringEntity/id', 'occurrences': COALESCE(nonempty(j.tender.procuringEntity.id)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/value/amount', 'occurrences': COALESCE(nonempty(j.tender.value.amount)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/tenderPeriod/startDate', 'occurrences': COALESCE(nonempty(j.tender.tenderPeriod.startDate)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/tenderPeriod/endDate', 'occurrences': COALESCE(nonempty(j.tender.tenderPeriod.endDate)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/numberOfTenderers', 'occurrences': COALESCE(nonempty(j.tender.numberOfTenderers)::INTEGER, 0)},
        {'stage': 'tender', 'path': '/tender/tenderers[]/id', 'occurrences': COALESCE(list_sum(list_transform(j.tender.tenderers, lambda x0: nonempty(x0.id)::INTEGER)), 0)},
        {'stage': 'tender', 'path': '/tender/items[]/classification/id', 'occurrences': COALESCE(list_sum(list_transform(j.tender.items, lambda x0: nonempty(x0.classification.id)::INTEGER)), 0)},
        {'stage': 'tender', 'path': '/parties[]/identifier/id', 'occurrences': COALESCE(list_sum(list_transform(j.parties, lambda x0: nonempty(x0.identifier.id)::INTEGER)), 0)},
        {'stage': 'tender', 'path': '/parties[]/address/locality', 'occurrences': COALESCE(list_sum(list_transform(j.parties, lambda x0: nonempty(x0.address.locality)::INTEGER)), 0)},
        {'stage': 'tender', 'path': '/parties[]/details/scale', 'occurrences': COALESCE(list_sum(list_transform(j.parties, lambda x0: nonempty(x0.details.scale)::INTEGER)), 0)},
        {'stage': 'bids', 'path': '/bids/details[]/value/amount', 'occurrences': COALESCE(list_sum(list_transform(j.bids.details, lambda x0: nonempty(x0.value.amount)::INTEGER)), 0)},
        {'stage': 'bids', 'path': '/bids/details[]/status', 'occurrences': COALESCE(list_sum(list_transform(j.bids.details, lambda x0: nonempty(x0.status)::INTEGER)), 0)},
        {'stage': 'bids', 'path': '/bids/details[]/date', 'occurrences': COALESCE(list_sum(list_transform(j.bids.details, lambda x0: nonempty(x0.date)::INTEGER)), 0)},
        {'stage': 'bids', 'path': '/bids/details[]/tenderers[]/id', 'occurrences': COALESCE(list_sum(list_transform(j.bids.details, lambda x0: list_sum(list_transform(x0.tenderers, lambda x1: nonempty(x1.id)::INTEGER)))), 0)},
        {'stage': 'award', 'path': '/awards[]/id', 'occurrences': COALESCE(list_sum(list_transform(j.awards, lambda x0: nonempty(x0.id)::INTEGER)), 0)},
        {'stage': 'award', 'path': '/awards[]/status', 'occurrences': COALESCE(list_sum(list_transform(j.awards, lambda x0: nonempty(x0.status)::INTEGER)), 0)},
        {'stage': 'award', 'path': '/awards[]/date', 'occurrences': COALESCE(list_sum(list_transform(j.awards, lambda x0: nonempty(x0.date)::INTEGER)), 0)},
        {'stage': 'award', 'path': '/awards[]/value/amount', 'occurrences': COALESCE(list_sum(list_transform(j.awards, lambda x0: nonempty(x0.value.amount)::INTEGER)), 0)},
        {'stage': 'award', 'path': '/awards[]/suppliers[]/id', 'occurrences': COALESCE(list_sum(list_transform(j.awards, lambda x0: list_sum(list_transform(x0.suppliers, lambda x1: nonempty(x1.id)::INTEGER)))), 0)},
        {'stage': 'award', 'path': '/awards[]/items[]/classification/id', 'occurrences': COALESCE(list_sum(list_transform(j.awards, lambda x0: list_sum(list_transform(x0.items, lambda x1: nonempty(x1.classification.id)::INTEGER)))), 0)},
        {'stage': 'contract', 'path': '/contracts[]/id', 'occurrences': COALESCE(list_sum(list_transform(j.contracts, lambda x0: nonempty(x0.id)::INTEGER)), 0)},
        {'stage': 'contract', 'path': '/contracts[]/awardID', 'occurrences': COALESCE(list_sum(list_transform(j.contracts, lambda x0: nonempty(x0.awardID)::INTEGER)), 0)},
        {'stage': 'contract', 'path': '/contracts[]/status', 'occurrences': COALESCE(list_sum(list_transform(j.contracts, lambda x0: nonempty(x0.status)::INTEGER)), 0)},
        {'stage': 'contract', 'path': '/contracts[]/dateSigned', 'occurrences': COALESCE(list_sum(list_transform(j.contracts, lambda x0: nonempty(x0.dateSigned)::INTEGER)), 0)},
        {'stage': 'contract', 'path': '/contracts[]/value/amount', 'occurrences': COALESCE(list_sum(list_transform(j.contracts, lambda x0: nonempty(x0.value.amount)::INTEGER)), 0)},
        {'stage': 'contract', 'path': '/contracts[]/amendments[]/id', 'occurrences': COALESCE(list_sum(list_transform(j.contracts, lambda x0: list_sum(list_transform(x0.amendments, lambda x1: nonempty(x1.id)::INTEGER)))), 0)},
        {'stage': 'implementation', 'path': '/contracts[]/implementation/transactions[]/value/amount', 'occurrences': COALESCE(list_sum(list_transform(j.contracts, lambda x0: list_sum(list_transform(x0.implementation.transactions, lambda x1: nonempty(x1.value.amount)::INTEGER)))), 0)},
        {'stage': 'implementation', 'path': '/contracts[]/implementation/transactions[]/date', 'occurrences': COALESCE(list_sum(list_transform(j.contracts, lambda x0: list_sum(list_transform(x0.implementation.transactions, lambda x1: nonempty(x1.date)::INTEGER)))), 0)}
    ] AS fields
FROM parsed_releases;

DROP TABLE parsed_releases;

-- The checklist's order, once (it is the same for every process), kept when no release was touched.
DELETE FROM coverage_fields WHERE EXISTS (SELECT 1 FROM checked_releases);
INSERT INTO coverage_fields
SELECT
    position,
    field.stage,
    field.path
FROM (
    SELECT
        GENERATE_SUBSCRIPTS(fields, 1) AS position,
        UNNEST(fields) AS field
    FROM (SELECT fields FROM checked_releases LIMIT 1)
);

DELETE FROM coverage_counts WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO coverage_counts
SELECT
    ocid,
    list_transform(fields, lambda field: field.occurrences) AS occurrences
FROM checked_releases;

DROP TABLE checked_releases;

-- Who took part in each process (tenderer, bidder or awarded supplier, by organization id) and whether they won
-- it (a valid award: not cancelled or unsuccessful), for supplier_profile.
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
    SELECT ocid, supplier_id FROM wins
)

SELECT
    p.ocid,
    p.supplier_id,
    w.ocid IS NOT NULL AS won
FROM participants AS p
LEFT JOIN wins AS w ON w.ocid = p.ocid AND w.supplier_id = p.supplier_id;

-- The first published value of each contract, for processes with more than one release: the amount in the
-- earliest release (by date, then load order) that gives one as a JSON number. BR03 compares it with the
-- compiled value.
DELETE FROM contract_first_values WHERE ocid IN (SELECT ocid FROM touched);
INSERT INTO contract_first_values
WITH versioned AS (
    SELECT r.ocid
    FROM releases AS r
    INNER JOIN touched USING (ocid)
    GROUP BY r.ocid
    HAVING COUNT(*) > 1
),

versions AS (
    SELECT
        r.ocid,
        r.date,
        r.seq,
        UNNEST(json_transform(r.data, '{"contracts": [{"id": "JSON", "value": {"amount": "JSON"}}]}').contracts)
            AS contract
    FROM releases AS r
    INNER JOIN versioned USING (ocid)
)

SELECT
    ocid,
    contract.id ->> '$' AS contract_id,
    ARG_MIN((contract.value.amount ->> '$')::DOUBLE, (date, seq)) AS first_value
FROM versions
WHERE json_type(contract.value.amount) IN ('UBIGINT', 'BIGINT', 'DOUBLE')
GROUP BY ALL;
