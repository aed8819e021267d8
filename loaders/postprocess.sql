-- Cross-process refresh, run at the end of every load (inside its transaction). Each statement recomputes a
-- derived column or table from the flat tables, so the result does not depend on load order.

-- Publisher: releases without a package (bare releases) take the publisher seen for their ocid prefix elsewhere.
UPDATE processes AS p SET publisher = k.publisher
FROM (
    SELECT ocid_prefix, mode(publisher) AS publisher FROM processes
    WHERE publisher IS NOT NULL AND ocid_prefix IS NOT NULL GROUP BY ocid_prefix
) AS k
WHERE p.publisher IS NULL AND p.ocid_prefix = k.ocid_prefix;

UPDATE processes SET publisher = coalesce(ocid_prefix, 'desconhecido') WHERE publisher IS NULL;

-- Secretariat: one display spelling per case/accent/spacing-insensitive key (the most used one).
UPDATE processes AS p SET secretariat = k.display
FROM (
    SELECT secretariat_key, mode(secretariat ORDER BY secretariat) AS display FROM processes
    WHERE secretariat_key IS NOT NULL GROUP BY secretariat_key
) AS k
WHERE p.secretariat_key = k.secretariat_key AND p.secretariat IS DISTINCT FROM k.display;

-- Organizations: one row per normalized id, with its most used name.
DELETE FROM organizations;
INSERT INTO organizations
SELECT
    org_id,
    mode(name ORDER BY name) AS name,
    CASE WHEN org_id LIKE 'BR-CNPJ-%' THEN 'BR-CNPJ' WHEN org_id LIKE 'BR-CPF-%' THEN 'BR-CPF' END AS scheme,
    CASE WHEN org_id LIKE 'BR-%' THEN regexp_extract(org_id, '(\d+)$', 1) END AS identifier,
    mode(scale ORDER BY scale) AS scale,
    mode(locality ORDER BY locality) AS locality,
    mode(region ORDER BY region) AS region,
    count(DISTINCT ocid) AS processes
FROM parties
GROUP BY org_id;

UPDATE award_suppliers AS a SET supplier_name = o.name
FROM organizations AS o WHERE a.supplier_id = o.org_id AND a.supplier_name IS DISTINCT FROM o.name;
UPDATE tenderers AS t SET tenderer_name = o.name
FROM organizations AS o WHERE t.tenderer_id = o.org_id AND t.tenderer_name IS DISTINCT FROM o.name;
UPDATE processes AS p SET buyer_name = o.name
FROM organizations AS o WHERE p.buyer_id = o.org_id AND p.buyer_name IS DISTINCT FROM o.name;

-- Main currency per publisher: the most used currency of its amounts.
DELETE FROM publishers;
INSERT INTO publishers (publisher, main_currency, processes)
WITH amounts AS (
    SELECT p.publisher, p.tender_currency AS currency FROM processes p WHERE p.tender_value IS NOT NULL
    UNION ALL
    SELECT p.publisher, a.currency FROM awards a JOIN processes p USING (ocid) WHERE a.value IS NOT NULL
    UNION ALL
    SELECT p.publisher, c.currency FROM contracts c JOIN processes p USING (ocid) WHERE c.value IS NOT NULL
)
SELECT pr.publisher, cur.main_currency, pr.processes
FROM (SELECT publisher, count(*) AS processes FROM processes GROUP BY publisher) AS pr
LEFT JOIN (
    SELECT publisher, mode(currency ORDER BY currency) AS main_currency FROM amounts
    WHERE currency IS NOT NULL GROUP BY publisher
) AS cur USING (publisher);

-- An amount counts in its publisher's totals only in the main currency; an amount without a currency is taken to
-- be in the main currency (Moldova leaves tender.value.currency empty).
-- Only rows whose value changes are written: rewriting every row made each load's commit cost grow with the database.
UPDATE processes AS p SET tender_in_main_currency = (p.tender_currency IS NULL OR p.tender_currency = pub.main_currency)
FROM publishers AS pub WHERE p.publisher = pub.publisher AND p.tender_value IS NOT NULL
    AND p.tender_in_main_currency IS DISTINCT FROM (p.tender_currency IS NULL OR p.tender_currency = pub.main_currency);
UPDATE processes AS p SET tender_currency = pub.main_currency
FROM publishers AS pub WHERE p.publisher = pub.publisher AND p.tender_value IS NOT NULL AND p.tender_currency IS NULL
    AND pub.main_currency IS NOT NULL;

UPDATE awards AS a SET in_main_currency = (a.currency IS NULL OR a.currency = pub.main_currency),
    currency = coalesce(a.currency, pub.main_currency)
FROM processes AS p, publishers AS pub
WHERE a.ocid = p.ocid AND p.publisher = pub.publisher AND a.value IS NOT NULL
    AND (a.currency IS NULL OR a.in_main_currency IS DISTINCT FROM (a.currency = pub.main_currency));

UPDATE contracts AS c SET in_main_currency = (c.currency IS NULL OR c.currency = pub.main_currency),
    currency = coalesce(c.currency, pub.main_currency)
FROM processes AS p, publishers AS pub
WHERE c.ocid = p.ocid AND p.publisher = pub.publisher AND c.value IS NOT NULL
    AND (c.currency IS NULL OR c.in_main_currency IS DISTINCT FROM (c.currency = pub.main_currency));

UPDATE bids AS b SET in_main_currency = (b.currency IS NULL OR b.currency = pub.main_currency),
    currency = coalesce(b.currency, pub.main_currency)
FROM processes AS p, publishers AS pub
WHERE b.ocid = p.ocid AND p.publisher = pub.publisher AND b.value IS NOT NULL
    AND (b.currency IS NULL OR b.in_main_currency IS DISTINCT FROM (b.currency = pub.main_currency));

UPDATE publishers AS pub SET left_out_amounts = coalesce((
    SELECT count(*) FILTER (WHERE NOT p.tender_in_main_currency) FROM processes p WHERE p.publisher = pub.publisher
), 0) + coalesce((
    SELECT count(*) FILTER (WHERE NOT a.in_main_currency) FROM awards a JOIN processes p USING (ocid)
    WHERE p.publisher = pub.publisher
), 0) + coalesce((
    SELECT count(*) FILTER (WHERE NOT c.in_main_currency) FROM contracts c JOIN processes p USING (ocid)
    WHERE p.publisher = pub.publisher
), 0);

-- Each supplier's first month with a valid award (sales left out), over every loaded process: new_suppliers tells
-- first-time winners from returning ones without scanning every award on each query.
DELETE FROM supplier_first_awards;
INSERT INTO supplier_first_awards
SELECT
    s.supplier_id,
    MIN(DATE_TRUNC('month', p.period_date))::DATE AS first_month
FROM award_suppliers AS s
INNER JOIN awards AS a ON a.ocid = s.ocid AND a.award_id IS NOT DISTINCT FROM s.award_id
INNER JOIN processes AS p ON p.ocid = s.ocid
WHERE NOT p.is_sale AND COALESCE(a.status, '') NOT IN ('cancelled', 'unsuccessful')
GROUP BY s.supplier_id;

-- Each process's awarded total: the sum of its valid awards in its publisher's main currency (after the currency
-- updates above), so that filtering processes does not sum every award on each query.
DELETE FROM process_awarded_totals;
INSERT INTO process_awarded_totals
SELECT
    ocid,
    SUM(value) AS awarded_total
FROM awards
WHERE in_main_currency
    AND value IS NOT NULL
    AND COALESCE(status, '') NOT IN ('cancelled', 'unsuccessful')
GROUP BY ocid;
