-- Flatten the compiled releases of the ocids in the TEMP table `touched` into the flat tables (processes, parties,
-- awards, award_suppliers, contracts, tenderers, bids, items). Run by loaders/flatten.py once compiled_releases holds
-- them, inside the load's transaction, on their leaves: the tables `leaf_*` it makes first (Arrow tables natively, or
-- TEMP tables with loaders/leaves.sql, which says what they hold); loaders/postprocess.sql then refreshes what spans
-- processes. The variable `secretariat_rules` (bound by loaders/flatten.py) is the order of the secretariat rules.
--
-- The rules here are the ones a user relies on, documented in README ("Regras dos dados"):
-- - Secretariat (the buying unit): the first rule of the order that gives a name: the procuring entity when it
--   differs from the buyer (by id or by name key); else the buyer's unit (the first additionalIdentifiers legalName
--   of the `buyer` party, as Transparência Brasil publishes PNCP units) when it differs from the buyer by name key;
--   else the buyer. The order defaults to procuringEntity,buyerUnit,buyer; PAINEL_SECRETARIAT_RULES overrides it.
--   Names are cleaned of spacing variants here and of case variants when the load ends (one display spelling per
--   name key).
-- - Organization identity: CNPJs become `BR-CNPJ-` + 14 digits (leading zeros restored, `BR-CNPJ-`/`CNPJ-` prefixes
--   unified; CPFs `BR-CPF-` + 11), from identifier.id under a CNPJ/CPF scheme or from a prefixed identifier.id or
--   party id; other identifiers `SCHEME-id`, or the bare id; parties without an identifier are `NAME-` + the name
--   key of their cleaned name, else `ID-` + their id. A reference (buyer, procuring entity, supplier, tenderer) is
--   resolved through the party with its id: the party's fields win, the reference fills the fields it lacks.
-- - Names: spacing collapsed (every Unicode space, as Python's str.split sees them), empty names are none. The name
--   key groups spelling variants: accents stripped (DuckDB strip_accents) and lower-cased, with the ordinal signs
--   º/ª read as o/a, superscript digits as digits and ß as ss (what Unicode NFKD and case folding give for the
--   names publishers write; rarer compatibility forms, e.g. ligatures and full-width letters, stay apart).
-- - Money: an amount counts only when it is a JSON number (not a boolean, not a string); currency codes are
--   trimmed, upper-cased and known typos fixed; whether an amount is in its publisher's main currency is decided
--   when the load ends (loaders/postprocess.sql), never here. A contract's paid value is the sum of its
--   implementation transactions (their `value`, else the 1.0 `amount`) in the contract's currency or without one.
-- - Procedure type: the Brazilian procedure recognised in the accent-free lower-case procurementMethodDetails (first
--   keyword of procedure_keyword() it contains), else that local name, else the procurement method. Competitive:
--   never for dispensa/inexigibilidade/inaplicabilidade; open/selective are, limited/direct are not; else unknown.
--   A sale is a leilão or a tender whose details.isSale is true.
-- - Number of tenderers: tender.numberOfTenderers when a number, else the distinct tenderers, else the distinct
--   bidders (bids.details[].tenderers), else none.
-- - Dates: published text, cast to TIMESTAMPTZ where it is a timestamp (TRY_CAST: NULL when it is not). The
--   period date is the calendar date as published (first 10 characters) of the first award, else of the tender
--   start, else of the release date, so a process counts in its local month.
-- - Publisher: of a merged release, the last publisher named by the sources of its releases (load order); of a
--   compiled release as published, its source's.
-- - Text fields take a JSON string as it is, a number or boolean as Python's str() writes it, and nothing from an
--   object or array. Only objects count as array items (parties, awards, items, ...).

-- A leaf is {t: json_type(), v: text} (loaders/leaves.sql); NULL when missing or a JSON null. A number's text is
-- as published (read it as a DOUBLE), an object's or array's is its JSON text (json() writes it as DuckDB would;
-- an empty one is always `{}` or `[]`).

-- Python's str() of a JSON scalar; NULL for null, objects and arrays.
CREATE OR REPLACE TEMP MACRO text_of(x) AS CASE x.t
    WHEN 'VARCHAR' THEN x.v
    WHEN 'BOOLEAN' THEN if(x.v = 'true', 'True', 'False')
    WHEN 'DOUBLE' THEN x.v::DOUBLE::VARCHAR
    WHEN 'BIGINT' THEN x.v
    WHEN 'UBIGINT' THEN x.v
END;

CREATE OR REPLACE TEMP MACRO string_of(x) AS CASE WHEN x.t = 'VARCHAR' THEN x.v END;

CREATE OR REPLACE TEMP MACRO number_of(x) AS CASE WHEN x.t IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN x.v::DOUBLE END;

-- Python truthiness of a JSON value (empty strings, zero, false, empty arrays and objects, null are false).
CREATE OR REPLACE TEMP MACRO is_truthy(x) AS CASE x.t
    WHEN 'VARCHAR' THEN x.v <> ''
    WHEN 'BOOLEAN' THEN x.v = 'true'
    WHEN 'ARRAY' THEN x.v <> '[]'
    WHEN 'OBJECT' THEN x.v <> '{}'
    WHEN 'NULL' THEN false
    ELSE coalesce(number_of(x) <> 0, false)
END;

-- Python's str.strip() and str.split() whitespace: every Unicode space, not only ASCII. (Only a text that starts
-- or ends with one goes through the replacement.)
CREATE OR REPLACE TEMP MACRO strip_text(s) AS CASE
    WHEN regexp_matches(left(s, 1) || right(s, 1), '[\t\n\x{0b}\x{0c}\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]')
        THEN regexp_replace(s, '^[\t\n\x{0b}\x{0c}\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+|[\t\n\x{0b}\x{0c}\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+$', '', 'g')
    ELSE s
END;

-- (Most names have single ASCII spaces only: they skip the replacement, which costs five times the check.)
CREATE OR REPLACE TEMP MACRO clean_text(s) AS nullif(CASE
    WHEN regexp_matches(
        s, '[\t\n\x{0b}\x{0c}\r\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]|^ | $|  '
    ) THEN trim(regexp_replace(
        s,
        '[\t\n\x{0b}\x{0c}\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+',
        ' ',
        'g'
    ))
    ELSE s
END, '');

-- A name with its spacing variants collapsed; NULL unless a non-blank JSON string.
CREATE OR REPLACE TEMP MACRO name_of(j) AS clean_text(string_of(j));

-- The case- and accent-insensitive key under which spelling variants of one name are grouped.
CREATE OR REPLACE TEMP MACRO name_key(name) AS
    CASE WHEN name <> '' THEN replace(replace(replace(replace(replace(replace(
        lower(strip_accents(name)), 'º', 'o'), 'ª', 'a'), 'ß', 'ss'), '¹', '1'), '²', '2'), '³', '3') END;

CREATE OR REPLACE TEMP MACRO currency_code(code) AS CASE code
    WHEN 'MNX' THEN 'MXN' WHEN 'R$' THEN 'BRL' WHEN 'REAL' THEN 'BRL' WHEN 'REAIS' THEN 'BRL' ELSE code
END;

CREATE OR REPLACE TEMP MACRO currency_of(j) AS currency_code(upper(nullif(strip_text(string_of(j)), '')));

-- Python's str(value or "") of an identifier part (an object or array as its JSON text).
CREATE OR REPLACE TEMP MACRO id_text(x) AS CASE
    WHEN x.t = 'VARCHAR' THEN x.v
    WHEN is_truthy(x) THEN coalesce(text_of(x), json(x.v)::VARCHAR)
    ELSE ''
END;

-- `BR-{kind}-` + `width` digits from an id under that scheme, or from an id prefixed `BR-{kind}-` or `{kind}-`;
-- NULL when neither, or when there are no digits or too many.
CREATE OR REPLACE TEMP MACRO kind_digits(kind, scheme, value) AS regexp_replace(CASE
    WHEN scheme IN ('BR-' || kind, kind) THEN value
    WHEN starts_with(upper(value), 'BR-' || kind || '-') OR starts_with(upper(value), kind || '-')
        THEN substr(upper(value), strpos(upper(value), kind) + length(kind))
END, '[^\p{Nd}]', '', 'g');

CREATE OR REPLACE TEMP MACRO kind_id(kind, width, digits) AS
    CASE WHEN length(digits) BETWEEN 1 AND width THEN 'BR-' || kind || '-' || lpad(digits, width, '0') END;

-- A stable identity for an organization across releases and publishers: the stripped texts of its identifier's
-- scheme (upper-cased) and id, of its id, its clean name, and the digits kind_digits() found in its identifier's id
-- (under its scheme) and in its id.
CREATE OR REPLACE TEMP MACRO org_key(scheme, ident, party_id, name, cnpj, cpf, id_cnpj, id_cpf) AS coalesce(
    kind_id('CNPJ', 14, cnpj),
    kind_id('CPF', 11, cpf),
    kind_id('CNPJ', 14, id_cnpj),
    kind_id('CPF', 11, id_cpf),
    CASE WHEN scheme <> '' AND ident <> '' THEN scheme || '-' || ident END,
    nullif(ident, ''),
    'NAME-' || name_key(name),
    'ID-' || party_id
);

-- Whether a list of role leaves holds the string `role`.
CREATE OR REPLACE TEMP MACRO has_role(roles, role) AS
    len(list_filter(roles, lambda r: r.t = 'VARCHAR' AND r.v = role)) > 0;

-- The calendar date as published (the first 10 characters); NULL unless the text starts with one.
CREATE OR REPLACE TEMP MACRO local_date(text) AS
    CASE WHEN regexp_matches(text, '^\p{Nd}{4}-\p{Nd}{2}-\p{Nd}{2}') THEN left(text, 10) END;

CREATE OR REPLACE TEMP MACRO timestamp_of(j) AS TRY_CAST(text_of(j) AS TIMESTAMPTZ);

-- Brazilian procedure types (Lei 14.133/2021 and PNCP modalidades) in accent-free lower-case names; first match.
CREATE OR REPLACE TEMP MACRO procedure_keyword(plain) AS CASE
    WHEN contains(plain, 'pregao') THEN 'pregao'
    WHEN contains(plain, 'concorrencia') THEN 'concorrencia'
    WHEN contains(plain, 'concurso') THEN 'concurso'
    WHEN contains(plain, 'leilao') THEN 'leilao'
    WHEN contains(plain, 'dialogo competitivo') THEN 'dialogo_competitivo'
    WHEN contains(plain, 'dispensa') THEN 'dispensa'
    WHEN contains(plain, 'inexigibilidade') THEN 'inexigibilidade'
    WHEN contains(plain, 'inaplicabilidade') THEN 'inaplicabilidade'
    WHEN contains(plain, 'credenciamento') THEN 'credenciamento'
    WHEN contains(plain, 'pre-qualificacao') THEN 'pre_qualificacao'
    WHEN contains(plain, 'pre qualificacao') THEN 'pre_qualificacao'
    WHEN contains(plain, 'manifestacao de interesse') THEN 'manifestacao_interesse'
END;

CREATE OR REPLACE TEMP MACRO is_competitive(method, procedure) AS CASE
    WHEN procedure IN ('dispensa', 'inexigibilidade', 'inaplicabilidade') THEN false
    WHEN method IN ('open', 'selective') THEN true
    WHEN method IN ('limited', 'direct') THEN false
END;

-- The party each id finds (the last with that id, at `last_position`), at the position of the first with it (a
-- Python dict's order).
CREATE OR REPLACE TEMP TABLE flat_party_by_key AS
SELECT
    ocid,
    text_of(id) AS party_key,
    max(position) AS last_position,
    min(position) AS first_position
FROM leaf_party
WHERE text_of(id) IS NOT NULL
GROUP BY ocid, text_of(id);

-- Views, not TEMP tables: a TEMP table keeps 100k rows in one row group, which one core scans, and copying the
-- leaves cost more than reading them again.
CREATE OR REPLACE TEMP VIEW flat_award AS
SELECT * EXCLUDE (is_object), text_of(id) AS award_id FROM leaf_award WHERE is_object;

CREATE OR REPLACE TEMP VIEW flat_contract AS
SELECT *, text_of(id) AS contract_id FROM leaf_contract;

-- Every party ('party') and every organization reference, with its organization id and name. A reference is
-- resolved through the party with its id: the party's fields win, the reference fills those the party lacks.
-- `owner` is the position of the award (suppliers) or bid (bidders) a reference belongs to.
CREATE OR REPLACE TEMP TABLE flat_organization AS
WITH keyed AS (
    SELECT *, coalesce(text_of(id), if(id IS NULL, 'None', NULL)) AS reference_key FROM leaf_reference
),
resolved AS (
    SELECT
        keyed.ocid,
        keyed.kind,
        keyed.owner,
        keyed.position,
        -- The buyer's unit: the first legalName of the buyer party's (else the buyer's) additionalIdentifiers.
        CASE WHEN keyed.kind = 'buyer' THEN [
            name_of(legal_name) FOR legal_name IN if(found.ocid IS NULL, keyed.legal_names, found.legal_names)
            IF name_of(legal_name) IS NOT NULL
        ][1] END AS buyer_unit,
        if(found.has_identifier, found.identifier_scheme, keyed.identifier_scheme) AS identifier_scheme,
        if(found.has_identifier, found.identifier_id, keyed.identifier_id) AS identifier_id,
        if(found.has_id, found.id, keyed.id) AS id,
        if(found.has_name, found.name, keyed.name) AS name
    FROM keyed
    -- Python's str() of the reference's id ('None' without one) finds the party.
    LEFT JOIN flat_party_by_key AS k ON k.ocid = keyed.ocid AND k.party_key = keyed.reference_key
    LEFT JOIN leaf_party AS found ON found.ocid = k.ocid AND found.position = k.last_position
),
organization AS (
    SELECT
        ocid, 'party' AS kind, NULL::BIGINT AS owner, position, NULL AS buyer_unit, identifier_scheme, identifier_id,
        id, name
    FROM leaf_party
    UNION ALL
    SELECT * FROM resolved
),
texts AS (
    SELECT
        *,
        upper(strip_text(id_text(identifier_scheme))) AS scheme_text,
        strip_text(id_text(identifier_id)) AS ident_text,
        strip_text(id_text(id)) AS id_text,
        name_of(name) AS clean_name
    FROM organization
),
digits AS (
    SELECT
        *,
        kind_digits('CNPJ', scheme_text, ident_text) AS cnpj,
        kind_digits('CPF', scheme_text, ident_text) AS cpf,
        kind_digits('CNPJ', '', id_text) AS id_cnpj,
        kind_digits('CPF', '', id_text) AS id_cpf
    FROM texts
)
SELECT
    ocid,
    kind,
    owner,
    position,
    buyer_unit,
    org_key(scheme_text, ident_text, id_text, clean_name, cnpj, cpf, id_cnpj, id_cpf) AS org_id,
    clean_name AS name
FROM digits;

INSERT INTO parties BY NAME
SELECT
    p.ocid,
    text_of(p.id) AS party_id,
    o.org_id,
    o.name,
    list_transform(p.roles, lambda role: coalesce(text_of(role), if(role.t = 'NULL', 'None', json(role.v)::VARCHAR)))
        AS roles,
    text_of(p.scale) AS scale,
    name_of(p.locality) AS locality,
    name_of(p.region) AS region,
    text_of(p.postal_code) AS postal_code,
    name_of(p.country) AS country
FROM leaf_party AS p
JOIN flat_organization AS o ON o.ocid = p.ocid AND o.position = p.position AND o.kind = 'party';

INSERT INTO processes BY NAME
WITH publisher AS (
    FROM touched_publishers WHERE ocid IN (SELECT ocid FROM touched)  -- made once for all chunks (flatten.py)
),
-- The first party (in `parties` order) with a role, for a release whose buyer or procuring entity is no reference.
role_party AS (
    SELECT
        k.ocid,
        arg_min(k.last_position, k.first_position) FILTER (WHERE has_role(p.roles, 'buyer')) AS buyer,
        arg_min(k.last_position, k.first_position) FILTER (WHERE has_role(p.roles, 'procuringEntity')) AS entity
    FROM flat_party_by_key AS k
    JOIN leaf_party AS p ON p.ocid = k.ocid AND p.position = k.last_position
    GROUP BY k.ocid
),
buyer AS (
    SELECT ocid, org_id, name, buyer_unit FROM flat_organization WHERE kind = 'buyer'
    UNION ALL
    SELECT o.ocid, o.org_id, o.name, NULL
    FROM role_party JOIN flat_organization AS o ON o.ocid = role_party.ocid AND o.position = role_party.buyer
    WHERE o.kind = 'party' AND NOT EXISTS (SELECT 1 FROM flat_organization AS b WHERE b.ocid = o.ocid AND b.kind = 'buyer')
),
entity AS (
    SELECT ocid, org_id, name FROM flat_organization WHERE kind = 'procuringEntity'
    UNION ALL
    SELECT o.ocid, o.org_id, o.name
    FROM role_party JOIN flat_organization AS o ON o.ocid = role_party.ocid AND o.position = role_party.entity
    WHERE o.kind = 'party'
        AND NOT EXISTS (SELECT 1 FROM flat_organization AS e WHERE e.ocid = o.ocid AND e.kind = 'procuringEntity')
),
participants AS (
    SELECT
        ocid,
        nullif(count(DISTINCT org_id) FILTER (WHERE kind = 'tenderer'), 0) AS tenderers,
        nullif(count(DISTINCT org_id) FILTER (WHERE kind = 'bidder'), 0) AS bidders
    FROM flat_organization
    WHERE kind IN ('tenderer', 'bidder')
    GROUP BY ocid
),
first_award AS (SELECT ocid, min(string_of(date)) AS date FROM flat_award GROUP BY ocid),
first_contract AS (SELECT ocid, min(string_of(date_signed)) AS date FROM flat_contract GROUP BY ocid),
-- The release's own fields, reduced to the values the row keeps before the joins below carry them.
release AS (
    SELECT
        ocid,
        origin,
        name_of(tender_method_details) AS details,
        -- A blank method is kept as '' (stripped), no method as none.
        CASE WHEN text_of(tender_method) <> '' THEN strip_text(text_of(tender_method)) END AS method,
        coalesce(tender_is_sale = {'t': 'BOOLEAN', 'v': 'true'}, false) AS declared_sale,
        text_of(tender_category) AS main_procurement_category,
        coalesce(name_of(tender_title), name_of(title)) AS title,
        text_of(tender_description) AS description,
        text_of(tender_status) AS status,
        number_of(tender_amount) AS tender_value,
        currency_of(tender_currency) AS tender_currency,
        timestamp_of(tender_start) AS tender_start,
        timestamp_of(tender_end) AS tender_end,
        trunc(number_of(tender_number_of_tenderers)) AS declared_tenderers,
        timestamp_of(date) AS date,
        local_date(string_of(tender_start)) AS tender_start_day,
        local_date(string_of(date)) AS release_day,
        [string_of(url) FOR url IN document_urls IF starts_with(string_of(url), 'http')][1] AS source_url
    FROM leaf_release
),
process AS (
    SELECT
        f.*,
        CASE f.origin WHEN 'merged' THEN publisher.merged ELSE publisher.published END AS publisher,
        buyer.org_id AS buyer_id,
        buyer.name AS buyer_name,
        entity.org_id AS entity_id,
        entity.name AS entity_name,
        buyer.buyer_unit,
        participants.tenderers,
        participants.bidders,
        first_award.date AS first_award,
        first_contract.date AS first_contract
    FROM release AS f
    LEFT JOIN publisher ON publisher.ocid = f.ocid
    LEFT JOIN buyer ON buyer.ocid = f.ocid
    LEFT JOIN entity ON entity.ocid = f.ocid
    LEFT JOIN participants ON participants.ocid = f.ocid
    LEFT JOIN first_award ON first_award.ocid = f.ocid
    LEFT JOIN first_contract ON first_contract.ocid = f.ocid
),
secretariat AS (
    SELECT
        *,
        list_filter(
            list_transform(getvariable('secretariat_rules'), lambda rule: {
                'name': CASE rule
                    WHEN 'procuringEntity' THEN CASE WHEN entity_id IS DISTINCT FROM buyer_id
                        OR name_key(entity_name) IS DISTINCT FROM name_key(buyer_name) THEN entity_name END
                    WHEN 'buyerUnit' THEN
                        CASE WHEN name_key(buyer_unit) IS DISTINCT FROM name_key(buyer_name) THEN buyer_unit END
                    WHEN 'buyer' THEN buyer_name
                END,
                'rule': rule
            }),
            lambda candidate: candidate.name IS NOT NULL
        )[1] AS chosen,
        CASE WHEN details IS NOT NULL THEN coalesce(procedure_keyword(name_key(details)), details) ELSE method END
            AS procedure
    FROM process
)
SELECT
    ocid,
    publisher,
    nullif(regexp_extract(ocid, '^(ocds-[0-9a-z]{6})', 1), '') AS ocid_prefix,
    buyer_id,
    buyer_name,
    chosen.name AS secretariat,
    name_key(chosen.name) AS secretariat_key,
    chosen.rule AS secretariat_source,
    method AS procurement_method,
    details AS procurement_method_details,
    procedure AS procedure_type,
    is_competitive(method, procedure) AS is_competitive,
    coalesce(procedure = 'leilao', false) OR declared_sale AS is_sale,
    main_procurement_category,
    title,
    description,
    status,
    tender_value,
    tender_currency,
    tender_start,
    tender_end,
    coalesce(declared_tenderers, tenderers, bidders) AS number_of_tenderers,
    TRY_CAST(first_award AS TIMESTAMPTZ) AS first_award_date,
    TRY_CAST(first_contract AS TIMESTAMPTZ) AS first_contract_date,
    date,
    TRY_CAST(coalesce(local_date(first_award), tender_start_day, release_day) AS DATE) AS period_date,
    source_url
FROM secretariat;

INSERT INTO awards BY NAME
SELECT
    ocid,
    award_id,
    text_of(status) AS status,
    timestamp_of(date) AS date,
    number_of(amount) AS value,
    currency_of(currency) AS currency,
    name_of(title) AS title
FROM flat_award;

-- One row per award and distinct supplier (its first reference gives the name).
INSERT INTO award_suppliers BY NAME
SELECT
    s.ocid,
    any_value(a.award_id) AS award_id,
    s.org_id AS supplier_id,
    arg_min_null(s.name, s.position) AS supplier_name
FROM flat_organization AS s
JOIN flat_award AS a ON a.ocid = s.ocid AND a.position = s.owner
WHERE s.kind = 'supplier'
GROUP BY s.ocid, s.owner, s.org_id;

INSERT INTO contracts BY NAME
WITH paid AS (
    -- A transaction's Value: `value`, else (OCDS 1.0) `amount`.
    SELECT
        ocid,
        owner,
        list(
            if(is_truthy(value), {'amount': value_amount, 'currency': value_currency},
                {'amount': amount_amount, 'currency': amount_currency})
            ORDER BY position
        ) AS paid
    FROM leaf_transaction
    GROUP BY ocid, owner
),
contract AS (
    SELECT c.*, currency_of(c.currency) AS currency_code, coalesce(paid.paid, []) AS paid
    FROM flat_contract AS c
    LEFT JOIN paid ON paid.ocid = c.ocid AND paid.owner = c.position
)
SELECT
    ocid,
    contract_id,
    text_of(award_id) AS award_id,
    text_of(status) AS status,
    name_of(title) AS title,
    timestamp_of(date_signed) AS date_signed,
    timestamp_of(period_start) AS period_start,
    timestamp_of(period_end) AS period_end,
    number_of(amount) AS value,
    currency_code AS currency,
    amendments,
    -- Summed in published order (the same double as a running total); none without such a transaction.
    list_sum([
        number_of(p.amount) FOR p IN paid
        IF number_of(p.amount) IS NOT NULL
            AND (currency_of(p.currency) IS NULL OR currency_code IS NULL OR currency_of(p.currency) = currency_code)
    ]) AS paid_value,
    len(paid) AS transactions
FROM contract;

-- One row per distinct tenderer (its first reference gives the name).
INSERT INTO tenderers BY NAME
SELECT ocid, org_id AS tenderer_id, arg_min_null(name, position) AS tenderer_name
FROM flat_organization
WHERE kind = 'tenderer'
GROUP BY ocid, org_id;

INSERT INTO bids BY NAME
WITH bidders AS (
    SELECT ocid, owner, list(org_id ORDER BY position) AS ids FROM flat_organization WHERE kind = 'bidder' GROUP BY ALL
)
SELECT
    b.ocid,
    text_of(b.id) AS bid_id,
    timestamp_of(b.date) AS date,
    text_of(b.status) AS status,
    number_of(b.amount) AS value,
    currency_of(b.currency) AS currency,
    coalesce(bidders.ids, []) AS tenderer_ids
FROM leaf_bid AS b
LEFT JOIN bidders ON bidders.ocid = b.ocid AND bidders.owner = b.position
WHERE b.is_object;

INSERT INTO items BY NAME
SELECT
    i.ocid,
    i.stage,
    CASE i.stage WHEN 'award' THEN a.award_id WHEN 'contract' THEN c.contract_id END AS parent_id,
    text_of(i.id) AS item_id,
    text_of(i.description) AS description,
    text_of(i.classification_scheme) AS classification_scheme,
    text_of(i.classification_id) AS classification_id,
    number_of(i.quantity) AS quantity,
    text_of(i.unit_name) AS unit_name,
    number_of(i.unit_amount) AS unit_value,
    currency_of(i.unit_currency) AS currency
FROM leaf_item AS i
LEFT JOIN flat_award AS a ON i.stage = 'award' AND a.ocid = i.ocid AND a.position = i.owner
LEFT JOIN flat_contract AS c ON i.stage = 'contract' AND c.ocid = i.ocid AND c.position = i.owner;

DROP TABLE flat_organization;
DROP VIEW flat_contract;
DROP VIEW flat_award;
DROP TABLE flat_party_by_key;
