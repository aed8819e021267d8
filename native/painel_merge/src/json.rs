//! A strict JSON parser (what orjson accepts) that writes a flat tape of nodes pointing into the text.
//!
//! Nothing is copied: strings and numbers stay as their original text, so a value the merge only moves is written
//! out as it came in. Containers record where their subtree ends on the tape (`next`), so walking an object's
//! members or an array's elements is a skip along the tape.

use std::borrow::Cow;

/// orjson refuses deeper documents; refusing them too keeps recursion bounded.
const MAX_DEPTH: usize = 1024;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Null,
    False,
    True,
    /// A number without fraction or exponent (Python: `int`, if it fits in orjson's 64-bit range).
    Integer,
    /// Any other number (Python: `float`).
    Float,
    String,
    Object,
    Array,
}

/// One value on the tape. An object's members follow it as (key string, value subtree) pairs.
#[derive(Clone, Copy, Debug)]
pub struct Node {
    pub kind: Kind,
    /// String: holds an escape. Object: may repeat a key. Array: holds something that is not an object.
    pub flag: bool,
    pub start: u32,
    pub end: u32,
    /// Tape index just past this node's subtree.
    pub next: u32,
    /// Members (object) or elements (array).
    pub count: u32,
}

pub struct ParseError {
    pub position: usize,
    pub message: &'static str,
}

impl ParseError {
    /// orjson's wording: "message: line L column C (char N)".
    pub fn describe(&self, text: &str) -> String {
        let before = &text.as_bytes()[..self.position.min(text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        let char_index = String::from_utf8_lossy(before).chars().count();
        format!(
            "{}: line {} column {} (char {})",
            self.message, line, column, char_index
        )
    }
}

/// Parse one JSON document into `tape` (cleared first); the document's root is `tape[0]`. Returns the document
/// as text: UTF-8 is checked on the way (only strings may hold non-ASCII bytes, and only those that do are checked).
pub fn parse<'a>(bytes: &'a [u8], tape: &mut Vec<Node>) -> Result<&'a str, ParseError> {
    if bytes.len() >= u32::MAX as usize {
        return Err(ParseError {
            position: 0,
            message: "document larger than 4 GB",
        });
    }
    tape.clear();
    let mut parser = Parser {
        bytes,
        position: 0,
        tape,
        depth: 0,
        high_bits: 0,
    };
    parser.skip_whitespace();
    parser.value()?;
    parser.skip_whitespace();
    if parser.position != parser.bytes.len() {
        return parser.fail("unexpected content after document");
    }
    // SAFETY: outside strings only ASCII is accepted, and every string holding a non-ASCII byte was checked.
    Ok(unsafe { std::str::from_utf8_unchecked(bytes) })
}

struct Parser<'t> {
    bytes: &'t [u8],
    /// The OR of a string's bytes so far: a high bit set means non-ASCII, to be checked.
    high_bits: u64,
    position: usize,
    tape: &'t mut Vec<Node>,
    depth: usize,
}

impl Parser<'_> {
    fn fail<T>(&self, message: &'static str) -> Result<T, ParseError> {
        Err(ParseError {
            position: self.position,
            message,
        })
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.position += 1;
        }
    }

    fn push(&mut self, kind: Kind, start: usize) -> usize {
        let index = self.tape.len();
        self.tape.push(Node {
            kind,
            flag: false,
            start: start as u32,
            end: 0,
            next: 0,
            count: 0,
        });
        index
    }

    fn close(&mut self, index: usize) {
        let next = self.tape.len() as u32;
        let node = &mut self.tape[index];
        node.end = self.position as u32;
        node.next = next;
    }

    fn value(&mut self) -> Result<Kind, ParseError> {
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(|_| Kind::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal(b"true", Kind::True),
            Some(b'f') => self.literal(b"false", Kind::False),
            Some(b'n') => self.literal(b"null", Kind::Null),
            None => self.fail("unexpected end of data"),
            _ => self.fail("unexpected character, expected a JSON value"),
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail("recursion limit reached");
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Kind, ParseError> {
        self.enter()?;
        let index = self.push(Kind::Object, self.position);
        self.position += 1;
        self.skip_whitespace();
        let mut count = 0u32;
        let mut seen = 0u64; // one bit per key fingerprint: a repeated key is looked for only on a collision
        let mut repeats = false;
        let mut escaped_keys = false; // an escaped key's fingerprint is not its value's: compare every key then
        if self.peek() == Some(b'}') {
            self.position += 1;
        } else {
            loop {
                if self.peek() != Some(b'"') {
                    return self.fail("expected a key (a string)");
                }
                let key = self.string()?;
                let bit =
                    1u64 << fingerprint(&self.bytes[self.tape[key].start as usize..self.position]);
                escaped_keys |= self.tape[key].flag;
                if seen & bit != 0 || escaped_keys {
                    repeats = repeats || self.repeats_a_key(index, key);
                }
                seen |= bit;
                self.skip_whitespace();
                if self.peek() != Some(b':') {
                    return self.fail("expected ':' after a key");
                }
                self.position += 1;
                self.skip_whitespace();
                self.value()?;
                count += 1;
                if self.ends_after_member(b'}', "expected ',' or '}'")? {
                    break;
                }
            }
        }
        self.depth -= 1;
        self.close(index);
        self.tape[index].count = count;
        self.tape[index].flag = repeats;
        Ok(Kind::Object)
    }

    /// After a member of an object or array: true at the closing `close` (consumed), false after a comma that
    /// another member follows.
    fn ends_after_member(&mut self, close: u8, expected: &'static str) -> Result<bool, ParseError> {
        self.skip_whitespace();
        match self.peek() {
            Some(b',') => {
                self.position += 1;
                self.skip_whitespace();
                if self.peek() == Some(close) {
                    return self.fail("trailing comma is not allowed");
                }
                Ok(false)
            }
            Some(byte) if byte == close => {
                self.position += 1;
                Ok(true)
            }
            _ => self.fail(expected),
        }
    }

    /// Whether the key just read (at tape index `key`) repeats an earlier key of the object at `object`.
    fn repeats_a_key(&self, object: usize, key: usize) -> bool {
        // SAFETY: the keys read so far were checked (see `string`), and the object's keys end before `key` ends.
        let text =
            unsafe { std::str::from_utf8_unchecked(&self.bytes[..self.tape[key].end as usize]) };
        let wanted = key_text(self.tape, text, key);
        let mut member = object + 1;
        while member < key {
            if key_text(self.tape, text, member) == wanted {
                return true;
            }
            member = self.tape[member + 1].next as usize;
        }
        false
    }

    fn array(&mut self) -> Result<Kind, ParseError> {
        self.enter()?;
        let index = self.push(Kind::Array, self.position);
        self.position += 1;
        self.skip_whitespace();
        let mut count = 0u32;
        let mut holds_a_non_object = false;
        if self.peek() == Some(b']') {
            self.position += 1;
        } else {
            loop {
                holds_a_non_object |= self.value()? != Kind::Object;
                count += 1;
                if self.ends_after_member(b']', "expected ',' or ']'")? {
                    break;
                }
            }
        }
        self.depth -= 1;
        self.close(index);
        self.tape[index].count = count;
        self.tape[index].flag = holds_a_non_object;
        Ok(Kind::Array)
    }

    fn literal(&mut self, word: &[u8], kind: Kind) -> Result<Kind, ParseError> {
        if !self.bytes[self.position..].starts_with(word) {
            return self.fail("unexpected character, expected a JSON value");
        }
        let index = self.push(kind, self.position);
        self.position += word.len();
        self.close(index);
        Ok(kind)
    }

    /// A string; returns its tape index. Its node spans the quotes.
    fn string(&mut self) -> Result<usize, ParseError> {
        let index = self.push(Kind::String, self.position);
        self.position += 1;
        self.high_bits = 0;
        let mut escaped = false;
        loop {
            self.skip_plain_bytes();
            match self.peek() {
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    self.escape()?;
                }
                Some(_) => return self.fail("unexpected control character in string"),
                None => return self.fail("unexpected end of data in string"),
            }
        }
        let start = self.tape[index].start as usize;
        if self.high_bits & 0x8080_8080_8080_8080 != 0
            && std::str::from_utf8(&self.bytes[start + 1..self.position]).is_err()
        {
            self.position = start; // the message points at the string
            return self.fail("str is not valid UTF-8");
        }
        self.position += 1;
        self.close(index);
        self.tape[index].flag = escaped;
        Ok(index)
    }

    /// Skip bytes that need no attention (not a quote, backslash or control character), eight at a time.
    fn skip_plain_bytes(&mut self) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        while self.position + 8 <= self.bytes.len() {
            let chunk: [u8; 8] = self.bytes[self.position..self.position + 8]
                .try_into()
                .unwrap();
            let word = u64::from_le_bytes(chunk);
            let quote = word ^ (ONES * b'"' as u64);
            let backslash = word ^ (ONES * b'\\' as u64);
            let special = (quote.wrapping_sub(ONES) & !quote)
                | (backslash.wrapping_sub(ONES) & !backslash)
                | (word.wrapping_sub(ONES * 0x20) & !word);
            if special & HIGHS != 0 {
                break;
            }
            self.high_bits |= word & HIGHS;
            self.position += 8;
        }
        while let Some(byte) = self.peek() {
            if byte == b'"' || byte == b'\\' || byte < 0x20 {
                return;
            }
            self.high_bits |= byte as u64;
            self.position += 1;
        }
    }

    fn escape(&mut self) -> Result<(), ParseError> {
        self.position += 1;
        match self.peek() {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.position += 1;
                Ok(())
            }
            Some(b'u') => {
                let unit = self.hex4()?;
                if (0xDC00..0xE000).contains(&unit) {
                    return self.fail("invalid high surrogate in string");
                }
                if (0xD800..0xDC00).contains(&unit) {
                    if !self.bytes[self.position..].starts_with(b"\\u") {
                        return self.fail("no low surrogate in string");
                    }
                    self.position += 1;
                    if !(0xDC00..0xE000).contains(&self.hex4()?) {
                        return self.fail("no low surrogate in string");
                    }
                }
                Ok(())
            }
            _ => self.fail("invalid escape in string"),
        }
    }

    /// The four hex digits after `u` (position is on the `u`).
    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self.bytes.get(self.position + 1..self.position + 5);
        let value = digits
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok());
        match value {
            Some(value) if digits.unwrap().iter().all(u8::is_ascii_hexdigit) => {
                self.position += 5;
                Ok(value)
            }
            _ => self.fail("invalid \\u escape in string"),
        }
    }

    fn number(&mut self) -> Result<Kind, ParseError> {
        let start = self.position;
        if self.peek() == Some(b'-') {
            self.position += 1;
        }
        match self.peek() {
            Some(b'0') => self.position += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return self.fail("invalid number"),
        }
        let integer_digits = self.position - start;
        let mut kind = Kind::Integer;
        if self.peek() == Some(b'.') {
            self.position += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return self.fail("invalid number");
            }
            self.digits();
            kind = Kind::Float;
        }
        let mut exponent = false;
        if let Some(b'e' | b'E') = self.peek() {
            self.position += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.position += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return self.fail("invalid number");
            }
            self.digits();
            kind = Kind::Float;
            exponent = true;
        }
        if (exponent || integer_digits > 300) && self.is_infinite(start) {
            self.position = start;
            return self.fail("number is infinity when parsed as double");
        }
        let index = self.push(kind, start);
        self.close(index);
        Ok(kind)
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.position += 1;
        }
    }

    fn is_infinite(&self, start: usize) -> bool {
        let digits = std::str::from_utf8(&self.bytes[start..self.position]).unwrap_or("");
        digits.parse::<f64>().map_or(true, f64::is_infinite)
    }
}

/// A key's 6-bit fingerprint (from its raw text, quotes included).
fn fingerprint(raw: &[u8]) -> u32 {
    let length = raw.len() as u32;
    let middle = raw[raw.len() / 2] as u32;
    let last_letter = raw[raw.len().saturating_sub(2)] as u32;
    (length.wrapping_mul(7)
        ^ middle.wrapping_mul(13)
        ^ last_letter.wrapping_mul(31)
        ^ (raw[1] as u32))
        & 63
}

/// A string node's value, unescaped (borrowed from the text when it has no escape).
pub fn string_value<'a>(tape: &[Node], text: &'a str, index: usize) -> Cow<'a, str> {
    let node = tape[index];
    let inner = &text[node.start as usize + 1..node.end as usize - 1];
    if node.flag {
        Cow::Owned(unescape(inner))
    } else {
        Cow::Borrowed(inner)
    }
}

/// An object member's key (the string node at `index`).
pub fn key_text<'a>(tape: &[Node], text: &'a str, index: usize) -> Cow<'a, str> {
    string_value(tape, text, index)
}

/// The value of a JSON string's escaped contents (already checked by the parser).
fn unescape(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = rest.as_bytes()[at + 1];
        rest = &rest[at + 2..];
        match escape {
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let mut unit = u32::from_str_radix(&rest[..4], 16).unwrap();
                rest = &rest[4..];
                if (0xD800..0xDC00).contains(&unit) {
                    let low = u32::from_str_radix(&rest[2..6], 16).unwrap();
                    rest = &rest[6..];
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                }
                out.push(char::from_u32(unit).unwrap());
            }
            other => out.push(other as char),
        }
    }
    out.push_str(rest);
    out
}

/// `text` as a JSON string (quotes included).
pub fn write_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    for &byte in text.as_bytes() {
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0..=0x1f => out.extend_from_slice(format!("\\u{:04x}", byte).as_bytes()),
            _ => out.push(byte),
        }
    }
    out.push(b'"');
}

/// Iterate an object's members as (key index, value index), each key once: a repeated key is given once, with
/// its last value (as Python's dict keeps it).
pub struct Members<'t, 'a> {
    tape: &'t [Node],
    text: &'a str,
    at: usize,
    end: usize,
    repeats: bool,
}

pub fn members<'t, 'a>(tape: &'t [Node], text: &'a str, object: usize) -> Members<'t, 'a> {
    let node = tape[object];
    Members {
        tape,
        text,
        at: object + 1,
        end: node.next as usize,
        repeats: node.flag,
    }
}

impl Iterator for Members<'_, '_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        while self.at < self.end {
            let key = self.at;
            self.at = self.tape[key + 1].next as usize;
            if !self.repeats || !self.is_repeated_later(key) {
                return Some((key, key + 1));
            }
        }
        None
    }
}

impl Members<'_, '_> {
    fn is_repeated_later(&self, key: usize) -> bool {
        let wanted = key_text(self.tape, self.text, key);
        let mut later = self.at;
        while later < self.end {
            if key_text(self.tape, self.text, later) == wanted {
                return true;
            }
            later = self.tape[later + 1].next as usize;
        }
        false
    }
}

/// The value of an object's member `name` (the last one, if repeated).
pub fn member(tape: &[Node], text: &str, object: usize, name: &str) -> Option<usize> {
    let mut found = None;
    let mut at = object + 1;
    let end = tape[object].next as usize;
    while at < end {
        if key_text(tape, text, at) == name {
            found = Some(at + 1);
            if !tape[object].flag {
                break;
            }
        }
        at = tape[at + 1].next as usize;
    }
    found
}

/// An array's elements (tape indexes).
pub fn elements(tape: &[Node], array: usize) -> impl Iterator<Item = usize> + '_ {
    let end = tape[array].next as usize;
    let mut at = array + 1;
    std::iter::from_fn(move || {
        if at >= end {
            return None;
        }
        let element = at;
        at = tape[at].next as usize;
        Some(element)
    })
}

/// The raw text of a node.
pub fn raw<'a>(tape: &[Node], text: &'a str, index: usize) -> &'a str {
    let node = tape[index];
    &text[node.start as usize..node.end as usize]
}
