-- Non-empty occurrences of each key OCDS field in the compiled releases of the filtered processes, counted as
-- `ocdscardinal.coverage()` counts them (a node is empty when null, "", [] or {}). One row per ocid and field,
-- with zero occurrences where it is absent. The field list is the data-quality checklist: add a field by adding a line.
CREATE OR REPLACE TEMP TABLE field_counts AS
WITH releases AS (
    SELECT
        c.ocid,
        p.publisher,
        c.data
    FROM compiled_releases AS c
    INNER JOIN filtered_processes AS p USING (ocid)
),

found AS (
    SELECT ocid, publisher, 'planning' AS stage, '/planning/budget/amount/amount' AS path, [json_extract(data, '$.planning.budget.amount.amount')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'planning' AS stage, '/planning/rationale' AS path, [json_extract(data, '$.planning.rationale')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/buyer/id' AS path, [json_extract(data, '$.buyer.id')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/id' AS path, [json_extract(data, '$.tender.id')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/title' AS path, [json_extract(data, '$.tender.title')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/status' AS path, [json_extract(data, '$.tender.status')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/procurementMethod' AS path, [json_extract(data, '$.tender.procurementMethod')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/procurementMethodDetails' AS path, [json_extract(data, '$.tender.procurementMethodDetails')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/mainProcurementCategory' AS path, [json_extract(data, '$.tender.mainProcurementCategory')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/procuringEntity/id' AS path, [json_extract(data, '$.tender.procuringEntity.id')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/value/amount' AS path, [json_extract(data, '$.tender.value.amount')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/tenderPeriod/startDate' AS path, [json_extract(data, '$.tender.tenderPeriod.startDate')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/tenderPeriod/endDate' AS path, [json_extract(data, '$.tender.tenderPeriod.endDate')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/numberOfTenderers' AS path, [json_extract(data, '$.tender.numberOfTenderers')] AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/tenderers[]/id' AS path, json_extract(data, '$.tender.tenderers[*].id') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/tender/items[]/classification/id' AS path, json_extract(data, '$.tender.items[*].classification.id') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/parties[]/identifier/id' AS path, json_extract(data, '$.parties[*].identifier.id') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/parties[]/address/locality' AS path, json_extract(data, '$.parties[*].address.locality') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'tender' AS stage, '/parties[]/details/scale' AS path, json_extract(data, '$.parties[*].details.scale') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'bids' AS stage, '/bids/details[]/value/amount' AS path, json_extract(data, '$.bids.details[*].value.amount') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'bids' AS stage, '/bids/details[]/status' AS path, json_extract(data, '$.bids.details[*].status') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'bids' AS stage, '/bids/details[]/date' AS path, json_extract(data, '$.bids.details[*].date') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'bids' AS stage, '/bids/details[]/tenderers[]/id' AS path, json_extract(data, '$.bids.details[*].tenderers[*].id') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'award' AS stage, '/awards[]/id' AS path, json_extract(data, '$.awards[*].id') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'award' AS stage, '/awards[]/status' AS path, json_extract(data, '$.awards[*].status') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'award' AS stage, '/awards[]/date' AS path, json_extract(data, '$.awards[*].date') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'award' AS stage, '/awards[]/value/amount' AS path, json_extract(data, '$.awards[*].value.amount') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'award' AS stage, '/awards[]/suppliers[]/id' AS path, json_extract(data, '$.awards[*].suppliers[*].id') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'contract' AS stage, '/contracts[]/id' AS path, json_extract(data, '$.contracts[*].id') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'contract' AS stage, '/contracts[]/awardID' AS path, json_extract(data, '$.contracts[*].awardID') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'contract' AS stage, '/contracts[]/status' AS path, json_extract(data, '$.contracts[*].status') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'contract' AS stage, '/contracts[]/dateSigned' AS path, json_extract(data, '$.contracts[*].dateSigned') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'contract' AS stage, '/contracts[]/value/amount' AS path, json_extract(data, '$.contracts[*].value.amount') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'contract' AS stage, '/contracts[]/amendments[]/id' AS path, json_extract(data, '$.contracts[*].amendments[*].id') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'implementation' AS stage, '/contracts[]/implementation/transactions[]/value/amount' AS path, json_extract(data, '$.contracts[*].implementation.transactions[*].value.amount') AS found FROM releases
    UNION ALL
    SELECT ocid, publisher, 'implementation' AS stage, '/contracts[]/implementation/transactions[]/date' AS path, json_extract(data, '$.contracts[*].implementation.transactions[*].date') AS found FROM releases
)

SELECT
    ocid,
    publisher,
    stage,
    path,
    LEN(LIST_FILTER(found, lambda node: node IS NOT NULL
        AND json_type(node) <> 'NULL'
        AND node::VARCHAR NOT IN ('""', '[]', '{}'))) AS occurrences
FROM found;
