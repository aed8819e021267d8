//! Where each release line of a load's JSON lines files is, so the compile reads an ocid's releases straight from
//! the files (loaders/compile.py) instead of sorting their stored texts in DuckDB.
//!
//! Lines are numbered as DuckDB's `read_ndjson_objects` numbers its rows: every line that holds anything but JSON
//! whitespace, in file order, the files one after another in the order they were added.

use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::FileExt;
use std::path::Path;

const CHUNK: usize = 1 << 20;

#[derive(Default)]
pub struct LineSet {
    files: Vec<File>,
    file_of: Vec<u32>,
    starts: Vec<u64>,
    lengths: Vec<u32>,
}

impl LineSet {
    /// Index the file's lines after those already added; return how many it has. On an error nothing is added.
    pub fn add(&mut self, path: &Path) -> io::Result<usize> {
        let before = self.starts.len();
        let added = self.scan(path);
        if added.is_err() {
            self.file_of.truncate(before);
            self.starts.truncate(before);
            self.lengths.truncate(before);
        }
        added
    }

    fn scan(&mut self, path: &Path) -> io::Result<usize> {
        let mut file = File::open(path)?;
        let number = self.files.len() as u32;
        let before = self.starts.len();
        let mut chunk = vec![0u8; CHUNK];
        let mut line = LineScan::default();
        let mut offset = 0u64;
        loop {
            let read = file.read(&mut chunk)?;
            if read == 0 {
                break;
            }
            let mut at = 0;
            while at < read {
                if !line.content {
                    match chunk[at] {
                        b'\n' => {
                            line = LineScan { start: offset + at as u64 + 1, content: false };
                            at += 1;
                            continue;
                        }
                        b' ' | b'\t' | b'\r' => {
                            at += 1;
                            continue;
                        }
                        _ => line.content = true,
                    }
                }
                match find_newline(&chunk[at..read]) {
                    Some(found) => {
                        let end = offset + (at + found) as u64;
                        self.finish(&mut line, end, number)?;
                        line = LineScan { start: end + 1, content: false };
                        at += found + 1;
                    }
                    None => at = read,
                }
            }
            offset += read as u64;
        }
        self.finish(&mut line, offset, number)?;
        self.files.push(file);
        Ok(self.starts.len() - before)
    }

    fn finish(&mut self, line: &mut LineScan, end: u64, file: u32) -> io::Result<()> {
        if line.content {
            let length = u32::try_from(end - line.start)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "a line longer than 4 GiB"))?;
            self.file_of.push(file);
            self.starts.push(line.start);
            self.lengths.push(length);
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn length(&self, line: usize) -> Option<u64> {
        self.lengths.get(line).map(|&length| length as u64)
    }

    /// Read the line into `out`, which must be exactly its length.
    pub fn read(&self, line: usize, out: &mut [u8]) -> io::Result<()> {
        let file = &self.files[self.file_of[line] as usize];
        file.read_exact_at(out, self.starts[line])
    }
}

/// The first newline of `bytes`, eight bytes at a time (a word has a zero byte where it equals "\n" repeated).
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const NEWLINES: u64 = ONES * b'\n' as u64;
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) ^ NEWLINES;
        let zero_bytes = word.wrapping_sub(ONES) & !word & HIGHS;
        if zero_bytes != 0 {
            return Some(at + (zero_bytes.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..].iter().position(|&byte| byte == b'\n').map(|found| at + found)
}

#[derive(Default)]
struct LineScan {
    start: u64,
    content: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_not_numbered_and_files_follow_each_other() {
        let folder = std::env::temp_dir().join(format!("painel-lines-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let first = folder.join("a.jsonl");
        let second = folder.join("b.jsonl");
        std::fs::write(&first, "{\"a\":1}\n\n  \t\n{\"a\":2}\r\n{\"a\":3}").unwrap();
        std::fs::write(&second, "\n{\"b\":1}\n").unwrap();
        let mut lines = LineSet::default();
        assert_eq!(lines.add(&first).unwrap(), 3);
        assert_eq!(lines.add(&second).unwrap(), 1);
        let texts: Vec<String> = (0..lines.len())
            .map(|line| {
                let mut out = vec![0u8; lines.length(line).unwrap() as usize];
                lines.read(line, &mut out).unwrap();
                String::from_utf8(out).unwrap()
            })
            .collect();
        assert_eq!(texts, ["{\"a\":1}", "{\"a\":2}\r", "{\"a\":3}", "{\"b\":1}"]);
        std::fs::remove_dir_all(folder).unwrap();
    }

    #[test]
    fn newlines_are_found_at_every_place_in_a_word() {
        for length in 0..20 {
            for place in 0..length {
                let mut bytes = vec![b'x'; length];
                bytes[place] = b'\n';
                assert_eq!(find_newline(&bytes), Some(place));
            }
            assert_eq!(find_newline(&vec![b'x'; length]), None);
        }
    }
}
