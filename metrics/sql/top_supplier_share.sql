-- top_supplier_share: share of the awarded value won by the `top` largest suppliers of each group and currency.
-- max(value, n) keeps a group's n largest values without numbering every supplier (a window over all of them cost
-- most of the query); which of two equal values is kept changes no sum.
SELECT
    group_value AS "group",
    currency,
    list_sum(max(value, $top::INTEGER)) AS top_value,
    SUM(value) AS value,
    list_sum(max(value, $top::INTEGER)) / NULLIF(SUM(value), 0) AS share,
    COUNT(*) AS suppliers
FROM awarded_by_supplier($group_by)
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
