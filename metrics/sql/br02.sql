-- BR02 winning value close to the estimate: in a competitive process with an estimate above zero, the awarded
-- total reaches `ratio` (default 0.95) of tender.value, both in the main currency. The value is awarded / estimate.
SELECT
    'OCID' AS "group",
    ocid AS id,
    awarded_total / tender_value AS value
FROM flag_base
WHERE is_competitive
    AND tender_in_main_currency
    AND tender_value > 0
    AND awarded_total IS NOT NULL
    AND awarded_total / tender_value >= $br02_ratio::DOUBLE
ORDER BY id;
