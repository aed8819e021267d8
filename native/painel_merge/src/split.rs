//! A release package split into JSON lines, for loaders/fastpackage.py: each element of the top-level `releases`
//! array is written as one line, so DuckDB can store the releases as it stores JSON lines (loaders/fastlines.py).
//!
//! The file is read in 1 MB chunks and only one release is held at a time, so memory stays bounded whatever the
//! file size. A release is written as its original text without the whitespace outside its strings (a line cannot
//! hold the newlines of a pretty-printed package), after a strict parse (json.rs, what orjson accepts). The
//! package's other members (publisher, license, version...) are returned as one small JSON object.
//!
//! Anything the fast path does not handle is refused with a reason, and the caller reads the file with Python,
//! which gives the user the precise message (malformed or truncated JSON), upgrades OCDS 1.0, reads records, or
//! skips and counts what is not a release: a file that is not one JSON object, a `records` or `ocid` member (a
//! record package or a record), no `releases` array (or two), an element that is not an object, a `version` other
//! than "1.1" (or none: the Python reader takes that as 1.0), a member name with an escape (its meaning is not
//! checked here), a release that repeats a member name, content after the package, and a release or metadata
//! larger than 64 MB.

use std::fs::File;
use std::io::{BufWriter, ErrorKind, Read, Write};
use std::path::Path;

use crate::json;

const CHUNK: usize = 1 << 20;
/// A larger release (or package metadata) is left to the Python reader, so memory stays bounded.
const MAX_VALUE: usize = 64 << 20;

/// What a split gives back: how many releases were written, and the package without them.
pub struct Split {
    pub releases: u64,
    /// The package's members other than `releases`, as one JSON object (not parsed here).
    pub metadata: Vec<u8>,
}

/// Split the package at `input` into JSON lines at `output`; Err is why the file does not qualify (or could not be
/// read or written).
pub fn split_file(input: &Path, output: &Path) -> Result<Split, String> {
    let reader = File::open(input).map_err(|error| format!("cannot read the package: {error}"))?;
    let writer =
        File::create(output).map_err(|error| format!("cannot write the lines: {error}"))?;
    let mut lines = BufWriter::with_capacity(CHUNK, writer);
    let split = split(reader, &mut lines)?;
    lines
        .flush()
        .map_err(|error| format!("cannot write the lines: {error}"))?;
    Ok(split)
}

/// Split a package read from `reader`, writing one release per line to `lines`.
fn split<R: Read, W: Write>(reader: R, lines: &mut W) -> Result<Split, String> {
    let mut splitter = Splitter {
        source: Source {
            reader,
            buffer: vec![0; CHUNK],
            start: 0,
            end: 0,
            consumed: 0,
        },
        lines,
        releases: 0,
        metadata: Vec::new(),
    };
    splitter.package().map_err(|reason| {
        format!(
            "{reason} (near byte {})",
            splitter.source.consumed + splitter.source.start as u64
        )
    })?;
    Ok(Split {
        releases: splitter.releases,
        metadata: splitter.metadata,
    })
}

/// A reader's bytes, one chunk at a time.
struct Source<R> {
    reader: R,
    buffer: Vec<u8>,
    start: usize,
    end: usize,
    /// Bytes read before the buffer's first (for messages).
    consumed: u64,
}

impl<R: Read> Source<R> {
    /// The unread bytes of the buffer, refilled when empty; empty at the end of the file.
    fn chunk(&mut self) -> Result<&[u8], String> {
        while self.start == self.end {
            match self.reader.read(&mut self.buffer) {
                Ok(read) => {
                    self.consumed += self.end as u64;
                    self.start = 0;
                    self.end = read;
                    if read == 0 {
                        break;
                    }
                }
                Err(error) if error.kind() == ErrorKind::Interrupted => {}
                Err(error) => return Err(format!("cannot read the package: {error}")),
            }
        }
        Ok(&self.buffer[self.start..self.end])
    }

    fn advance(&mut self, bytes: usize) {
        self.start += bytes;
    }

    /// The next byte that is not whitespace (not consumed); None at the end of the file.
    fn peek_token(&mut self) -> Result<Option<u8>, String> {
        loop {
            let chunk = self.chunk()?;
            match chunk
                .iter()
                .position(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
            {
                Some(at) => {
                    let byte = chunk[at];
                    self.advance(at);
                    return Ok(Some(byte));
                }
                None if chunk.is_empty() => return Ok(None),
                None => {
                    let all = chunk.len();
                    self.advance(all);
                }
            }
        }
    }

    /// Consume the next token if it is `expected`.
    fn accept(&mut self, expected: u8) -> Result<bool, String> {
        let found = self.peek_token()? == Some(expected);
        if found {
            self.advance(1);
        }
        Ok(found)
    }

    fn expect(&mut self, expected: u8, what: &str) -> Result<(), String> {
        if self.accept(expected)? {
            Ok(())
        } else {
            Err(format!("{what} expected"))
        }
    }

    /// Copy the next JSON value to `out` without the whitespace outside its strings. Only its extent is found here
    /// (strings, escapes, nesting); whoever reads `out` checks that it is valid JSON.
    fn copy_value(&mut self, out: &mut Vec<u8>, limit: usize) -> Result<(), String> {
        self.peek_token()?;
        let first = out.len();
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        loop {
            let chunk = self.chunk()?;
            if chunk.is_empty() {
                let complete_scalar = depth == 0 && !in_string && out.len() > first;
                return if complete_scalar {
                    Ok(())
                } else {
                    Err("the file ends inside a value (truncated?)".into())
                };
            }
            let mut run = 0; // start of the bytes not copied yet
            let mut at = 0;
            let mut done = false;
            while at < chunk.len() {
                let byte = chunk[at];
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if byte == b'\\' {
                        escaped = true;
                    } else if byte == b'"' {
                        in_string = false;
                        if depth == 0 {
                            at += 1;
                            done = true;
                            break;
                        }
                    } else {
                        // Skip to the next quote or backslash: most of a release is string content.
                        at += chunk[at..]
                            .iter()
                            .position(|&b| b == b'"' || b == b'\\')
                            .unwrap_or(chunk.len() - at);
                        continue;
                    }
                } else {
                    match byte {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' | b',' | b' ' | b'\n' | b'\r' | b'\t' if depth == 0 => {
                            done = true; // the end of a number or literal, not part of it
                            break;
                        }
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                at += 1;
                                done = true;
                                break;
                            }
                        }
                        b' ' | b'\n' | b'\r' | b'\t' => {
                            out.extend_from_slice(&chunk[run..at]);
                            run = at + 1;
                        }
                        _ => {}
                    }
                }
                at += 1;
            }
            out.extend_from_slice(&chunk[run..at]);
            self.advance(at);
            if out.len() - first > limit {
                return Err(format!("a value larger than {} MB", limit >> 20));
            }
            if done {
                return if out.len() > first {
                    Ok(())
                } else {
                    Err("a value expected".into())
                };
            }
        }
    }
}

struct Splitter<'w, R, W> {
    source: Source<R>,
    lines: &'w mut W,
    releases: u64,
    metadata: Vec<u8>,
}

impl<R: Read, W: Write> Splitter<'_, R, W> {
    /// `{ member, ... }` then the end of the file.
    fn package(&mut self) -> Result<(), String> {
        self.source
            .expect(b'{', "a JSON object (a release package)")?;
        self.metadata.push(b'{');
        let mut has_releases = false;
        let mut has_version = false;
        let mut name = Vec::new();
        if !self.source.accept(b'}')? {
            loop {
                if self.source.peek_token()? != Some(b'"') {
                    return Err("a member name expected".into());
                }
                name.clear();
                self.source.copy_value(&mut name, MAX_VALUE)?;
                self.source.expect(b':', "':' after a member name")?;
                match name.as_slice() {
                    b"\"releases\"" if has_releases => return Err("two releases arrays".into()),
                    b"\"releases\"" => {
                        has_releases = true;
                        self.releases()?;
                    }
                    b"\"records\"" | b"\"ocid\"" => {
                        return Err("a record package or record, not a release package".into())
                    }
                    _ if name.contains(&b'\\') => return Err("a member name with an escape".into()),
                    _ => {
                        has_version |= name == b"\"version\"";
                        self.metadata_member(&name)?;
                    }
                }
                if self.source.accept(b'}')? {
                    break;
                }
                self.source
                    .expect(b',', "',' or '}' after a package member")?;
            }
        }
        if self.source.peek_token()?.is_some() {
            return Err("content after the package (concatenated JSON)".into());
        }
        self.metadata.push(b'}');
        match (has_releases, has_version) {
            (false, _) => Err("no releases array".into()),
            (true, false) => {
                Err("no version: OCDS 1.0, to be upgraded by the Python reader".into())
            }
            (true, true) => Ok(()),
        }
    }

    fn metadata_member(&mut self, name: &[u8]) -> Result<(), String> {
        if self.metadata.len() > 1 {
            self.metadata.push(b',');
        }
        self.metadata.extend_from_slice(name);
        self.metadata.push(b':');
        let value = self.metadata.len();
        let room = MAX_VALUE.saturating_sub(value);
        self.source.copy_value(&mut self.metadata, room)?;
        if name == b"\"version\"" && &self.metadata[value..] != b"\"1.1\"" {
            return Err("a version other than \"1.1\": left to the Python reader".into());
        }
        Ok(())
    }

    /// `[ {release}, ... ]`: each release checked, then written as one line.
    fn releases(&mut self) -> Result<(), String> {
        self.source.expect(b'[', "releases as an array")?;
        if self.source.accept(b']')? {
            return Ok(());
        }
        let mut release = Vec::new();
        let mut tape = Vec::new();
        loop {
            if self.source.peek_token()? != Some(b'{') {
                return Err(format!("release {} is not a JSON object", self.releases));
            }
            release.clear();
            self.source.copy_value(&mut release, MAX_VALUE)?;
            json::parse(&release, &mut tape)
                .map_err(|error| format!("release {}: {}", self.releases, error.message))?;
            if tape[0].flag {
                // DuckDB would read the first `ocid` (or `date`...), Python the last.
                return Err(format!("release {} repeats a member name", self.releases));
            }
            release.push(b'\n');
            self.lines
                .write_all(&release)
                .map_err(|error| format!("cannot write the lines: {error}"))?;
            self.releases += 1;
            if self.source.accept(b']')? {
                return Ok(());
            }
            self.source.expect(b',', "',' or ']' after a release")?;
        }
    }
}
