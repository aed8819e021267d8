-- process_detail (part=process): the process row, with its publisher's main currency and awarded total.
SELECT
    p.*,
    pub.main_currency AS currency,
    (
        SELECT SUM(a.value) FROM awards AS a
        WHERE a.ocid = p.ocid AND a.in_main_currency AND COALESCE(a.status, '') NOT IN ('cancelled', 'unsuccessful')
    ) AS awarded_value
FROM processes AS p
LEFT JOIN publishers AS pub ON pub.publisher = p.publisher
WHERE p.ocid = $ocid;
