//! The leaves loaders/flatten.sql and derived.sql read from each compiled release, as Arrow column buffers.
//!
//! One parse per release: its JSON leaves go to a few tables (SCHEMA below), each leaf as its JSON type (DuckDB's
//! json_type() name) and its value as text (a string unescaped, a number as published, true/false, an object or
//! array as its JSON text, an empty one as `{}` or `[]`), so the SQL rules read VARCHARs instead of parsing JSON
//! again. loaders/leaves.sql makes the same tables with json_transform where this library is not built; both follow
//! json_transform's reading: the first of repeated keys, a JSON null as no leaf, a member of something that is not
//! an object as no leaf, a list that is not an array as NULL.

use std::borrow::Cow;
use std::cell::RefCell;

use crate::json::{self, Kind, Node};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ColumnKind {
    /// Index of the release in the batch (the caller puts its ocid there).
    Release,
    /// {t: json_type(), v: value text}; NULL for a missing leaf or a JSON null.
    Leaf,
    /// A list of leaves (a JSON null element is {t: 'NULL', v: NULL}); NULL when not an array.
    LeafList,
    Text,
    Int,
    Bool,
}

use ColumnKind::{Bool, Int, Leaf, LeafList, Release, Text};

/// The tables, their columns in order (loaders/native.py builds the Arrow tables from this).
pub const SCHEMA: &[(&str, &[(&str, ColumnKind)])] = &[
    (
        "leaf_release",
        &[
            ("release", Release),
            ("date", Leaf),
            ("title", Leaf),
            ("buyer_id", Leaf),
            ("entity_id", Leaf),
            ("planning_amount", Leaf),
            ("planning_rationale", Leaf),
            ("tender_id", Leaf),
            ("tender_title", Leaf),
            ("tender_description", Leaf),
            ("tender_status", Leaf),
            ("tender_method", Leaf),
            ("tender_method_details", Leaf),
            ("tender_category", Leaf),
            ("tender_amount", Leaf),
            ("tender_currency", Leaf),
            ("tender_start", Leaf),
            ("tender_end", Leaf),
            ("tender_number_of_tenderers", Leaf),
            ("tender_is_sale", Leaf),
            ("document_urls", LeafList),
            ("has_awards", Bool),
            ("has_bids", Bool),
        ],
    ),
    (
        "leaf_party",
        &[
            ("release", Release),
            ("position", Int),
            ("has_id", Bool),
            ("has_name", Bool),
            ("has_identifier", Bool),
            ("id", Leaf),
            ("name", Leaf),
            ("identifier_scheme", Leaf),
            ("identifier_id", Leaf),
            ("legal_names", LeafList),
            ("roles", LeafList),
            ("scale", Leaf),
            ("locality", Leaf),
            ("region", Leaf),
            ("postal_code", Leaf),
            ("country", Leaf),
        ],
    ),
    (
        "leaf_reference",
        &[
            ("release", Release),
            ("kind", Text),
            ("owner", Int),
            ("position", Int),
            ("id", Leaf),
            ("name", Leaf),
            ("identifier_scheme", Leaf),
            ("identifier_id", Leaf),
            ("legal_names", LeafList),
        ],
    ),
    (
        "leaf_award",
        &[
            ("release", Release),
            ("position", Int),
            ("is_object", Bool),
            ("id", Leaf),
            ("status", Leaf),
            ("date", Leaf),
            ("amount", Leaf),
            ("currency", Leaf),
            ("title", Leaf),
            ("suppliers", Int),
            ("has_items", Bool),
        ],
    ),
    (
        "leaf_contract",
        &[
            ("release", Release),
            ("position", Int),
            ("id", Leaf),
            ("award_id", Leaf),
            ("status", Leaf),
            ("title", Leaf),
            ("date_signed", Leaf),
            ("period_start", Leaf),
            ("period_end", Leaf),
            ("amount", Leaf),
            ("currency", Leaf),
            ("amendments", Int),
            ("amendment_ids", LeafList),
        ],
    ),
    (
        "leaf_transaction",
        &[
            ("release", Release),
            ("owner", Int),
            ("position", Int),
            ("value", Leaf),
            ("value_amount", Leaf),
            ("value_currency", Leaf),
            ("amount_amount", Leaf),
            ("amount_currency", Leaf),
            ("date", Leaf),
        ],
    ),
    (
        "leaf_bid",
        &[
            ("release", Release),
            ("position", Int),
            ("is_object", Bool),
            ("id", Leaf),
            ("date", Leaf),
            ("status", Leaf),
            ("amount", Leaf),
            ("currency", Leaf),
            ("tenderers", Int),
        ],
    ),
    (
        "leaf_item",
        &[
            ("release", Release),
            ("stage", Text),
            ("owner", Int),
            ("position", Int),
            ("id", Leaf),
            ("description", Leaf),
            ("classification_scheme", Leaf),
            ("classification_id", Leaf),
            ("quantity", Leaf),
            ("unit_name", Leaf),
            ("unit_amount", Leaf),
            ("unit_currency", Leaf),
        ],
    ),
];

const RELEASE: usize = 0;
const PARTY: usize = 1;
const REFERENCE: usize = 2;
const AWARD: usize = 3;
const CONTRACT: usize = 4;
const TRANSACTION: usize = 5;
const BID: usize = 6;
const ITEM: usize = 7;

/// A validity (or boolean) bitmap, Arrow's layout.
#[derive(Default, Clone)]
pub struct Bits {
    pub bytes: Vec<u8>,
    len: usize,
}

impl Bits {
    fn clear(&mut self) {
        self.bytes.clear();
        self.len = 0;
    }

    pub(crate) fn push(&mut self, bit: bool) {
        if self.len.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if bit {
            *self.bytes.last_mut().unwrap() |= 1 << (self.len % 8);
        }
        self.len += 1;
    }
}

/// Arrow utf8: int32 offsets into UTF-8 data, with validity.
#[derive(Clone)]
pub struct Strings {
    pub valid: Bits,
    pub offsets: Vec<i32>,
    pub data: Vec<u8>,
}

impl Default for Strings {
    fn default() -> Self {
        Strings {
            valid: Bits::default(),
            offsets: vec![0],
            data: Vec::new(),
        }
    }
}

impl Strings {
    fn clear(&mut self) {
        self.valid.clear();
        self.offsets.truncate(1);
        self.data.clear();
    }

    pub(crate) fn push(&mut self, text: Option<&str>) {
        self.valid.push(text.is_some());
        self.data.extend_from_slice(text.unwrap_or("").as_bytes());
        self.offsets.push(self.data.len() as i32);
    }
}

/// A struct {t, v} per leaf.
#[derive(Default, Clone)]
pub struct Leaves {
    pub valid: Bits,
    pub types: Strings,
    pub values: Strings,
}

impl Leaves {
    fn clear(&mut self) {
        self.valid.clear();
        self.types.clear();
        self.values.clear();
    }

    fn push(&mut self, leaf: Option<(&str, Option<Cow<str>>)>) {
        self.valid.push(leaf.is_some());
        self.types.push(leaf.as_ref().map(|(kind, _)| *kind));
        self.values
            .push(leaf.as_ref().and_then(|(_, value)| value.as_deref()));
    }
}

#[derive(Clone)]
pub enum Column {
    Ints {
        valid: Bits,
        values: Vec<i64>,
    },
    Bools {
        valid: Bits,
        values: Bits,
    },
    Texts(Strings),
    Leaves(Leaves),
    Lists {
        valid: Bits,
        offsets: Vec<i32>,
        leaves: Leaves,
    },
}

impl Column {
    fn clear(&mut self) {
        match self {
            Column::Ints { valid, values } => {
                valid.clear();
                values.clear();
            }
            Column::Bools { valid, values } => {
                valid.clear();
                values.clear();
            }
            Column::Texts(strings) => strings.clear(),
            Column::Leaves(leaves) => leaves.clear(),
            Column::Lists {
                valid,
                offsets,
                leaves,
            } => {
                valid.clear();
                offsets.truncate(1);
                leaves.clear();
            }
        }
    }

    fn new(kind: ColumnKind) -> Column {
        match kind {
            Release | Int => Column::Ints {
                valid: Bits::default(),
                values: Vec::new(),
            },
            Bool => Column::Bools {
                valid: Bits::default(),
                values: Bits::default(),
            },
            Text => Column::Texts(Strings::default()),
            Leaf => Column::Leaves(Leaves::default()),
            LeafList => Column::Lists {
                valid: Bits::default(),
                offsets: vec![0],
                leaves: Leaves::default(),
            },
        }
    }
}

#[derive(Clone)]
pub struct Table {
    pub rows: usize,
    pub columns: Vec<Column>,
}

/// The leaf tables of one batch of compiled releases.
#[derive(Clone)]
pub struct Extract {
    pub tables: Vec<Table>,
}

/// A parsed release: its tape and text.
struct Doc<'a> {
    tape: &'a [Node],
    text: &'a str,
}

impl<'a> Doc<'a> {
    fn kind(&self, node: Option<usize>) -> Option<Kind> {
        node.map(|index| self.tape[index].kind)
    }

    fn is_object(&self, node: Option<usize>) -> bool {
        self.kind(node) == Some(Kind::Object)
    }

    /// The member `name` of `node` if it is an object (the first, if repeated, as json_transform reads it); none
    /// when it is a JSON null.
    fn get(&self, node: Option<usize>, name: &str) -> Option<usize> {
        self.member(node, name)
            .filter(|&index| self.tape[index].kind != Kind::Null)
    }

    /// Whether `node` is an object with a member `name` (json_keys() lists it), whatever its value.
    fn has(&self, node: Option<usize>, name: &str) -> bool {
        self.member(node, name).is_some()
    }

    fn member(&self, node: Option<usize>, name: &str) -> Option<usize> {
        let object = node.filter(|&index| self.tape[index].kind == Kind::Object)?;
        let end = self.tape[object].next as usize;
        let mut at = object + 1;
        while at < end {
            let key = self.tape[at];
            let matches = if key.flag {
                json::key_text(self.tape, self.text, at) == name
            } else {
                &self.text.as_bytes()[key.start as usize + 1..key.end as usize - 1]
                    == name.as_bytes()
            };
            if matches {
                return Some(at + 1);
            }
            at = self.tape[at + 1].next as usize;
        }
        None
    }

    fn path(&self, node: Option<usize>, names: &[&str]) -> Option<usize> {
        names.iter().fold(node, |at, name| self.get(at, name))
    }

    /// The elements of `node` with their 1-based positions, if it is an array.
    fn elements(&self, node: Option<usize>) -> Option<Vec<(i64, usize)>> {
        let array = node.filter(|&index| self.tape[index].kind == Kind::Array)?;
        Some(
            json::elements(self.tape, array)
                .enumerate()
                .map(|(i, element)| (i as i64 + 1, element))
                .collect(),
        )
    }

    /// The objects of `node` (if an array) with their 1-based positions among all its elements.
    fn objects(&self, node: Option<usize>) -> Vec<(i64, usize)> {
        let mut found = self.elements(node).unwrap_or_default();
        found.retain(|&(_, element)| self.tape[element].kind == Kind::Object);
        found
    }

    /// json_type() and value text of a node (None for a JSON null).
    fn leaf(&self, node: usize) -> (&'static str, Option<Cow<'a, str>>) {
        let raw = json::raw(self.tape, self.text, node);
        match self.tape[node].kind {
            Kind::Null => ("NULL", None),
            Kind::True => ("BOOLEAN", Some(Cow::Borrowed("true"))),
            Kind::False => ("BOOLEAN", Some(Cow::Borrowed("false"))),
            Kind::Integer => (integer_type(raw), Some(Cow::Borrowed(integer_text(raw)))),
            Kind::Float => ("DOUBLE", Some(Cow::Borrowed(raw))),
            Kind::String => (
                "VARCHAR",
                Some(json::string_value(self.tape, self.text, node)),
            ),
            // An empty one as DuckDB writes it, whatever whitespace it holds: the rules test emptiness on the text.
            Kind::Object if self.tape[node].count == 0 => ("OBJECT", Some(Cow::Borrowed("{}"))),
            Kind::Array if self.tape[node].count == 0 => ("ARRAY", Some(Cow::Borrowed("[]"))),
            Kind::Object => ("OBJECT", Some(Cow::Borrowed(raw))),
            Kind::Array => ("ARRAY", Some(Cow::Borrowed(raw))),
        }
    }
}

/// DuckDB's json_type() of an integer: UBIGINT when it fits unsigned (-0 included), BIGINT when it fits signed,
/// else DOUBLE.
fn integer_type(raw: &str) -> &'static str {
    if raw == "-0" || raw.parse::<u64>().is_ok() {
        "UBIGINT"
    } else if raw.parse::<i64>().is_ok() {
        "BIGINT"
    } else {
        "DOUBLE"
    }
}

/// -0 reads as the unsigned 0.
fn integer_text(raw: &str) -> &str {
    if raw == "-0" {
        "0"
    } else {
        raw
    }
}

/// Appends one row to a table, column after column in SCHEMA's order.
struct Row<'t, 'd> {
    table: &'t mut Table,
    doc: &'t Doc<'d>,
    column: usize,
}

impl<'t, 'd> Row<'t, 'd> {
    fn next(&mut self) -> &mut Column {
        self.column += 1;
        &mut self.table.columns[self.column - 1]
    }

    fn int(mut self, value: Option<i64>) -> Self {
        if let Column::Ints { valid, values } = self.next() {
            valid.push(value.is_some());
            values.push(value.unwrap_or(0));
        } else {
            panic!("column {} is not an integer", self.column);
        }
        self
    }

    fn bool(mut self, value: bool) -> Self {
        if let Column::Bools { valid, values } = self.next() {
            valid.push(true);
            values.push(value);
        } else {
            panic!("column {} is not a boolean", self.column);
        }
        self
    }

    fn text(mut self, value: &str) -> Self {
        if let Column::Texts(strings) = self.next() {
            strings.push(Some(value));
        } else {
            panic!("column {} is not a text", self.column);
        }
        self
    }

    /// A leaf; none for a missing node or a JSON null.
    fn leaf(mut self, node: Option<usize>) -> Self {
        let doc = self.doc;
        let leaf = node
            .map(|index| doc.leaf(index))
            .filter(|(kind, _)| *kind != "NULL");
        if let Column::Leaves(leaves) = self.next() {
            leaves.push(leaf);
        } else {
            panic!("column {} is not a leaf", self.column);
        }
        self
    }

    /// A list of leaves (None: NULL); a JSON null element of an array stays as {t: 'NULL', v: NULL} (a member that
    /// is a JSON null is no node: see Doc::get).
    fn list(mut self, nodes: Option<Vec<Option<usize>>>) -> Self {
        let doc = self.doc;
        if let Column::Lists {
            valid,
            offsets,
            leaves,
        } = self.next()
        {
            valid.push(nodes.is_some());
            for node in nodes.unwrap_or_default() {
                leaves.push(node.map(|index| doc.leaf(index)));
            }
            offsets.push(leaves.valid.len as i32);
        } else {
            panic!("column {} is not a list", self.column);
        }
        self
    }

    fn end(self) {
        assert_eq!(
            self.column,
            self.table.columns.len(),
            "a row missed columns"
        );
        self.table.rows += 1;
    }
}

impl Extract {
    fn clear(&mut self) {
        for table in &mut self.tables {
            table.rows = 0;
            table.columns.iter_mut().for_each(Column::clear);
        }
    }

    fn new() -> Extract {
        let tables = SCHEMA
            .iter()
            .map(|(_, columns)| Table {
                rows: 0,
                columns: columns.iter().map(|&(_, kind)| Column::new(kind)).collect(),
            })
            .collect();
        Extract { tables }
    }

    fn row<'t, 'd>(&'t mut self, table: usize, doc: &'t Doc<'d>, release: i64) -> Row<'t, 'd> {
        Row {
            table: &mut self.tables[table],
            doc,
            column: 0,
        }
        .int(Some(release))
    }

    /// Add the leaves of one compiled release (already parsed into `tape`).
    fn add(&mut self, release: i64, tape: &[Node], text: &str) {
        let doc = Doc { tape, text };
        let root = Some(0);
        let tender = doc.get(root, "tender");
        let buyer = doc.get(root, "buyer");
        let entity = doc.get(tender, "procuringEntity");
        let bids = doc.path(root, &["bids", "details"]);
        let awards = doc.get(root, "awards");
        let urls = doc.elements(doc.get(tender, "documents")).map(|all| {
            all.iter()
                .map(|&(_, element)| doc.get(Some(element), "url"))
                .collect()
        });
        self.row(RELEASE, &doc, release)
            .leaf(doc.get(root, "date"))
            .leaf(doc.get(root, "title"))
            .leaf(doc.get(buyer, "id"))
            .leaf(doc.get(entity, "id"))
            .leaf(doc.path(root, &["planning", "budget", "amount", "amount"]))
            .leaf(doc.path(root, &["planning", "rationale"]))
            .leaf(doc.get(tender, "id"))
            .leaf(doc.get(tender, "title"))
            .leaf(doc.get(tender, "description"))
            .leaf(doc.get(tender, "status"))
            .leaf(doc.get(tender, "procurementMethod"))
            .leaf(doc.get(tender, "procurementMethodDetails"))
            .leaf(doc.get(tender, "mainProcurementCategory"))
            .leaf(doc.path(tender, &["value", "amount"]))
            .leaf(doc.path(tender, &["value", "currency"]))
            .leaf(doc.path(tender, &["tenderPeriod", "startDate"]))
            .leaf(doc.path(tender, &["tenderPeriod", "endDate"]))
            .leaf(doc.get(tender, "numberOfTenderers"))
            .leaf(doc.path(tender, &["details", "isSale"]))
            .list(urls)
            .bool(doc.kind(awards) == Some(Kind::Array))
            .bool(doc.kind(bids) == Some(Kind::Array))
            .end();
        for (position, party) in doc.objects(doc.get(root, "parties")) {
            self.party(&doc, release, position, party);
        }
        if doc.is_object(buyer) {
            self.reference(&doc, release, "buyer", None, 1, buyer.unwrap());
        }
        if doc.is_object(entity) {
            self.reference(&doc, release, "procuringEntity", None, 1, entity.unwrap());
        }
        for (position, tenderer) in doc.objects(doc.get(tender, "tenderers")) {
            self.reference(&doc, release, "tenderer", None, position, tenderer);
        }
        for (position, item) in doc.objects(doc.get(tender, "items")) {
            self.item(&doc, release, "tender", None, position, item);
        }
        for (position, award) in doc.elements(awards).unwrap_or_default() {
            self.award(&doc, release, position, award);
        }
        for (position, contract) in doc.objects(doc.get(root, "contracts")) {
            self.contract(&doc, release, position, contract);
        }
        for (position, bid) in doc.elements(bids).unwrap_or_default() {
            self.bid(&doc, release, position, bid);
        }
    }

    fn party(&mut self, doc: &Doc, release: i64, position: i64, party: usize) {
        let node = Some(party);
        let address = doc.get(node, "address");
        let roles = doc.elements(doc.get(node, "roles"));
        let row = self
            .row(PARTY, doc, release)
            .int(Some(position))
            .bool(doc.has(node, "id"))
            .bool(doc.has(node, "name"))
            .bool(doc.has(node, "identifier"));
        organization(row, doc, party)
            .list(roles.map(|elements| elements.iter().map(|&(_, e)| Some(e)).collect()))
            .leaf(doc.path(node, &["details", "scale"]))
            .leaf(doc.get(address, "locality"))
            .leaf(doc.get(address, "region"))
            .leaf(doc.get(address, "postalCode"))
            .leaf(doc.get(address, "countryName"))
            .end();
    }

    fn reference(
        &mut self,
        doc: &Doc,
        release: i64,
        kind: &str,
        owner: Option<i64>,
        position: i64,
        reference: usize,
    ) {
        let row = self
            .row(REFERENCE, doc, release)
            .text(kind)
            .int(owner)
            .int(Some(position));
        organization(row, doc, reference).end();
    }

    fn award(&mut self, doc: &Doc, release: i64, position: i64, award: usize) {
        let node = Some(award);
        let suppliers = doc.elements(doc.get(node, "suppliers"));
        self.row(AWARD, doc, release)
            .int(Some(position))
            .bool(doc.is_object(node))
            .leaf(doc.get(node, "id"))
            .leaf(doc.get(node, "status"))
            .leaf(doc.get(node, "date"))
            .leaf(doc.path(node, &["value", "amount"]))
            .leaf(doc.path(node, &["value", "currency"]))
            .leaf(doc.get(node, "title"))
            .int(suppliers.as_ref().map(|all| all.len() as i64))
            .bool(doc.kind(doc.get(node, "items")) == Some(Kind::Array))
            .end();
        for (at, supplier) in doc.objects(doc.get(node, "suppliers")) {
            self.reference(doc, release, "supplier", Some(position), at, supplier);
        }
        for (at, item) in doc.objects(doc.get(node, "items")) {
            self.item(doc, release, "award", Some(position), at, item);
        }
    }

    fn contract(&mut self, doc: &Doc, release: i64, position: i64, contract: usize) {
        let node = Some(contract);
        let amendments = doc.get(node, "amendments");
        let amendment_ids = doc.elements(amendments).map(|all| {
            all.iter()
                .map(|&(_, amendment)| doc.get(Some(amendment), "id"))
                .collect()
        });
        self.row(CONTRACT, doc, release)
            .int(Some(position))
            .leaf(doc.get(node, "id"))
            .leaf(doc.get(node, "awardID"))
            .leaf(doc.get(node, "status"))
            .leaf(doc.get(node, "title"))
            .leaf(doc.get(node, "dateSigned"))
            .leaf(doc.path(node, &["period", "startDate"]))
            .leaf(doc.path(node, &["period", "endDate"]))
            .leaf(doc.path(node, &["value", "amount"]))
            .leaf(doc.path(node, &["value", "currency"]))
            .int(Some(doc.objects(amendments).len() as i64))
            .list(amendment_ids)
            .end();
        let transactions = doc.path(node, &["implementation", "transactions"]);
        for (at, transaction) in doc.objects(transactions) {
            let value = doc.get(Some(transaction), "value");
            let amount = doc.get(Some(transaction), "amount");
            self.row(TRANSACTION, doc, release)
                .int(Some(position))
                .int(Some(at))
                .leaf(value)
                .leaf(doc.get(value, "amount"))
                .leaf(doc.get(value, "currency"))
                .leaf(doc.get(amount, "amount"))
                .leaf(doc.get(amount, "currency"))
                .leaf(doc.get(Some(transaction), "date"))
                .end();
        }
        for (at, item) in doc.objects(doc.get(node, "items")) {
            self.item(doc, release, "contract", Some(position), at, item);
        }
    }

    fn bid(&mut self, doc: &Doc, release: i64, position: i64, bid: usize) {
        let node = Some(bid);
        let tenderers = doc.get(node, "tenderers");
        self.row(BID, doc, release)
            .int(Some(position))
            .bool(doc.is_object(node))
            .leaf(doc.get(node, "id"))
            .leaf(doc.get(node, "date"))
            .leaf(doc.get(node, "status"))
            .leaf(doc.path(node, &["value", "amount"]))
            .leaf(doc.path(node, &["value", "currency"]))
            .int(doc.elements(tenderers).map(|all| all.len() as i64))
            .end();
        for (at, tenderer) in doc.objects(tenderers) {
            self.reference(doc, release, "bidder", Some(position), at, tenderer);
        }
    }

    fn item(
        &mut self,
        doc: &Doc,
        release: i64,
        stage: &str,
        owner: Option<i64>,
        position: i64,
        item: usize,
    ) {
        let node = Some(item);
        let unit = doc.get(node, "unit");
        self.row(ITEM, doc, release)
            .text(stage)
            .int(owner)
            .int(Some(position))
            .leaf(doc.get(node, "id"))
            .leaf(doc.get(node, "description"))
            .leaf(doc.path(node, &["classification", "scheme"]))
            .leaf(doc.path(node, &["classification", "id"]))
            .leaf(doc.get(node, "quantity"))
            .leaf(doc.get(unit, "name"))
            .leaf(doc.path(unit, &["value", "amount"]))
            .leaf(doc.path(unit, &["value", "currency"]))
            .end();
    }
}

/// The organization columns of a party or reference: id, name, identifier, additionalIdentifiers' legal names.
fn organization<'t, 'd>(row: Row<'t, 'd>, doc: &Doc, organization: usize) -> Row<'t, 'd> {
    let node = Some(organization);
    let identifier = doc.get(node, "identifier");
    let legal_names = doc
        .elements(doc.get(node, "additionalIdentifiers"))
        .map(|all| {
            all.iter()
                .map(|&(_, element)| doc.get(Some(element), "legalName"))
                .collect()
        });
    row.leaf(doc.get(node, "id"))
        .leaf(doc.get(node, "name"))
        .leaf(doc.get(identifier, "scheme"))
        .leaf(doc.get(identifier, "id"))
        .list(legal_names)
}

/// The leaf tables of a batch of compiled release texts; Err(index, message) for the first that is not valid JSON.
///
/// The tables are built in memory kept by the thread from one call to the next, then copied out at their exact
/// size: growing fresh vectors instead costs a copy and page faults at every doubling.
pub fn extract(texts: &[&[u8]]) -> Result<Extract, (usize, String)> {
    thread_local! {
        static SCRATCH: RefCell<(Extract, Vec<Node>)> = RefCell::new((Extract::new(), Vec::new()));
    }
    SCRATCH.with(|scratch| {
        let (extract, tape) = &mut *scratch.borrow_mut();
        extract.clear();
        for (index, bytes) in texts.iter().enumerate() {
            let text = json::parse(bytes, tape).map_err(|error| {
                let text = String::from_utf8_lossy(bytes);
                (index, error.describe(&text))
            })?;
            extract.add(index as i64, tape, text);
        }
        Ok(extract.clone())
    })
}
