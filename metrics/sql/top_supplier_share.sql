-- top_supplier_share: share of the awarded value won by the `top` largest suppliers of each group and currency.
WITH ranked AS (
    SELECT
        *,
        ROW_NUMBER() OVER (PARTITION BY group_value, currency ORDER BY value DESC, supplier_id) AS rank
    FROM awarded_by_supplier($group_by)
)

SELECT
    group_value AS "group",
    currency,
    SUM(value) FILTER (WHERE rank <= $top) AS top_value,
    SUM(value) AS value,
    SUM(value) FILTER (WHERE rank <= $top) / NULLIF(SUM(value), 0) AS share,
    COUNT(*) AS suppliers
FROM ranked
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
