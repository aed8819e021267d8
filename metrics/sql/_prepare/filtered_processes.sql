-- The processes that pass the common filters, built once per metric run (a TEMP table, so values stay bound).
-- Every metric reads `filtered_processes` instead of `processes`. The supplier filter keeps the processes the
-- supplier took part in (awarded, tenderer or bidder); money metrics then count only its own awards.
-- process_value: the awarded total when the process has valid awards in its publisher's main currency,
-- else the tender's estimated value when that is in the main currency; the value_min/value_max filters use it.
-- currency: the publisher's main currency, the only currency its totals are summed in.
CREATE OR REPLACE TEMP TABLE filtered_processes AS
-- Empty without the supplier filter: the test below then joins nothing (an OR of EXISTS built a hash table of every
-- award supplier, tenderer and bid even when no supplier was chosen).
WITH supplier_processes AS (
    SELECT ocid FROM award_suppliers WHERE supplier_id = $supplier::VARCHAR
    UNION
    SELECT ocid FROM tenderers WHERE tenderer_id = $supplier::VARCHAR
    UNION
    SELECT ocid FROM bids WHERE list_contains(tenderer_ids, $supplier::VARCHAR)
),

valued AS (
    SELECT
        p.*,
        pub.main_currency AS currency,
        a.awarded_total,
        COALESCE(a.awarded_total, CASE WHEN p.tender_in_main_currency THEN p.tender_value END) AS process_value
    FROM processes AS p
    LEFT JOIN publishers AS pub ON pub.publisher = p.publisher
    LEFT JOIN process_awarded_totals AS a ON a.ocid = p.ocid  -- summed at load time (loaders/postprocess.sql)
)

-- Texts the metrics do not group or count by are left out (copying them is most of the cost); the process lists
-- read them from `processes` for the rows they show.
SELECT * EXCLUDE (description, title, buyer_name, source_url, buyer_id, ocid_prefix, secretariat_key, secretariat_source)
FROM valued AS p
WHERE ($date_from::DATE IS NULL OR p.period_date >= $date_from::DATE)
    AND ($date_to::DATE IS NULL OR p.period_date <= $date_to::DATE)
    AND ($publisher::VARCHAR IS NULL OR p.publisher = $publisher::VARCHAR)
    AND ($secretariat::VARCHAR IS NULL OR p.secretariat = $secretariat::VARCHAR)
    AND ($procedure_type::VARCHAR IS NULL OR p.procedure_type = $procedure_type::VARCHAR)
    AND ($category::VARCHAR IS NULL OR p.main_procurement_category = $category::VARCHAR)
    AND ($value_min::DOUBLE IS NULL OR p.process_value >= $value_min::DOUBLE)
    AND ($value_max::DOUBLE IS NULL OR p.process_value <= $value_max::DOUBLE)
    AND ($supplier::VARCHAR IS NULL OR p.ocid IN (SELECT ocid FROM supplier_processes));
