-- hhi: Herfindahl-Hirschman index of suppliers' shares of the awarded value, per group and currency:
-- the sum of squared percentage shares (0 to 10,000).
WITH shares AS (
    SELECT
        *,
        100 * value / NULLIF(SUM(value) OVER (PARTITION BY group_value, currency), 0) AS share
    FROM awarded_by_supplier($group_by)
)

SELECT
    group_value AS "group",
    currency,
    SUM(share * share) AS value,
    COUNT(*) AS suppliers,
    SUM(value) AS awarded_value
FROM shares
GROUP BY group_value, currency
ORDER BY "group" NULLS LAST, currency;
