-- R018 single bid received (Cardinal): the number of tenderers is 1 and the procurement method is one of
-- procurement_methods (default open|selective). The number of tenderers is tender.numberOfTenderers, else the
-- distinct tenderers, else the distinct bidders (Cardinal reads numberOfTenderers only).
SELECT
    'OCID' AS "group",
    ocid AS id,
    1.0 AS value
FROM flag_base
WHERE number_of_tenderers = 1
    AND list_contains($r018_procurement_methods::VARCHAR[], procurement_method)
ORDER BY id;
