//! loaders/merge.py's `compile_fast`, rule by rule, on JSON texts (see that module's docstring for the rules).
//!
//! The state of a merge is a tree held in flat arenas: objects (lists of fields), arrays (lists of item objects),
//! and two hash maps that find a field by (object, key) and an array item by (array, id). A field that is a value
//! keeps the original text of what the last release gave, so values are never rebuilt, only copied out.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::first_values::{first_values, FirstValue};
use crate::json::{self, Kind, Node};
use crate::rules::{Rule, Rules};

pub enum Outcome {
    Compiled,
    /// Only ocdsmerge's own algorithm says what the result is (compile_fast raises `Conflict`).
    Conflict(String),
    Malformed(String),
}

/// A group's releases: parsed tapes and texts, in load order.
struct Releases<'g, 'a> {
    rules: &'g Rules,
    tapes: &'g [Vec<Node>],
    texts: &'g [&'a str],
}

/// Where a value is: (release, tape index).
type At = (usize, usize);

#[derive(Clone, Copy, PartialEq, Debug)]
enum Slot<'a> {
    /// A release gave null (Python keeps the key with None; it is left out when written).
    Null,
    /// The original text of the value the last release gave.
    Value(&'a str),
    Object(u32),
    Array(u32),
}

const END: u32 = u32::MAX;

struct Field<'a> {
    key: Cow<'a, str>,
    slot: Slot<'a>,
    next: u32,
}

/// An object (a list of fields) or an array (a list of item objects), in order of first appearance.
///
/// A small one is searched by walking its list; a larger one is put in the hash map the first time it is searched
/// (most objects are only ever written once, from one release, and never searched at all).
#[derive(Default)]
struct Container {
    first: u32,
    last: u32,
    count: u32,
    indexed: bool,
    /// The value last merged into it, if that merge made no item without `id`: merging an equal value again
    /// changes nothing, so it is skipped (compile_fast's `last`, with Python's equality).
    merged: Option<At>,
}

struct Entry<'a> {
    object: u32,
    next: u32,
    /// The item's id as Python's `str()` gives it, and its kind (None: an item without `id`).
    id: Cow<'a, str>,
    kind: Option<IdKind>,
}

#[derive(Clone, Copy, PartialEq)]
enum IdKind {
    Str,
    Int,
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Containers up to this size are searched by walking their list.
const WALKED: u32 = 8;

/// Maps larger than this after a big group are dropped rather than cleared (clearing costs their capacity).
const KEEP_CAPACITY: usize = 1 << 14;

#[derive(Default)]
struct State<'a> {
    objects: Vec<Container>,
    arrays: Vec<Container>,
    fields: Vec<Field<'a>>,
    entries: Vec<Entry<'a>>,
    field_index: FastMap<(u32, Cow<'a, str>), u32>,
    item_index: FastMap<(u32, Cow<'a, str>), (u32, IdKind)>,
    /// Items without `id` made so far (each is always new).
    anonymous: u64,
}

fn clear<K, V>(index: &mut FastMap<K, V>) {
    if index.capacity() > KEEP_CAPACITY {
        *index = FastMap::default();
    } else {
        index.clear();
    }
}

/// Compiles groups of releases one after another, reusing its memory.
pub struct Compiler<'r, 'a> {
    rules: &'r Rules,
    tapes: Vec<Vec<Node>>,
    texts: Vec<&'a str>,
    state: State<'a>,
    /// The last compiled group's first contract values (first_values.rs), when it had several releases.
    pub first_values: Option<Vec<FirstValue>>,
}

impl<'r, 'a> Compiler<'r, 'a> {
    pub fn new(rules: &'r Rules) -> Self {
        Compiler {
            rules,
            tapes: Vec::new(),
            texts: Vec::new(),
            state: State::default(),
            first_values: None,
        }
    }

    /// Append the compiled release of one ocid's releases (given in load order) to `out`, or say why not.
    pub fn compile(&mut self, documents: &[&'a [u8]], out: &mut Vec<u8>) -> Outcome {
        if self.tapes.len() < documents.len() {
            self.tapes.resize_with(documents.len(), Vec::new);
        }
        self.texts.clear();
        self.first_values = None;
        for (index, document) in documents.iter().enumerate() {
            match json::parse(document, &mut self.tapes[index]) {
                Ok(text) => self.texts.push(text),
                Err(error) => {
                    let place =
                        format!("release {} of {} of this ocid", index + 1, documents.len());
                    let text = String::from_utf8_lossy(document);
                    return Outcome::Malformed(format!("{place}: {}", error.describe(&text)));
                }
            }
        }
        let texts = &self.texts[..];
        let releases = Releases {
            rules: self.rules,
            tapes: &self.tapes[..texts.len()],
            texts,
        };
        let start = out.len();
        match compile_group(&mut self.state, &releases, out) {
            Ok(order) => {
                if order.len() > 1 {
                    self.first_values = first_values(releases.tapes, texts, &order);
                }
                Outcome::Compiled
            }
            Err(reason) => {
                out.truncate(start);
                Outcome::Conflict(reason)
            }
        }
    }
}

/// Write the compiled release; return the merge order of the releases.
fn compile_group<'a>(
    state: &mut State<'a>,
    releases: &Releases<'_, 'a>,
    out: &mut Vec<u8>,
) -> Result<Vec<usize>, String> {
    if releases
        .tapes
        .iter()
        .any(|tape| tape[0].kind != Kind::Object)
    {
        return Err("a release is not a JSON object".into());
    }
    let order = merge_order(releases)?;
    state.reset();
    let root = state.new_object();
    for &release in &order {
        state.merge_object(releases, (release, 0), Some(Rules::ROOT), root, true)?;
    }
    state.write_compiled(releases, *order.last().unwrap(), out)?;
    Ok(order)
}

/// Releases sorted by `date` (stable: ties keep load order). Python compares the dates, so beyond one release they
/// must all be strings (anything else is left to Python).
fn merge_order(releases: &Releases) -> Result<Vec<usize>, String> {
    if releases.texts.len() == 1 {
        return Ok(vec![0]);
    }
    let mut dates = Vec::with_capacity(releases.texts.len());
    for (tape, text) in releases.tapes.iter().zip(releases.texts) {
        match json::member(tape, text, 0, "date") {
            Some(at) if tape[at].kind == Kind::String => {
                dates.push(json::string_value(tape, text, at))
            }
            _ => return Err("a release has no date, or a date that is not a string".into()),
        }
    }
    let mut order: Vec<usize> = (0..dates.len()).collect();
    order.sort_by(|&a, &b| dates[a].cmp(&dates[b]));
    Ok(order)
}

impl<'a> State<'a> {
    fn reset(&mut self) {
        self.objects.clear();
        self.arrays.clear();
        self.fields.clear();
        self.entries.clear();
        clear(&mut self.field_index);
        clear(&mut self.item_index);
        self.anonymous = 0;
    }

    fn new_object(&mut self) -> u32 {
        self.objects.push(Container {
            first: END,
            last: END,
            ..Container::default()
        });
        (self.objects.len() - 1) as u32
    }

    fn new_array(&mut self) -> u32 {
        self.arrays.push(Container {
            first: END,
            last: END,
            ..Container::default()
        });
        (self.arrays.len() - 1) as u32
    }

    #[allow(clippy::ptr_arg)] // a Cow, because the index's keys are
    fn field(&mut self, object: u32, key: &Cow<'a, str>) -> Option<u32> {
        let container = &self.objects[object as usize];
        if container.indexed {
            return self.field_index.get(&(object, key.clone())).copied();
        }
        if container.count <= WALKED {
            let mut at = container.first;
            while at != END {
                let field = &self.fields[at as usize];
                if field.key == *key {
                    return Some(at);
                }
                at = field.next;
            }
            return None;
        }
        let mut at = container.first;
        while at != END {
            let field = &self.fields[at as usize];
            self.field_index.insert((object, field.key.clone()), at);
            at = field.next;
        }
        self.objects[object as usize].indexed = true;
        self.field_index.get(&(object, key.clone())).copied()
    }

    fn set(&mut self, object: u32, field: Option<u32>, key: Cow<'a, str>, slot: Slot<'a>) {
        if let Some(field) = field {
            self.fields[field as usize].slot = slot;
            return;
        }
        let index = self.fields.len() as u32;
        let container = &mut self.objects[object as usize];
        match container.last {
            END => container.first = index,
            last => self.fields[last as usize].next = index,
        }
        container.last = index;
        container.count += 1;
        if container.indexed {
            self.field_index.insert((object, key.clone()), index);
        }
        self.fields.push(Field {
            key,
            slot,
            next: END,
        });
    }

    /// The object of the array's item with this id, and the id's kind then.
    #[allow(clippy::ptr_arg)] // a Cow, because the index's keys are
    fn item(&mut self, array: u32, id: &Cow<'a, str>) -> Option<(u32, IdKind)> {
        let container = &self.arrays[array as usize];
        if container.indexed {
            return self.item_index.get(&(array, id.clone())).copied();
        }
        if container.count <= WALKED {
            let mut at = container.first;
            while at != END {
                let entry = &self.entries[at as usize];
                match entry.kind {
                    Some(kind) if entry.id == *id => return Some((entry.object, kind)),
                    _ => at = entry.next,
                }
            }
            return None;
        }
        let mut at = container.first;
        while at != END {
            let entry = &self.entries[at as usize];
            if let Some(kind) = entry.kind {
                self.item_index
                    .entry((array, entry.id.clone()))
                    .or_insert((entry.object, kind));
            }
            at = entry.next;
        }
        self.arrays[array as usize].indexed = true;
        self.item_index.get(&(array, id.clone())).copied()
    }

    fn append_item(&mut self, array: u32, object: u32, id: Cow<'a, str>, kind: Option<IdKind>) {
        let index = self.entries.len() as u32;
        let container = &mut self.arrays[array as usize];
        match container.last {
            END => container.first = index,
            last => self.entries[last as usize].next = index,
        }
        container.last = index;
        container.count += 1;
        if let (true, Some(kind)) = (container.indexed, kind) {
            self.item_index.insert((array, id.clone()), (object, kind));
        }
        self.entries.push(Entry {
            object,
            next: END,
            id,
            kind,
        });
    }

    fn container(&mut self, slot: Slot) -> &mut Container {
        match slot {
            Slot::Object(index) => &mut self.objects[index as usize],
            Slot::Array(index) => &mut self.arrays[index as usize],
            _ => unreachable!("only objects and arrays are containers"),
        }
    }

    /// Merge one object into `object`; true if anything was written (ocdsmerge creates objects only then).
    fn merge_object(
        &mut self,
        releases: &Releases<'_, 'a>,
        (release, node): At,
        rules: Option<usize>,
        object: u32,
        top: bool,
    ) -> Result<bool, String> {
        let (tape, text) = (&releases.tapes[release][..], releases.texts[release]);
        let fresh = self.objects[object as usize].count == 0; // its keys are all new (members are distinct)
        let mut wrote = false;
        for (key_at, item_at) in json::members(tape, text, node) {
            let key = json::key_text(tape, text, key_at);
            if top && key == "tag" {
                continue;
            }
            let child_rules = releases.rules.child(rules, &key);
            let rule = releases.rules.rule(child_rules);
            if rule == Rule::OmitWhenMerged {
                continue;
            }
            let item = tape[item_at];
            let is_value = match item.kind {
                Kind::Object => rule == Rule::WholeListMerge,
                Kind::Array => rule == Rule::WholeListMerge || item.flag,
                _ => true,
            };
            if is_value {
                self.merge_value(object, fresh, key, item, json::raw(tape, text, item_at))?;
                wrote = true;
            } else if item.count > 0 {
                wrote |= self.merge_container(
                    releases,
                    (release, item_at),
                    child_rules,
                    object,
                    fresh,
                    key,
                )?;
            }
        }
        Ok(wrote)
    }

    /// A later release replaces a value; null removes it, but never an object or array a release gave.
    fn merge_value(
        &mut self,
        object: u32,
        fresh: bool,
        key: Cow<'a, str>,
        item: Node,
        raw: &'a str,
    ) -> Result<(), String> {
        let field = if fresh {
            None
        } else {
            self.field(object, &key)
        };
        let current = field.map(|field| self.fields[field as usize].slot);
        let current_is_container = matches!(current, Some(Slot::Object(_) | Slot::Array(_)));
        if item.kind != Kind::Null {
            if current_is_container {
                return Err(format!(
                    "{key} is an object or array in one release and a value in another"
                ));
            }
            self.set(object, field, key, Slot::Value(raw));
        } else if !current_is_container {
            self.set(object, field, key, Slot::Null);
        }
        Ok(())
    }

    /// A non-empty object or array of objects, merged into the one already there (or a new one).
    fn merge_container(
        &mut self,
        releases: &Releases<'_, 'a>,
        item: At,
        rules: Option<usize>,
        object: u32,
        fresh: bool,
        key: Cow<'a, str>,
    ) -> Result<bool, String> {
        let kind = releases.tapes[item.0][item.1].kind;
        let field = if fresh {
            None
        } else {
            self.field(object, &key)
        };
        let container = match (field.map(|field| self.fields[field as usize].slot), kind) {
            (None | Some(Slot::Null), Kind::Object) => Slot::Object(self.new_object()),
            (None | Some(Slot::Null), _) => Slot::Array(self.new_array()),
            (Some(slot @ Slot::Object(_)), Kind::Object)
            | (Some(slot @ Slot::Array(_)), Kind::Array) => {
                if self.merged_before(releases, slot, item) {
                    return Ok(true); // it wrote before, and would write the same again
                }
                slot
            }
            _ => return Err(format!("{key} has different shapes in different releases")),
        };
        let anonymous_before = self.anonymous;
        let changed = match container {
            Slot::Object(index) => self.merge_object(releases, item, rules, index, false)?,
            _ => self.merge_array(releases, item, rules, container)?,
        };
        let made_no_anonymous_item = self.anonymous == anonymous_before;
        self.container(container).merged = (changed && made_no_anonymous_item).then_some(item);
        if changed {
            self.set(object, field, key, container);
        }
        Ok(changed)
    }

    /// Items with an `id` merge into the item with the same id; an item without `id` is always new.
    fn merge_array(
        &mut self,
        releases: &Releases<'_, 'a>,
        (release, node): At,
        rules: Option<usize>,
        array: Slot,
    ) -> Result<bool, String> {
        let Slot::Array(array) = array else {
            unreachable!("merge_array is given an array")
        };
        let (tape, text) = (&releases.tapes[release][..], releases.texts[release]);
        let mut wrote = false;
        for item_at in json::elements(tape, node) {
            let Some(id_at) = json::member(tape, text, item_at, "id") else {
                let fresh = self.new_object();
                if self.merge_object(releases, (release, item_at), rules, fresh, false)? {
                    self.anonymous += 1;
                    self.append_item(array, fresh, Cow::Borrowed(""), None);
                    wrote = true;
                }
                continue;
            };
            let (id, kind) = item_id(tape, text, id_at)?;
            let target = match self.item(array, &id) {
                Some((_, known)) if known != kind => {
                    return Err(
                        "the same id is an integer in one release and a string in another".into(),
                    );
                }
                Some((object, _)) => object,
                None => {
                    let object = self.new_object();
                    self.append_item(array, object, id, Some(kind));
                    object
                }
            };
            wrote = true;
            if self.merged_before(releases, Slot::Object(target), (release, item_at)) {
                continue;
            }
            let anonymous_before = self.anonymous;
            self.merge_object(releases, (release, item_at), rules, target, false)?;
            let made_no_anonymous_item = self.anonymous == anonymous_before;
            self.objects[target as usize].merged =
                made_no_anonymous_item.then_some((release, item_at));
        }
        Ok(wrote)
    }

    fn merged_before(&mut self, releases: &Releases, container: Slot, item: At) -> bool {
        match self.container(container).merged {
            Some(merged) => python_equal(releases, merged, item),
            None => false,
        }
    }

    /// The compiled release: `tag: ["compiled"]`, `id: "{ocid}-{date}"` and the last release's `date` and `ocid`,
    /// then the merged fields (which win, as in compile_fast's `update`).
    fn write_compiled(
        &self,
        releases: &Releases,
        last: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        let (tape, text) = (&releases.tapes[last][..], releases.texts[last]);
        let non_null = |name: &str| {
            json::member(tape, text, 0, name).filter(|&at| tape[at].kind != Kind::Null)
        };
        let (date, ocid) = (non_null("date"), non_null("ocid"));
        let merged = |name: &str| {
            let mut at = self.objects[0].first;
            while at != END {
                let field = &self.fields[at as usize];
                if field.key == name {
                    return field.slot != Slot::Null;
                }
                at = field.next;
            }
            false
        };
        out.push(b'{');
        if !merged("tag") {
            out.extend_from_slice(b"\"tag\":[\"compiled\"],");
        }
        if !merged("id") {
            let id = format!(
                "{}-{}",
                python_str(tape, text, ocid)?,
                python_str(tape, text, date)?
            );
            out.extend_from_slice(b"\"id\":");
            json::write_string(out, &id);
            out.push(b',');
        }
        if let Some(date) = date.filter(|_| !merged("date")) {
            out.extend_from_slice(b"\"date\":");
            out.extend_from_slice(json::raw(tape, text, date).as_bytes());
            out.push(b',');
        }
        if let Some(ocid) = ocid.filter(|_| !merged("ocid")) {
            out.extend_from_slice(b"\"ocid\":");
            out.extend_from_slice(json::raw(tape, text, ocid).as_bytes());
            out.push(b',');
        }
        let skip_date = date.is_none(); // compile_fast deletes `date` when the last release has none
        self.write_fields(0, out, skip_date);
        out.push(b'}');
        Ok(())
    }

    /// The object's fields, each followed by a comma (the caller closes the object).
    fn write_fields(&self, object: u32, out: &mut Vec<u8>, skip_date: bool) {
        let mut at = self.objects[object as usize].first;
        while at != END {
            let field = &self.fields[at as usize];
            at = field.next;
            if field.slot == Slot::Null || (skip_date && field.key == "date") {
                continue;
            }
            match &field.key {
                Cow::Borrowed(key) => {
                    out.push(b'"');
                    out.extend_from_slice(key.as_bytes()); // the key's own text: it had no escape to keep
                    out.push(b'"');
                }
                Cow::Owned(key) => json::write_string(out, key),
            }
            out.push(b':');
            self.write_slot(field.slot, out);
            out.push(b',');
        }
        if out.last() == Some(&b',') {
            out.pop(); // after the last field (no value ends with a comma)
        }
    }

    fn write_slot(&self, slot: Slot, out: &mut Vec<u8>) {
        match slot {
            Slot::Value(raw) => out.extend_from_slice(raw.as_bytes()),
            Slot::Object(object) => {
                out.push(b'{');
                self.write_fields(object, out, false);
                out.push(b'}');
            }
            Slot::Array(array) => {
                out.push(b'[');
                let mut at = self.arrays[array as usize].first;
                while at != END {
                    let entry = &self.entries[at as usize];
                    out.push(b'{');
                    self.write_fields(entry.object, out, false);
                    out.push(b'}');
                    at = entry.next;
                    if at != END {
                        out.push(b',');
                    }
                }
                out.push(b']');
            }
            Slot::Null => unreachable!("null fields are not written"),
        }
    }
}

/// An array item's id as the key Python's `str(id)` gives, with its kind (a string or an integer).
fn item_id<'a>(tape: &[Node], text: &'a str, at: usize) -> Result<(Cow<'a, str>, IdKind), String> {
    let type_name = match tape[at].kind {
        Kind::String => return Ok((json::string_value(tape, text, at), IdKind::Str)),
        Kind::Integer => match python_int(json::raw(tape, text, at)) {
            Some(0) => return Ok((Cow::Borrowed("0"), IdKind::Int)), // "-0" is 0
            Some(_) => return Ok((Cow::Borrowed(json::raw(tape, text, at)), IdKind::Int)),
            None => "float",
        },
        Kind::Float => "float",
        Kind::True | Kind::False => "bool",
        Kind::Null => "NoneType",
        Kind::Object => "dict",
        Kind::Array => "list",
    };
    Err(format!("an array item's id is a {type_name}"))
}

/// The value of an integer's text as orjson reads it: an int within [-2^63, 2^64), else None (a float).
fn python_int(raw: &str) -> Option<i128> {
    if raw.len() > 21 {
        return None;
    }
    let value: i128 = raw.parse().ok()?;
    (i128::from(i64::MIN)..=i128::from(u64::MAX))
        .contains(&value)
        .then_some(value)
}

/// Python's `str()` of a compiled id's part: a string as it is, a missing or null value as "None".
fn python_str<'a>(tape: &[Node], text: &'a str, at: Option<usize>) -> Result<Cow<'a, str>, String> {
    match at {
        None => Ok(Cow::Borrowed("None")),
        Some(at) if tape[at].kind == Kind::String => Ok(json::string_value(tape, text, at)),
        Some(_) => Err("the last release's ocid or date is not a string".into()),
    }
}

/// Python's `==` on the parsed values (dicts ignore key order, 1 == 1.0 == True).
fn python_equal(releases: &Releases, a: At, b: At) -> bool {
    let (tape_a, text_a) = (&releases.tapes[a.0][..], releases.texts[a.0]);
    let (tape_b, text_b) = (&releases.tapes[b.0][..], releases.texts[b.0]);
    let (node_a, node_b) = (tape_a[a.1], tape_b[b.1]);
    if json::raw(tape_a, text_a, a.1) == json::raw(tape_b, text_b, b.1) {
        return true;
    }
    match (node_a.kind, node_b.kind) {
        (Kind::String, Kind::String) => {
            json::string_value(tape_a, text_a, a.1) == json::string_value(tape_b, text_b, b.1)
        }
        (Kind::Null, Kind::Null) => true,
        (Kind::Array, Kind::Array) => {
            node_a.count == node_b.count
                && json::elements(tape_a, a.1)
                    .zip(json::elements(tape_b, b.1))
                    .all(|(x, y)| python_equal(releases, (a.0, x), (b.0, y)))
        }
        (Kind::Object, Kind::Object) => python_equal_objects(releases, a, b),
        (Kind::Object | Kind::Array | Kind::String | Kind::Null, _)
        | (_, Kind::Object | Kind::Array | Kind::String | Kind::Null) => false,
        _ => python_number(tape_a, text_a, a.1) == python_number(tape_b, text_b, b.1),
    }
}

fn python_equal_objects(releases: &Releases, a: At, b: At) -> bool {
    let (tape_a, text_a) = (&releases.tapes[a.0][..], releases.texts[a.0]);
    let (tape_b, text_b) = (&releases.tapes[b.0][..], releases.texts[b.0]);
    let count_a = json::members(tape_a, text_a, a.1).count();
    if count_a != json::members(tape_b, text_b, b.1).count() {
        return false;
    }
    // Keys usually come in the same order: look at the same place first.
    let mut in_order = json::members(tape_b, text_b, b.1);
    json::members(tape_a, text_a, a.1).all(|(key_at, value_at)| {
        let key = json::key_text(tape_a, text_a, key_at);
        let same_place = in_order
            .next()
            .filter(|&(other, _)| json::key_text(tape_b, text_b, other) == key);
        match same_place
            .map(|(_, value)| value)
            .or_else(|| json::member(tape_b, text_b, b.1, &key))
        {
            Some(other) => python_equal(releases, (a.0, value_at), (b.0, other)),
            None => false,
        }
    })
}

/// A number or boolean as Python compares it.
#[derive(PartialEq)]
enum Number {
    Int(i128),
    Float(f64),
}

fn python_number(tape: &[Node], text: &str, at: usize) -> Number {
    let raw = json::raw(tape, text, at);
    let number = match tape[at].kind {
        Kind::True => Number::Int(1),
        Kind::False => Number::Int(0),
        Kind::Integer => python_int(raw).map_or_else(
            || Number::Float(raw.parse().unwrap_or(f64::NAN)),
            Number::Int,
        ),
        _ => Number::Float(raw.parse().unwrap_or(f64::NAN)),
    };
    match number {
        // An integral float equals the int of the same value (exactly: i128 holds every such float below 2^127).
        Number::Float(value) if value.fract() == 0.0 && value.abs() < 1e38 => {
            Number::Int(value as i128)
        }
        other => other,
    }
}

/// rustc's FxHash: fast, and good enough for keys that no adversary chooses.
#[derive(Default)]
struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap()));
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(tail));
    }

    fn write_u8(&mut self, value: u8) {
        self.add(value as u64);
    }

    fn write_u32(&mut self, value: u32) {
        self.add(value as u64);
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}
