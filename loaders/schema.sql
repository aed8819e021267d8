-- Painel de Contratações Abertas: the public database schema.
--
-- This file is a contract: other portals and scripts query these tables directly. Add columns and tables,
-- never rename or drop them. Every statement is idempotent (IF NOT EXISTS) so the loader applies the file on
-- every connection. Monetary amounts are DOUBLE in the currency named beside them; `in_main_currency` says
-- whether the amount may be summed into its publisher's totals (see `publishers.main_currency`).
--
-- A column marked "unique" holds one row per value; the loader keeps it so (tests/test_refresh.py checks). It is
-- not a PRIMARY KEY: DuckDB writes a key's whole index again at every commit that changes the table, and the
-- seven tables with one row per process or organization made half the commit of a 1% load (0.18 of 0.36 s). A
-- database made before keeps its keys (IF NOT EXISTS), and loads into it work the same, only slower to commit.

CREATE TABLE IF NOT EXISTS sources (
    source_id     INTEGER PRIMARY KEY,
    location      VARCHAR NOT NULL,   -- file path, URL, or "pncp:..." for a PNCP fetch
    fetched_at    TIMESTAMP NOT NULL, -- when this load ran (UTC)
    sha256        VARCHAR,            -- of the bytes read; a source with a known sha256 is not reloaded
    publisher     VARCHAR,            -- publisher name given on the command line or found in the package
    license       VARCHAR,            -- package `license` where published
    releases      INTEGER NOT NULL DEFAULT 0, -- releases read (including embedded releases of records)
    records       INTEGER NOT NULL DEFAULT 0, -- records read
    compiled      INTEGER NOT NULL DEFAULT 0, -- compiled releases read as published
    skipped       INTEGER NOT NULL DEFAULT 0, -- objects read but not loaded (see message)
    status        VARCHAR NOT NULL,   -- 'loaded', or 'replaced' once a later load of the same location changed it
    message       VARCHAR             -- human-readable summary, including why objects were skipped
);
COMMENT ON TABLE sources IS 'One row per source read by a load: where from, when, its hash, and what it held.';

CREATE TABLE IF NOT EXISTS releases (
    ocid        VARCHAR NOT NULL,
    release_id  VARCHAR,             -- release.id as published
    date        VARCHAR,             -- release.date as published (RFC 3339 text; merge order)
    tag         VARCHAR[],
    source_id   INTEGER NOT NULL,
    seq         BIGINT NOT NULL,     -- load order; breaks ties between releases with the same date, as ocdskit does
    data        JSON NOT NULL USING COMPRESSION zstd -- the release, upgraded to OCDS 1.1 (zstd: 5x faster to write than the default)
);
COMMENT ON TABLE releases IS 'Every release of every loaded source, upgraded to OCDS 1.1, merged as ocdskit compile merges the releases it is given. Loading a source again with the same bytes changes nothing; a source whose bytes changed (same location) replaces the releases it gave before.';

CREATE TABLE IF NOT EXISTS published_compiled_releases (
    ocid       VARCHAR PRIMARY KEY,
    date       VARCHAR,
    source_id  INTEGER NOT NULL,
    data       JSON NOT NULL USING COMPRESSION zstd
);
COMMENT ON TABLE published_compiled_releases IS 'Compiled releases as the publisher gave them (records'' compiledRelease, or --compiled JSON lines).';

CREATE TABLE IF NOT EXISTS compiled_releases (
    ocid       VARCHAR NOT NULL, -- unique
    origin     VARCHAR NOT NULL,     -- 'merged' (from releases, identical to ocdskit compile) or 'published'
    data       JSON NOT NULL USING COMPRESSION zstd
);
COMMENT ON TABLE compiled_releases IS 'One compiled release per ocid: merged from its releases when any are loaded, else as published.';

CREATE TABLE IF NOT EXISTS processes (
    ocid                         VARCHAR NOT NULL, -- unique
    publisher                    VARCHAR,
    ocid_prefix                  VARCHAR,  -- the registered prefix, e.g. ocds-ye9ov3
    buyer_id                     VARCHAR,  -- organizations.org_id
    buyer_name                   VARCHAR,
    secretariat                  VARCHAR,  -- the buying unit, by the rule in loaders/flatten.sql (documented in README)
    secretariat_key              VARCHAR,  -- case/accent/spacing-insensitive key; one display name per key
    secretariat_source           VARCHAR,  -- which rule gave it: 'procuringEntity', 'buyerUnit' or 'buyer'
    procurement_method           VARCHAR,  -- open/selective/limited/direct, or the published value when outside the codelist
    procurement_method_details   VARCHAR,  -- the local name (e.g. 'Pregão - Eletrônico')
    procedure_type               VARCHAR,  -- normalized local procedure (e.g. 'pregao', 'dispensa'); NULL when unknown
    is_competitive               BOOLEAN,  -- open/selective and not a Brazilian direct purchase
    is_sale                      BOOLEAN NOT NULL DEFAULT FALSE, -- leilão / alienação: revenue, never spending
    main_procurement_category    VARCHAR,
    title                        VARCHAR,
    description                  VARCHAR,
    status                       VARCHAR,  -- tender.status
    tender_value                 DOUBLE,
    tender_currency              VARCHAR,  -- normalized ISO 4217 code
    tender_in_main_currency      BOOLEAN,
    tender_start                 TIMESTAMPTZ,
    tender_end                   TIMESTAMPTZ,
    number_of_tenderers          INTEGER,  -- tender.numberOfTenderers, else distinct tenderers, else distinct bidders
    first_award_date             TIMESTAMPTZ,
    first_contract_date          TIMESTAMPTZ, -- earliest contracts.dateSigned
    date                         TIMESTAMPTZ, -- compiled release date (latest release)
    period_date                  DATE,     -- the date a process is counted in: first award, else tender start, else release date
    source_url                   VARCHAR   -- a link to the process at its source where the data has one
);
COMMENT ON TABLE processes IS 'One row per contracting process (ocid), from its compiled release.';

CREATE TABLE IF NOT EXISTS parties (
    ocid        VARCHAR NOT NULL,
    party_id    VARCHAR,             -- the id as published (local to the release)
    org_id      VARCHAR NOT NULL,    -- normalized identity (organizations.org_id)
    name        VARCHAR,
    roles       VARCHAR[],
    scale       VARCHAR,             -- details.scale: micro/sme/large/selfEmployed
    locality    VARCHAR,
    region      VARCHAR,
    postal_code VARCHAR,
    country     VARCHAR
);
COMMENT ON TABLE parties IS 'Every party of every compiled release, with its normalized organization id.';

CREATE TABLE IF NOT EXISTS organizations (
    org_id      VARCHAR NOT NULL, -- unique; BR-CNPJ-{14 digits} for Brazilian companies; else scheme-id; else the name
    name        VARCHAR,             -- one display name: the most used spelling
    scheme      VARCHAR,
    identifier  VARCHAR,
    scale       VARCHAR,
    locality    VARCHAR,
    region      VARCHAR,
    processes   INTEGER              -- processes in which it appears
);
COMMENT ON TABLE organizations IS 'One row per organization across all processes, by normalized identifier.';

CREATE TABLE IF NOT EXISTS awards (
    ocid            VARCHAR NOT NULL,
    award_id        VARCHAR,
    status          VARCHAR,
    date            TIMESTAMPTZ,
    value           DOUBLE,
    currency        VARCHAR,
    in_main_currency BOOLEAN,
    title           VARCHAR
);
COMMENT ON TABLE awards IS 'Awards of the compiled releases.';

CREATE TABLE IF NOT EXISTS award_suppliers (
    ocid        VARCHAR NOT NULL,
    award_id    VARCHAR,
    supplier_id VARCHAR NOT NULL,    -- organizations.org_id
    supplier_name VARCHAR
);
COMMENT ON TABLE award_suppliers IS 'Suppliers of each award (one row per award and supplier).';

CREATE TABLE IF NOT EXISTS contracts (
    ocid            VARCHAR NOT NULL,
    contract_id     VARCHAR,
    award_id        VARCHAR,
    status          VARCHAR,
    title           VARCHAR,
    date_signed     TIMESTAMPTZ,
    period_start    TIMESTAMPTZ,
    period_end      TIMESTAMPTZ,
    value           DOUBLE,
    currency        VARCHAR,
    in_main_currency BOOLEAN,
    amendments      INTEGER,
    paid_value      DOUBLE,          -- sum of implementation.transactions in the contract's currency
    transactions    INTEGER
);
COMMENT ON TABLE contracts IS 'Contracts of the compiled releases, with the sum of their implementation transactions.';

CREATE TABLE IF NOT EXISTS tenderers (
    ocid        VARCHAR NOT NULL,
    tenderer_id VARCHAR NOT NULL,    -- organizations.org_id
    tenderer_name VARCHAR
);
COMMENT ON TABLE tenderers IS 'tender.tenderers of the compiled releases.';

CREATE TABLE IF NOT EXISTS bids (
    ocid        VARCHAR NOT NULL,
    bid_id      VARCHAR,
    date        TIMESTAMPTZ,
    status      VARCHAR,
    value       DOUBLE,
    currency    VARCHAR,
    in_main_currency BOOLEAN,
    tenderer_ids VARCHAR[]           -- organizations.org_id of the bid's tenderers
);
COMMENT ON TABLE bids IS 'bids.details of the compiled releases (bid extension).';

CREATE TABLE IF NOT EXISTS items (
    ocid        VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,    -- 'tender', 'award' or 'contract'
    parent_id   VARCHAR,             -- award or contract id for award/contract items
    item_id     VARCHAR,
    description VARCHAR,
    classification_scheme VARCHAR,
    classification_id VARCHAR,
    quantity    DOUBLE,
    unit_name   VARCHAR,
    unit_value  DOUBLE,
    currency    VARCHAR
);
COMMENT ON TABLE items IS 'Items of the tender, awards and contracts of the compiled releases.';

CREATE TABLE IF NOT EXISTS publishers (
    publisher      VARCHAR PRIMARY KEY,
    main_currency  VARCHAR,          -- the most used currency of its amounts
    processes      INTEGER,
    left_out_amounts INTEGER         -- amounts in another currency, never added into its totals
);
COMMENT ON TABLE publishers IS 'One row per publisher, with the currency its totals are in.';

-- Per-process inputs parsed from the JSON at load time (loaders/derived.sql), so that queries do not parse it.
-- Values are as OCP Cardinal reads them: an id or status only when a JSON string, an amount only when a JSON
-- number; statuses are kept as published (the codelist mapping is a setting, applied when a metric runs).

CREATE TABLE IF NOT EXISTS cardinal_processes (
    ocid                VARCHAR NOT NULL, -- unique
    buyer_id            VARCHAR,     -- buyer.id as published (not normalized)
    procuring_entity_id VARCHAR,     -- tender.procuringEntity.id as published
    has_awards          BOOLEAN NOT NULL, -- the compiled release has an `awards` array (possibly empty)
    has_bids            BOOLEAN NOT NULL  -- it has a `bids.details` array (possibly empty)
);
COMMENT ON TABLE cardinal_processes IS 'One row per compiled release: the process-level fields red flags read, as published.';

CREATE TABLE IF NOT EXISTS cardinal_awards (
    ocid                  VARCHAR NOT NULL,
    position              BIGINT NOT NULL,  -- 1-based place in `awards` (published order)
    status                VARCHAR,          -- awards[].status as published
    has_suppliers         BOOLEAN NOT NULL,
    supplier_count        INTEGER NOT NULL, -- entries of `suppliers`, with or without an id
    supplier_ids          VARCHAR[],        -- suppliers[].id that are strings, as published
    first_supplier_has_id BOOLEAN,
    has_items             BOOLEAN NOT NULL,
    classifications       VARCHAR[]         -- items[].classification.id that are strings
);
COMMENT ON TABLE cardinal_awards IS 'awards of the compiled releases as red flags read them (raw ids and statuses).';

CREATE TABLE IF NOT EXISTS cardinal_bids (
    ocid           VARCHAR NOT NULL,
    position       BIGINT NOT NULL,   -- 1-based place in `bids.details` (published order)
    status         VARCHAR,           -- bids.details[].status as published
    amount         DOUBLE,            -- value.amount when a JSON number
    currency       VARCHAR,           -- value.currency as published
    date           VARCHAR,           -- date as published (RFC 3339 text)
    has_tenderers  BOOLEAN NOT NULL,
    tenderer_count INTEGER NOT NULL,  -- entries of `tenderers`, with or without an id
    tenderer_ids   VARCHAR[]          -- tenderers[].id that are strings, as published
);
COMMENT ON TABLE cardinal_bids IS 'bids.details of the compiled releases as red flags read them (raw ids, statuses and types).';

CREATE TABLE IF NOT EXISTS coverage_fields (
    position    INTEGER PRIMARY KEY, -- the field's place in coverage_counts.occurrences
    stage       VARCHAR NOT NULL,    -- planning, tender, bids, award, contract or implementation
    path        VARCHAR NOT NULL     -- the field, e.g. /awards[]/suppliers[]/id
);
COMMENT ON TABLE coverage_fields IS 'The fields of the data-quality checklist (loaders/derived.sql), in the order coverage_counts lists them.';

CREATE TABLE IF NOT EXISTS coverage_counts (
    ocid        VARCHAR NOT NULL, -- unique
    occurrences INTEGER[] NOT NULL   -- per checklist field (coverage_fields.position): non-empty occurrences (not null, "", [] or {}), as ocdscardinal.coverage() counts
);
COMMENT ON TABLE coverage_counts IS 'For each compiled release, how often each field of the data-quality checklist is published non-empty (zero included).';

CREATE TABLE IF NOT EXISTS process_participants (
    ocid        VARCHAR NOT NULL,
    supplier_id VARCHAR,             -- organizations.org_id of a tenderer, bidder or supplier of any award
    won         BOOLEAN NOT NULL     -- it holds a valid award of the process (not cancelled or unsuccessful)
);
COMMENT ON TABLE process_participants IS 'One row per process and organization that took part in it (tenderer, bidder or supplier of any award: the processes the supplier filter keeps), and whether it won.';

CREATE TABLE IF NOT EXISTS contract_first_values (
    ocid        VARCHAR NOT NULL,
    contract_id VARCHAR,
    first_value DOUBLE               -- contracts[].value.amount in the earliest release (date, then load order) giving it
);
COMMENT ON TABLE contract_first_values IS 'The first published value of each contract of the processes with more than one release.';

CREATE TABLE IF NOT EXISTS supplier_first_awards (
    supplier_id VARCHAR NOT NULL, -- unique; organizations.org_id
    first_month DATE                 -- first day of the month of its first valid award (by period_date); NULL when undated
);
COMMENT ON TABLE supplier_first_awards IS 'Each supplier''s first month with a valid award (sales left out), over every loaded process (loaders/postprocess.sql).';

CREATE TABLE IF NOT EXISTS process_awarded_totals (
    ocid          VARCHAR NOT NULL, -- unique
    awarded_total DOUBLE             -- sum of its valid awards (not cancelled or unsuccessful) in the main currency
);
COMMENT ON TABLE process_awarded_totals IS 'Each process with valid awards in its publisher''s main currency, and their sum (loaders/postprocess.sql).';
