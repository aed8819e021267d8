-- BR01 split direct purchases (Lei 14.133, art. 75): purchases by dispensa (procedure_types setting) from one
-- supplier by one secretariat whose awarded values, summed over a moving window of `window_days` (default 365)
-- ending on each purchase, reach the art. 75 limit of that purchase's year (metrics/tables/dispensa_thresholds.csv:
-- inciso I for works, inciso II otherwise), with at least `minimum_purchases` purchases in the window.
-- The purchase that reaches the limit and later ones in the window are flagged; the value is the window's sum.
WITH thresholds AS (
    SELECT * FROM read_csv($br01_thresholds_file::VARCHAR, header = TRUE)
),

lines AS (
    SELECT
        l.ocid,
        COALESCE(l.secretariat, l.publisher) AS unit,
        l.supplier_id,
        l.period_date,
        l.category,
        SUM(l.value) AS value
    FROM award_lines AS l
    INNER JOIN flag_base AS p USING (ocid)
    WHERE list_contains($br01_procedure_types::VARCHAR[], l.procedure_type)
        AND l.supplier_id IS NOT NULL
        AND l.period_date IS NOT NULL
    GROUP BY ALL
),

windows AS (
    SELECT
        *,
        SUM(value) OVER recent AS window_value,
        COUNT(*) OVER recent AS window_purchases
    FROM lines
    WINDOW recent AS (
        PARTITION BY unit, supplier_id
        ORDER BY period_date
        RANGE BETWEEN to_days($br01_window_days::INTEGER - 1) PRECEDING AND CURRENT ROW
    )
),

limits AS (
    SELECT
        w.*,
        (
            SELECT CASE WHEN w.category = 'works' THEN t.works ELSE t.goods_services END
            FROM thresholds AS t
            WHERE t.year <= GREATEST(year(w.period_date), (SELECT MIN(year) FROM thresholds))
            ORDER BY t.year DESC
            LIMIT 1
        ) AS legal_limit
    FROM windows AS w
)

SELECT
    'OCID' AS "group",
    ocid AS id,
    MAX(window_value) AS value,
    ANY_VALUE(unit) AS secretariat,
    ANY_VALUE(supplier_id) AS supplier_id,
    MAX(window_purchases) AS purchases,
    MAX(legal_limit) AS legal_limit
FROM limits
WHERE window_value >= legal_limit AND window_purchases >= $br01_minimum_purchases::INTEGER
GROUP BY ocid
ORDER BY id;
