-- hhi: Herfindahl-Hirschman index of suppliers' shares of the awarded value, per group and currency:
-- the sum of squared percentage shares (0 to 10,000).
WITH per_supplier AS (
    SELECT
        group_key($group_by, period_date, secretariat, NULL, procedure_type, category, publisher) AS group_value,
        currency,
        supplier_id,
        SUM(value) AS value
    FROM award_lines
    WHERE supplier_id IS NOT NULL
    GROUP BY ALL
),

shares AS (
    SELECT
        *,
        100 * value / NULLIF(SUM(value) OVER (PARTITION BY group_value, currency), 0) AS share
    FROM per_supplier
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
