-- Non-empty occurrences of each key OCDS field in the compiled releases of the filtered processes, counted as
-- `ocdscardinal.coverage()` counts them (a node is empty when null, "", [] or {}), and the processes where it
-- occurs: one row per publisher and field (zero where no process has it). The field list is the data-quality checklist: a new field is a new
-- line below plus its leaf in the structure each release is parsed into, once (json_transform).
CREATE OR REPLACE TEMP TABLE field_counts AS
WITH parsed AS (
    SELECT
        p.ocid,
        p.publisher,
        json_transform(c.data, '{
            "planning": {
                "budget": {
                    "amount": {
                        "amount": "JSON"
                    }
                },
                "rationale": "JSON"
            },
            "buyer": {
                "id": "JSON"
            },
            "tender": {
                "id": "JSON",
                "title": "JSON",
                "status": "JSON",
                "procurementMethod": "JSON",
                "procurementMethodDetails": "JSON",
                "mainProcurementCategory": "JSON",
                "procuringEntity": {
                    "id": "JSON"
                },
                "value": {
                    "amount": "JSON"
                },
                "tenderPeriod": {
                    "startDate": "JSON",
                    "endDate": "JSON"
                },
                "numberOfTenderers": "JSON",
                "tenderers": [
                    {
                        "id": "JSON"
                    }
                ],
                "items": [
                    {
                        "classification": {
                            "id": "JSON"
                        }
                    }
                ]
            },
            "parties": [
                {
                    "identifier": {
                        "id": "JSON"
                    },
                    "address": {
                        "locality": "JSON"
                    },
                    "details": {
                        "scale": "JSON"
                    }
                }
            ],
            "bids": {
                "details": [
                    {
                        "value": {
                            "amount": "JSON"
                        },
                        "status": "JSON",
                        "date": "JSON",
                        "tenderers": [
                            {
                                "id": "JSON"
                            }
                        ]
                    }
                ]
            },
            "awards": [
                {
                    "id": "JSON",
                    "status": "JSON",
                    "date": "JSON",
                    "value": {
                        "amount": "JSON"
                    },
                    "suppliers": [
                        {
                            "id": "JSON"
                        }
                    ],
                    "items": [
                        {
                            "classification": {
                                "id": "JSON"
                            }
                        }
                    ]
                }
            ],
            "contracts": [
                {
                    "id": "JSON",
                    "awardID": "JSON",
                    "status": "JSON",
                    "dateSigned": "JSON",
                    "value": {
                        "amount": "JSON"
                    },
                    "amendments": [
                        {
                            "id": "JSON"
                        }
                    ],
                    "implementation": {
                        "transactions": [
                            {
                                "value": {
                                    "amount": "JSON"
                                },
                                "date": "JSON"
                            }
                        ]
                    }
                }
            ]
        }') AS j
    FROM compiled_releases AS c
    INNER JOIN filtered_processes AS p USING (ocid)
),

counted AS (
    SELECT
        ocid,
        publisher,
        UNNEST([
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
        ]) AS field
    FROM parsed
)

SELECT
    publisher,
    field.stage AS stage,
    field.path AS path,
    COUNT(*) FILTER (WHERE field.occurrences > 0) AS processes,
    SUM(field.occurrences) AS occurrences
FROM counted
GROUP BY ALL;
