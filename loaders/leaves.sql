-- The leaf tables of the compiled releases of the ocids in the TEMP table `touched`, in SQL: what
-- native/painel_merge/src/leaves.rs gives (loaders/flatten.py uses it where the library is built), so that
-- loaders/flatten.sql and derived.sql read the same tables either way (tests/test_leaves.py compares them).
--
-- A leaf is {t: its json_type(), v: its value as text}: a string unescaped, a number or boolean as its JSON text,
-- an object or array as its JSON text (an empty one as `{}` or `[]`); NULL when missing or a JSON null. Values are
-- read as json_transform reads them: the first of repeated keys; a member of something that is not an object is
-- missing; a list that is not an array is NULL. A position is 1-based among all the elements of its array; tables
-- hold one row per object element, except leaf_award and leaf_bid (one per element, `is_object` telling which, as
-- derived.sql counts them).

CREATE OR REPLACE TEMP MACRO leaf(j) AS CASE WHEN j IS NOT NULL THEN {
    't': json_type(j),
    'v': CASE json_type(j) WHEN 'VARCHAR' THEN json_extract_string(j, '$') WHEN 'NULL' THEN NULL ELSE j::VARCHAR END
} END;

-- The elements of a list of JSON values, with their 1-based positions (`i`) in the list.
CREATE OR REPLACE TEMP MACRO leaf_elements(items) AS
    list_transform(coalesce(items, []), lambda item, i: {'i': i, 'e': item});

CREATE OR REPLACE TEMP MACRO leaf_objects(items) AS
    list_filter(leaf_elements(items), lambda item: json_type(item.e) = 'OBJECT');

CREATE OR REPLACE TEMP MACRO leaf_organization(j) AS json_transform(j, '{
    "id": "JSON", "name": "JSON", "identifier": {"scheme": "JSON", "id": "JSON"},
    "additionalIdentifiers": [{"legalName": "JSON"}], "roles": "JSON", "details": {"scale": "JSON"},
    "address": {"locality": "JSON", "region": "JSON", "postalCode": "JSON", "countryName": "JSON"}
}');

CREATE OR REPLACE TEMP MACRO leaf_award_json(j) AS json_transform(j, '{
    "id": "JSON", "status": "JSON", "date": "JSON", "value": {"amount": "JSON", "currency": "JSON"}, "title": "JSON",
    "suppliers": ["JSON"], "items": ["JSON"]
}');

CREATE OR REPLACE TEMP MACRO leaf_contract_json(j) AS json_transform(j, '{
    "id": "JSON", "awardID": "JSON", "status": "JSON", "title": "JSON", "dateSigned": "JSON",
    "period": {"startDate": "JSON", "endDate": "JSON"}, "value": {"amount": "JSON", "currency": "JSON"},
    "amendments": ["JSON"], "implementation": {"transactions": ["JSON"]}, "items": ["JSON"]
}');

CREATE OR REPLACE TEMP MACRO leaf_bid_json(j) AS json_transform(j, '{
    "id": "JSON", "date": "JSON", "status": "JSON", "value": {"amount": "JSON", "currency": "JSON"},
    "tenderers": ["JSON"]
}');

CREATE OR REPLACE TEMP TABLE leaf_json AS
SELECT
    c.ocid,
    c.origin,
    json_transform(c.data, '{
        "date": "JSON", "title": "JSON", "buyer": "JSON", "parties": ["JSON"], "awards": ["JSON"],
        "contracts": ["JSON"], "bids": {"details": ["JSON"]},
        "planning": {"budget": {"amount": {"amount": "JSON"}}, "rationale": "JSON"},
        "tender": {
            "id": "JSON", "procuringEntity": "JSON", "tenderers": ["JSON"], "procurementMethod": "JSON",
            "procurementMethodDetails": "JSON", "value": {"amount": "JSON", "currency": "JSON"},
            "tenderPeriod": {"startDate": "JSON", "endDate": "JSON"}, "title": "JSON", "description": "JSON",
            "status": "JSON", "mainProcurementCategory": "JSON", "numberOfTenderers": "JSON",
            "details": {"isSale": "JSON"}, "documents": [{"url": "JSON"}], "items": ["JSON"]
        }
    }') AS r
FROM compiled_releases AS c
-- Chosen by row id: a join on ocid would decompress the JSON of every compiled release, touched or not.
WHERE c.rowid IN (SELECT k.rowid FROM compiled_releases AS k INNER JOIN touched USING (ocid));

CREATE OR REPLACE TEMP TABLE leaf_release AS
SELECT
    ocid,
    origin,
    leaf(r.date) AS date,
    leaf(r.title) AS title,
    leaf(json_transform(r.buyer, '{"id": "JSON"}').id) AS buyer_id,
    leaf(json_transform(r.tender.procuringEntity, '{"id": "JSON"}').id) AS entity_id,
    leaf(r.planning.budget.amount.amount) AS planning_amount,
    leaf(r.planning.rationale) AS planning_rationale,
    leaf(r.tender.id) AS tender_id,
    leaf(r.tender.title) AS tender_title,
    leaf(r.tender.description) AS tender_description,
    leaf(r.tender.status) AS tender_status,
    leaf(r.tender.procurementMethod) AS tender_method,
    leaf(r.tender.procurementMethodDetails) AS tender_method_details,
    leaf(r.tender.mainProcurementCategory) AS tender_category,
    leaf(r.tender.value.amount) AS tender_amount,
    leaf(r.tender.value.currency) AS tender_currency,
    leaf(r.tender.tenderPeriod.startDate) AS tender_start,
    leaf(r.tender.tenderPeriod.endDate) AS tender_end,
    leaf(r.tender.numberOfTenderers) AS tender_number_of_tenderers,
    leaf(r.tender.details.isSale) AS tender_is_sale,
    [leaf(document.url) FOR document IN r.tender.documents] AS document_urls,
    r.awards IS NOT NULL AS has_awards,
    r.bids.details IS NOT NULL AS has_bids
FROM leaf_json;

CREATE OR REPLACE TEMP TABLE leaf_party AS
SELECT
    ocid,
    p.i AS position,
    list_contains(json_keys(p.e), 'id') AS has_id,
    list_contains(json_keys(p.e), 'name') AS has_name,
    list_contains(json_keys(p.e), 'identifier') AS has_identifier,
    leaf(o.id) AS id,
    leaf(o.name) AS name,
    leaf(o.identifier.scheme) AS identifier_scheme,
    leaf(o.identifier.id) AS identifier_id,
    [leaf(a.legalName) FOR a IN o.additionalIdentifiers] AS legal_names,
    CASE WHEN json_type(o.roles) = 'ARRAY' THEN [leaf(role) FOR role IN json_extract(o.roles, '$[*]')] END AS roles,
    leaf(o.details.scale) AS scale,
    leaf(o.address.locality) AS locality,
    leaf(o.address.region) AS region,
    leaf(o.address.postalCode) AS postal_code,
    leaf(o.address.countryName) AS country
FROM (
    SELECT ocid, p, leaf_organization(p.e) AS o
    FROM (SELECT ocid, unnest(leaf_objects(r.parties)) AS p FROM leaf_json)
);

CREATE OR REPLACE TEMP TABLE leaf_award AS
SELECT
    ocid,
    a.i AS position,
    coalesce(json_type(a.e) = 'OBJECT', false) AS is_object,
    leaf(award.id) AS id,
    leaf(award.status) AS status,
    leaf(award.date) AS date,
    leaf(award.value.amount) AS amount,
    leaf(award.value.currency) AS currency,
    leaf(award.title) AS title,
    len(award.suppliers) AS suppliers,
    award.items IS NOT NULL AS has_items,
    award.suppliers AS supplier_json,
    award.items AS item_json
FROM (
    SELECT ocid, a, leaf_award_json(a.e) AS award
    FROM (SELECT ocid, unnest(leaf_elements(r.awards)) AS a FROM leaf_json)
);

CREATE OR REPLACE TEMP TABLE leaf_contract AS
SELECT
    ocid,
    c.i AS position,
    leaf(contract.id) AS id,
    leaf(contract.awardID) AS award_id,
    leaf(contract.status) AS status,
    leaf(contract.title) AS title,
    leaf(contract.dateSigned) AS date_signed,
    leaf(contract.period.startDate) AS period_start,
    leaf(contract.period.endDate) AS period_end,
    leaf(contract.value.amount) AS amount,
    leaf(contract.value.currency) AS currency,
    len(leaf_objects(contract.amendments)) AS amendments,
    [leaf(json_transform(a, '{"id": "JSON"}').id) FOR a IN contract.amendments] AS amendment_ids,
    contract.implementation.transactions AS transaction_json,
    contract.items AS item_json
FROM (
    SELECT ocid, c, leaf_contract_json(c.e) AS contract
    FROM (SELECT ocid, unnest(leaf_objects(r.contracts)) AS c FROM leaf_json)
);

CREATE OR REPLACE TEMP TABLE leaf_transaction AS
SELECT
    ocid,
    owner,
    t.i AS position,
    leaf(transaction.value) AS value,
    leaf(json_transform(transaction.value, '{"amount": "JSON"}').amount) AS value_amount,
    leaf(json_transform(transaction.value, '{"currency": "JSON"}').currency) AS value_currency,
    leaf(json_transform(transaction.amount, '{"amount": "JSON"}').amount) AS amount_amount,
    leaf(json_transform(transaction.amount, '{"currency": "JSON"}').currency) AS amount_currency,
    leaf(transaction.date) AS date
FROM (
    SELECT ocid, owner, t, json_transform(t.e, '{"value": "JSON", "amount": "JSON", "date": "JSON"}') AS transaction
    FROM (SELECT ocid, position AS owner, unnest(leaf_objects(transaction_json)) AS t FROM leaf_contract)
);

CREATE OR REPLACE TEMP TABLE leaf_bid AS
SELECT
    ocid,
    b.i AS position,
    coalesce(json_type(b.e) = 'OBJECT', false) AS is_object,
    leaf(bid.id) AS id,
    leaf(bid.date) AS date,
    leaf(bid.status) AS status,
    leaf(bid.value.amount) AS amount,
    leaf(bid.value.currency) AS currency,
    len(bid.tenderers) AS tenderers,
    bid.tenderers AS tenderer_json
FROM (
    SELECT ocid, b, leaf_bid_json(b.e) AS bid
    FROM (SELECT ocid, unnest(leaf_elements(r.bids.details)) AS b FROM leaf_json)
);

CREATE OR REPLACE TEMP TABLE leaf_reference AS
WITH reference AS (
    SELECT ocid, 'buyer' AS kind, NULL::BIGINT AS owner, 1::BIGINT AS position, r.buyer AS json
    FROM leaf_json WHERE json_type(r.buyer) = 'OBJECT'
    UNION ALL
    SELECT ocid, 'procuringEntity', NULL, 1, r.tender.procuringEntity
    FROM leaf_json WHERE json_type(r.tender.procuringEntity) = 'OBJECT'
    UNION ALL
    SELECT ocid, 'tenderer', NULL, t.i, t.e
    FROM (SELECT ocid, unnest(leaf_objects(r.tender.tenderers)) AS t FROM leaf_json)
    UNION ALL
    SELECT ocid, 'supplier', position, s.i, s.e
    FROM (SELECT ocid, position, unnest(leaf_objects(supplier_json)) AS s FROM leaf_award)
    UNION ALL
    SELECT ocid, 'bidder', position, t.i, t.e
    FROM (SELECT ocid, position, unnest(leaf_objects(tenderer_json)) AS t FROM leaf_bid)
)
SELECT
    ocid,
    kind,
    owner,
    position,
    leaf(o.id) AS id,
    leaf(o.name) AS name,
    leaf(o.identifier.scheme) AS identifier_scheme,
    leaf(o.identifier.id) AS identifier_id,
    [leaf(a.legalName) FOR a IN o.additionalIdentifiers] AS legal_names
FROM (SELECT *, leaf_organization(json) AS o FROM reference);

CREATE OR REPLACE TEMP TABLE leaf_item AS
WITH item AS (
    SELECT ocid, 'tender' AS stage, NULL::BIGINT AS owner, i.i AS position, i.e AS json
    FROM (SELECT ocid, unnest(leaf_objects(r.tender.items)) AS i FROM leaf_json)
    UNION ALL
    SELECT ocid, 'award', owner, i.i, i.e
    FROM (SELECT ocid, position AS owner, unnest(leaf_objects(item_json)) AS i FROM leaf_award)
    UNION ALL
    SELECT ocid, 'contract', owner, i.i, i.e
    FROM (SELECT ocid, position AS owner, unnest(leaf_objects(item_json)) AS i FROM leaf_contract)
)
SELECT
    ocid,
    stage,
    owner,
    position,
    leaf(item.id) AS id,
    leaf(item.description) AS description,
    leaf(item.classification.scheme) AS classification_scheme,
    leaf(item.classification.id) AS classification_id,
    leaf(item.quantity) AS quantity,
    leaf(item.unit.name) AS unit_name,
    leaf(item.unit.value.amount) AS unit_amount,
    leaf(item.unit.value.currency) AS unit_currency
FROM (
    SELECT *, json_transform(json, '{
        "id": "JSON", "description": "JSON", "classification": {"scheme": "JSON", "id": "JSON"}, "quantity": "JSON",
        "unit": {"name": "JSON", "value": {"amount": "JSON", "currency": "JSON"}}
    }') AS item
    FROM item
);

ALTER TABLE leaf_award DROP COLUMN supplier_json;
ALTER TABLE leaf_award DROP COLUMN item_json;
ALTER TABLE leaf_contract DROP COLUMN transaction_json;
ALTER TABLE leaf_contract DROP COLUMN item_json;
ALTER TABLE leaf_bid DROP COLUMN tenderer_json;
DROP TABLE leaf_json;
