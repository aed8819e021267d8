-- Cross-process refresh, run at the end of every load (inside its transaction), once the flat tables of the
-- touched ocids are rewritten. The result is the one a recompute of everything gives, but only rows whose values
-- change are written: a load's commit rewrites, at its checkpoint, every row written, so rewriting whole tables made
-- the commit of a 1% load cost as much as that of a full one. Organizations and awarded totals are recomputed only
-- for what the touched ocids can change (their organizations, their processes); the rest reads every row, which
-- costs less than finding the touched keys first. `parties_before` (org_id, ocid), a TEMP table that
-- loaders/postprocess.py makes before the touched rows are deleted, holds the touched ocids' former organizations.

CREATE OR REPLACE TEMP TABLE refresh_orgs AS
SELECT org_id FROM parties_before
UNION
SELECT org_id FROM parties WHERE ocid IN (SELECT ocid FROM touched);

-- Publisher: releases without a package (bare releases) take the publisher seen for their ocid prefix elsewhere.
-- Only touched processes can lack one: the statement after this one fills every other gap.
UPDATE processes AS p SET publisher = k.publisher
FROM (
    SELECT ocid_prefix, mode(publisher) AS publisher FROM processes
    WHERE publisher IS NOT NULL
        AND ocid_prefix IN (SELECT ocid_prefix FROM processes WHERE publisher IS NULL)
    GROUP BY ocid_prefix
) AS k
WHERE p.publisher IS NULL AND p.ocid_prefix = k.ocid_prefix;

UPDATE processes SET publisher = coalesce(ocid_prefix, 'desconhecido') WHERE publisher IS NULL;

-- Secretariat: one display spelling per case/accent/spacing-insensitive key (the most used one). Every key is read
-- (one pass over a column costs less than finding the touched keys first), but only differing rows are written.
CREATE OR REPLACE TEMP TABLE respelled_processes AS
SELECT p.ocid, k.display
FROM processes AS p
INNER JOIN (
    SELECT secretariat_key, mode(secretariat ORDER BY secretariat) AS display FROM processes
    WHERE secretariat_key IS NOT NULL GROUP BY secretariat_key
) AS k ON p.secretariat_key = k.secretariat_key
WHERE p.secretariat IS DISTINCT FROM k.display;

UPDATE processes AS p SET secretariat = r.display FROM respelled_processes AS r WHERE p.ocid = r.ocid;

-- Organizations: one row per normalized id, with its most used name, from every party row of that id. Its number
-- of processes is the one it had, less the touched processes it was in, plus those it is in now: counting the
-- distinct processes of every party row of the organizations a 1% load touches took a million-process load 1 s.
CREATE OR REPLACE TEMP TABLE fresh_organizations AS
WITH spellings AS (
    SELECT
        org_id,
        mode(name ORDER BY name) AS name,
        mode(scale ORDER BY scale) AS scale,
        mode(locality ORDER BY locality) AS locality,
        mode(region ORDER BY region) AS region
    FROM parties
    WHERE org_id IN (SELECT org_id FROM refresh_orgs)
    GROUP BY org_id
),
processes_before AS (
    SELECT org_id, count(DISTINCT ocid) AS processes FROM parties_before GROUP BY org_id
),
processes_now AS (
    SELECT org_id, count(DISTINCT ocid) AS processes FROM parties
    WHERE ocid IN (SELECT ocid FROM touched)
    GROUP BY org_id
)
SELECT
    s.org_id,
    s.name,
    CASE WHEN s.org_id LIKE 'BR-CNPJ-%' THEN 'BR-CNPJ' WHEN s.org_id LIKE 'BR-CPF-%' THEN 'BR-CPF' END AS scheme,
    CASE WHEN s.org_id LIKE 'BR-%' THEN regexp_extract(s.org_id, '(\d+)$', 1) END AS identifier,
    s.scale,
    s.locality,
    s.region,
    (coalesce(o.processes, 0) - coalesce(b.processes, 0) + coalesce(n.processes, 0))::INTEGER AS processes
FROM spellings AS s
LEFT JOIN organizations AS o USING (org_id)
LEFT JOIN processes_before AS b USING (org_id)
LEFT JOIN processes_now AS n USING (org_id);

CREATE OR REPLACE TEMP TABLE changed_organizations AS
SELECT * FROM fresh_organizations
EXCEPT
SELECT * FROM organizations WHERE org_id IN (SELECT org_id FROM refresh_orgs);

-- Kept after the refresh: metrics/stored.py rewrites the stored lines of these organizations, then drops it. Only
-- what the lines show of a supplier (its name, scale and locality) counts, not its number of processes, which
-- changes for every supplier of a touched process: with it, a 1% load rewrote a third of the stored lines.
CREATE OR REPLACE TEMP TABLE relabelled_organizations AS
WITH
labels_before AS (
    SELECT org_id, name, scale, locality FROM organizations WHERE org_id IN (SELECT org_id FROM refresh_orgs)
),
labels_now AS (SELECT org_id, name, scale, locality FROM fresh_organizations)
SELECT org_id FROM (FROM labels_now EXCEPT FROM labels_before)
UNION
SELECT org_id FROM (FROM labels_before EXCEPT FROM labels_now);

DELETE FROM organizations
WHERE org_id IN (SELECT org_id FROM refresh_orgs)
    AND (org_id IN (SELECT org_id FROM changed_organizations) OR org_id NOT IN (SELECT org_id FROM fresh_organizations));

INSERT INTO organizations SELECT * FROM changed_organizations;

UPDATE award_suppliers AS a SET supplier_name = o.name
FROM organizations AS o WHERE a.supplier_id = o.org_id AND a.supplier_name IS DISTINCT FROM o.name;
UPDATE tenderers AS t SET tenderer_name = o.name
FROM organizations AS o WHERE t.tenderer_id = o.org_id AND t.tenderer_name IS DISTINCT FROM o.name;
UPDATE processes AS p SET buyer_name = o.name
FROM organizations AS o WHERE p.buyer_id = o.org_id AND p.buyer_name IS DISTINCT FROM o.name;

-- Main currency per publisher: the most used currency of its amounts. The amounts in another currency are left out
-- of its totals (an amount without a currency is taken to be in the main one), and counted here at once.
CREATE OR REPLACE TEMP TABLE previous_publishers AS SELECT publisher, main_currency FROM publishers;

DELETE FROM publishers;
INSERT INTO publishers (publisher, main_currency, processes, left_out_amounts)
WITH amounts AS (
    SELECT p.publisher, p.tender_currency AS currency FROM processes p WHERE p.tender_value IS NOT NULL
    UNION ALL
    SELECT p.publisher, a.currency FROM awards a JOIN processes p USING (ocid) WHERE a.value IS NOT NULL
    UNION ALL
    SELECT p.publisher, c.currency FROM contracts c JOIN processes p USING (ocid) WHERE c.value IS NOT NULL
),
currencies AS (
    SELECT publisher, currency, count(*) AS amounts FROM amounts WHERE currency IS NOT NULL GROUP BY publisher, currency
),
main AS (
    -- mode(currency ORDER BY currency): the most used, the first in alphabetical order on a tie
    SELECT publisher, first(currency ORDER BY amounts DESC, currency) AS main_currency FROM currencies
    GROUP BY publisher
)
SELECT
    pr.publisher,
    main.main_currency,
    pr.processes,
    coalesce((
        SELECT sum(c.amounts) FROM currencies AS c
        WHERE c.publisher = pr.publisher AND c.currency <> main.main_currency
    ), 0) AS left_out_amounts
FROM (SELECT publisher, count(*) AS processes FROM processes GROUP BY publisher) AS pr
LEFT JOIN main USING (publisher);

-- The processes whose awarded totals (below) may change: the touched ones, and every process of a publisher whose
-- main currency changed.
CREATE OR REPLACE TEMP TABLE currency_ocids AS
SELECT ocid FROM touched
UNION
SELECT p.ocid FROM processes AS p
WHERE p.publisher IN (
    SELECT publisher FROM publishers
    EXCEPT
    SELECT publisher FROM previous_publishers AS old JOIN publishers AS new USING (publisher)
    WHERE old.main_currency IS NOT DISTINCT FROM new.main_currency
);

-- An amount counts in its publisher's totals only in the main currency; an amount without a currency is taken to
-- be in the main currency (Moldova leaves tender.value.currency empty).
-- Only rows whose value changes are written: rewriting every row made each load's commit cost grow with the database.
-- Only the processes of currency_ocids can change: any other was set against the main currency it still has.
UPDATE processes AS p SET tender_in_main_currency = (p.tender_currency IS NULL OR p.tender_currency = pub.main_currency)
FROM publishers AS pub WHERE p.publisher = pub.publisher AND p.tender_value IS NOT NULL
    AND p.ocid IN (SELECT ocid FROM currency_ocids)
    AND p.tender_in_main_currency IS DISTINCT FROM (p.tender_currency IS NULL OR p.tender_currency = pub.main_currency);
UPDATE processes AS p SET tender_currency = pub.main_currency
FROM publishers AS pub WHERE p.publisher = pub.publisher AND p.tender_value IS NOT NULL AND p.tender_currency IS NULL
    AND p.ocid IN (SELECT ocid FROM currency_ocids) AND pub.main_currency IS NOT NULL;

UPDATE awards AS a SET in_main_currency = (a.currency IS NULL OR a.currency = pub.main_currency),
    currency = coalesce(a.currency, pub.main_currency)
FROM processes AS p, publishers AS pub
WHERE a.ocid = p.ocid AND p.publisher = pub.publisher AND a.value IS NOT NULL
    AND a.ocid IN (SELECT ocid FROM currency_ocids)
    AND (a.currency IS NULL OR a.in_main_currency IS DISTINCT FROM (a.currency = pub.main_currency));

UPDATE contracts AS c SET in_main_currency = (c.currency IS NULL OR c.currency = pub.main_currency),
    currency = coalesce(c.currency, pub.main_currency)
FROM processes AS p, publishers AS pub
WHERE c.ocid = p.ocid AND p.publisher = pub.publisher AND c.value IS NOT NULL
    AND c.ocid IN (SELECT ocid FROM currency_ocids)
    AND (c.currency IS NULL OR c.in_main_currency IS DISTINCT FROM (c.currency = pub.main_currency));

UPDATE bids AS b SET in_main_currency = (b.currency IS NULL OR b.currency = pub.main_currency),
    currency = coalesce(b.currency, pub.main_currency)
FROM processes AS p, publishers AS pub
WHERE b.ocid = p.ocid AND p.publisher = pub.publisher AND b.value IS NOT NULL
    AND b.ocid IN (SELECT ocid FROM currency_ocids)
    AND (b.currency IS NULL OR b.in_main_currency IS DISTINCT FROM (b.currency = pub.main_currency));

-- Each supplier's first month with a valid award (sales left out), over every loaded process: new_suppliers tells
-- first-time winners from returning ones without scanning every award on each query. Computed for every supplier:
-- most of a load's suppliers are the frequent ones, whose awards are most of the table (at a million processes,
-- choosing the touched suppliers first made it slower); only the rows that change are written.
CREATE OR REPLACE TEMP TABLE fresh_first_awards AS
SELECT
    s.supplier_id,
    MIN(DATE_TRUNC('month', p.period_date))::DATE AS first_month
FROM award_suppliers AS s
INNER JOIN awards AS a ON a.ocid = s.ocid AND a.award_id IS NOT DISTINCT FROM s.award_id
INNER JOIN processes AS p ON p.ocid = s.ocid
WHERE NOT p.is_sale AND COALESCE(a.status, '') NOT IN ('cancelled', 'unsuccessful')
GROUP BY s.supplier_id;

CREATE OR REPLACE TEMP TABLE changed_first_awards AS
SELECT * FROM fresh_first_awards
EXCEPT
SELECT * FROM supplier_first_awards;

DELETE FROM supplier_first_awards
WHERE supplier_id IN (SELECT supplier_id FROM changed_first_awards)
    OR supplier_id NOT IN (SELECT supplier_id FROM fresh_first_awards);

INSERT INTO supplier_first_awards SELECT * FROM changed_first_awards;

-- Each process's awarded total: the sum of its valid awards in its publisher's main currency (after the currency
-- updates above), so that filtering processes does not sum every award on each query.
CREATE OR REPLACE TEMP TABLE fresh_awarded_totals AS
SELECT
    ocid,
    SUM(value) AS awarded_total
FROM awards
WHERE ocid IN (SELECT ocid FROM currency_ocids)
    AND in_main_currency
    AND value IS NOT NULL
    AND COALESCE(status, '') NOT IN ('cancelled', 'unsuccessful')
GROUP BY ocid;

CREATE OR REPLACE TEMP TABLE changed_awarded_totals AS
SELECT * FROM fresh_awarded_totals
EXCEPT
SELECT * FROM process_awarded_totals WHERE ocid IN (SELECT ocid FROM currency_ocids);

DELETE FROM process_awarded_totals
WHERE ocid IN (SELECT ocid FROM currency_ocids)
    AND (ocid IN (SELECT ocid FROM changed_awarded_totals) OR ocid NOT IN (SELECT ocid FROM fresh_awarded_totals));

INSERT INTO process_awarded_totals SELECT * FROM changed_awarded_totals;

-- Kept after the refresh, as relabelled_organizations: the processes whose row of the metrics' filtered_processes
-- may change (metrics/stored.py rewrites their stored rows, then drops it). Besides the touched ones, the refresh
-- changes a process's secretariat spelling, and the main currency, currency columns and awarded total of every
-- process of a publisher whose main currency changed; the publisher it fills in is only ever a touched process's.
CREATE OR REPLACE TEMP TABLE restated_processes AS
SELECT ocid FROM currency_ocids
UNION
SELECT ocid FROM respelled_processes;

DROP TABLE respelled_processes;
DROP TABLE parties_before;
DROP TABLE refresh_orgs;
DROP TABLE fresh_organizations;
DROP TABLE previous_publishers;
DROP TABLE currency_ocids;
DROP TABLE fresh_first_awards;
DROP TABLE changed_first_awards;
DROP TABLE fresh_awarded_totals;
DROP TABLE changed_awarded_totals
