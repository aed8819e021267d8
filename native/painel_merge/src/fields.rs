//! What loaders/fastlines.py stores of each line of a JSON lines file besides its text, read in one pass:
//! whether the line qualifies for the fast path, and its ocid, id, date and tag, as DuckDB's SQL there reads them.
//!
//! A line is "plain" when this read settles everything exactly; DuckDB then stores these values and the text as
//! JSON without parsing it again. Any other line (malformed at the top level; a repeated or escaped key whose
//! value is read; an id or tag whose text DuckDB writes its own way) is left to the SQL. A plain line that does
//! not qualify needs no values: the caller then reads the whole file with Python.
//!
//! Only the root object's members are read, and only the values the checks need are parsed (strictly); the others
//! are skipped by their extent. They are not checked here: the compile of the same load parses every stored
//! release strictly and refuses the load, naming the line, if one is malformed, as it does for what DuckDB's
//! reader tolerates (NaN, a trailing comma). At 100k processes this read takes 0.75 CPU seconds, a full strict
//! parse 1.6.

use crate::json::{self, Kind, Node};
use crate::leaves::{Bits, Strings};

pub const NOT_PLAIN: u8 = 0;
pub const PLAIN: u8 = 1;
pub const QUALIFIES: u8 = 2; // plain, and a release the fast path stores

#[derive(Default)]
pub struct Fields {
    pub statuses: Vec<u8>,
    pub ocid: Strings,
    pub release_id: Strings,
    pub date: Strings,
    pub tag_valid: Bits,
    pub tag_offsets: Vec<i32>,
    pub tags: Strings,
}

/// The root object's members the checks and the columns read (their texts), and how many members it has.
#[derive(Default)]
struct Top<'a> {
    members: usize,
    ocid: Option<&'a [u8]>,
    id: Option<&'a [u8]>,
    date: Option<&'a [u8]>,
    tag: Option<&'a [u8]>,
    parties: bool,
    nested: bool, // releases, records or compiledRelease: a package, record or compiled release
    url: bool,
}

enum Skim<'a> {
    /// Not an object (json_extract finds no `parties`): the line does not qualify.
    NotObject,
    /// Left to the SQL: malformed at the top level, a repeated or escaped key the checks read, ...
    Unsettled,
    Object(Top<'a>),
}

impl Fields {
    fn add(&mut self, bytes: &[u8], tape: &mut Vec<Node>) {
        let top = match skim(bytes) {
            Skim::NotObject => return self.push(PLAIN, None),
            Skim::Unsettled => return self.push(NOT_PLAIN, None),
            Skim::Object(top) => top,
        };
        let (Ok(ocid), Ok(date)) = (string_of(top.ocid, tape), string_of(top.date, tape)) else {
            return self.push(NOT_PLAIN, None);
        };
        let (Some(ocid), Some(date)) = (ocid, date) else {
            return self.push(PLAIN, None); // json_type is not VARCHAR
        };
        let linked = top.url && top.members <= 3; // a linked release: url plus a few members
        if !top.parties || top.nested || ocid.is_empty() || linked {
            return self.push(PLAIN, None);
        }
        let (Some(release_id), Some((tags, tag_array))) = (id_text(top.id, tape), tag_list(top.tag, tape)) else {
            return self.push(NOT_PLAIN, None);
        };
        if tag_array && tags.iter().flatten().any(|tag| tag == "compiled") {
            return self.push(PLAIN, None); // json_contains(tag, '"compiled"')
        }
        if [&ocid, &release_id, &date].iter().any(|value| value.contains('\0')) {
            return self.push(NOT_PLAIN, None);
        }
        self.push(QUALIFIES, Some((&ocid, &release_id, &date, tags)));
    }

    fn push(&mut self, status: u8, values: Option<(&str, &str, &str, Option<Vec<String>>)>) {
        self.statuses.push(status);
        let (ocid, release_id, date, tags) = match values {
            Some((ocid, release_id, date, tags)) => {
                (Some(ocid), Some(release_id), Some(date), tags)
            }
            None => (Some(""), Some(""), None, None), // as the SQL's coalesce gives (the row is deleted again)
        };
        self.ocid.push(ocid);
        self.release_id.push(release_id);
        self.date.push(date);
        self.tag_valid.push(tags.is_some());
        for tag in tags.unwrap_or_default() {
            self.tags.push(Some(&tag));
        }
        self.tag_offsets.push(self.tags.offsets.len() as i32 - 1);
    }
}

/// Read the root object's members without parsing the values the checks do not read: only their extent is found
/// (strings, and brackets outside strings). Those values are parsed strictly by the compile of the same load, which
/// refuses the load if one is malformed; the values read here are parsed strictly now.
fn skim(bytes: &[u8]) -> Skim<'_> {
    let mut at = skip_whitespace(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return Skim::NotObject;
    }
    at = skip_whitespace(bytes, at + 1);
    let mut top = Top::default();
    if bytes.get(at) == Some(&b'}') {
        return finish(bytes, at + 1, top);
    }
    loop {
        let Some(key_end) = string_end(bytes, at) else {
            return Skim::Unsettled;
        };
        let key = &bytes[at + 1..key_end - 1];
        at = skip_whitespace(bytes, key_end);
        if bytes.get(at) != Some(&b':') || key.contains(&b'\\') {
            return Skim::Unsettled;
        }
        let start = skip_whitespace(bytes, at + 1);
        let Some(end) = value_end(bytes, start) else {
            return Skim::Unsettled;
        };
        let value = &bytes[start..end];
        match key {
            b"parties" => top.parties = true,
            b"releases" | b"records" | b"compiledRelease" => top.nested = true,
            b"url" => top.url = true,
            _ => {}
        }
        let slot = match key {
            b"ocid" => Some(&mut top.ocid),
            b"id" => Some(&mut top.id),
            b"date" => Some(&mut top.date),
            b"tag" => Some(&mut top.tag),
            _ => None,
        };
        if slot.is_some_and(|slot| slot.replace(value).is_some()) {
            return Skim::Unsettled; // a repeated key whose value is read: DuckDB reads the first, Python the last
        }
        top.members += 1;
        at = skip_whitespace(bytes, end);
        match bytes.get(at) {
            Some(b',') => at = skip_whitespace(bytes, at + 1),
            Some(b'}') => return finish(bytes, at + 1, top),
            _ => return Skim::Unsettled,
        }
    }
}

/// After the root object: only whitespace may follow.
fn finish<'a>(bytes: &[u8], at: usize, top: Top<'a>) -> Skim<'a> {
    if skip_whitespace(bytes, at) == bytes.len() {
        Skim::Object(top)
    } else {
        Skim::Unsettled
    }
}

fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(at) {
        at += 1;
    }
    at
}

/// Just past the string that starts (with its quote) at `at`.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let mut at = at + 1;
    loop {
        match bytes.get(at..)?.iter().position(|&byte| byte == b'"' || byte == b'\\')? {
            skip if bytes[at + skip] == b'"' => return Some(at + skip + 1),
            skip => at += skip + 2, // the escaped byte, whatever it is
        }
    }
}

/// Just past the value that starts at `at`: a string, a container (to its matching bracket, strings skipped), or
/// a number or literal (to the next delimiter). None where no value can start, or the text ends first.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => string_end(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut at = at;
            loop {
                match bytes.get(at)? {
                    b'"' => {
                        at = string_end(bytes, at)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(at + 1);
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
        }
        b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
            let length = bytes[at..].iter().position(|byte| b",}] \n\r\t".contains(byte));
            Some(at + length.unwrap_or(bytes.len() - at))
        }
        _ => None,
    }
}

/// A member's value parsed strictly into `tape`; None if the strict parser refuses it.
fn parsed<'a>(value: &'a [u8], tape: &mut Vec<Node>) -> Option<&'a str> {
    json::parse(value, tape).ok()
}

/// Ok(Some(text)) for a string, Ok(None) for anything else or no member; Err if the value is malformed.
fn string_of(value: Option<&[u8]>, tape: &mut Vec<Node>) -> Result<Option<String>, ()> {
    let Some(value) = value else {
        return Ok(None);
    };
    let text = parsed(value, tape).ok_or(())?;
    Ok((tape[0].kind == Kind::String).then(|| json::string_value(tape, text, 0).into_owned()))
}

/// `coalesce(id ->> '$', '')`: a string unescaped, an integer in 64 bits as written (-0 as 0), none or null as
/// ''. None for anything else (DuckDB writes a float, boolean, object or array its own way).
fn id_text(id: Option<&[u8]>, tape: &mut Vec<Node>) -> Option<String> {
    let Some(id) = id else {
        return Some(String::new());
    };
    let text = parsed(id, tape)?;
    match tape[0].kind {
        Kind::Null => Some(String::new()),
        Kind::String => Some(json::string_value(tape, text, 0).into_owned()),
        Kind::Integer => {
            let fits = text.parse::<u64>().is_ok() || text.parse::<i64>().is_ok();
            match text {
                "-0" => Some("0".into()),
                _ if fits => Some(text.into()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The tag column (a string as a list of one, an array of strings as they are, anything else NULL), and whether
/// the tag is an array. None for an array holding something other than strings (left to DuckDB's from_json), or
/// a malformed tag.
fn tag_list(tag: Option<&[u8]>, tape: &mut Vec<Node>) -> Option<(Option<Vec<String>>, bool)> {
    let Some(tag) = tag else {
        return Some((None, false));
    };
    let text = parsed(tag, tape)?;
    let tape = &*tape;
    match tape[0].kind {
        Kind::String => Some((Some(vec![json::string_value(tape, text, 0).into_owned()]), false)),
        Kind::Array => json::elements(tape, 0)
            .map(|element| {
                (tape[element].kind == Kind::String)
                    .then(|| json::string_value(tape, text, element).into_owned())
                    .filter(|tag| !tag.contains('\0'))
            })
            .collect::<Option<Vec<_>>>()
            .map(|tags| (Some(tags), true)),
        _ => Some((None, false)),
    }
}

/// The fields of each text.
pub fn extract(texts: &[&[u8]]) -> Fields {
    let mut fields = Fields {
        tag_offsets: vec![0],
        ..Fields::default()
    };
    let mut tape = Vec::new();
    for bytes in texts {
        fields.add(bytes, &mut tape);
    }
    fields
}
