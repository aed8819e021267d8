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
/// Bytes read with one call at most, for lines that follow each other.
const SPAN: u64 = 8 << 20;

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

    /// Read the given lines (each below `len()`) one after another into `out`: line i at
    /// out[offsets[i]..offsets[i + 1]], the offsets made from their lengths. Lines that follow each other in a file
    /// (as a store reads them) are read with one call: a call per line cost the store of a 1 GB file 0.3 s of system
    /// time.
    pub fn read_many(&self, lines: &[usize], offsets: &[usize], out: &mut [u8]) -> io::Result<()> {
        let mut span = Vec::new();
        let mut first = 0;
        while first < lines.len() {
            let mut last = first;
            while last + 1 < lines.len() && self.run_continues(lines[first], lines[last], lines[last + 1]) {
                last += 1;
            }
            if first == last {
                self.read(lines[first], &mut out[offsets[first]..offsets[first + 1]])?;
            } else {
                let start = self.starts[lines[first]];
                span.resize((self.end(lines[last]) - start) as usize, 0);
                self.files[self.file_of[lines[first]] as usize].read_exact_at(&mut span, start)?;
                for index in first..=last {
                    let from = (self.starts[lines[index]] - start) as usize;
                    let target = &mut out[offsets[index]..offsets[index + 1]];
                    target.copy_from_slice(&span[from..from + target.len()]);
                }
            }
            first = last + 1;
        }
        Ok(())
    }

    /// Whether `next` is the line after `last` in the same file (only blank lines between them), and the run from
    /// `first` still fits in one read.
    fn run_continues(&self, first: usize, last: usize, next: usize) -> bool {
        next == last + 1
            && self.file_of[next] == self.file_of[first]
            && self.end(next) - self.starts[first] <= SPAN
    }

    fn end(&self, line: usize) -> u64 {
        self.starts[line] + self.lengths[line] as u64
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

    /// Two files, "a.jsonl" (3 lines, with blank ones and a CRLF) and "b.jsonl" with `second`, in a new folder.
    fn two_files(name: &str, second: &str) -> (std::path::PathBuf, [std::path::PathBuf; 2]) {
        let folder = std::env::temp_dir().join(format!("painel-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let files = [folder.join("a.jsonl"), folder.join("b.jsonl")];
        std::fs::write(&files[0], "{\"a\":1}\n\n  \t\n{\"a\":2}\r\n{\"a\":3}").unwrap();
        std::fs::write(&files[1], second).unwrap();
        (folder, files)
    }

    #[test]
    fn blank_lines_are_not_numbered_and_files_follow_each_other() {
        let (folder, [first, second]) = two_files("lines", "\n{\"b\":1}\n");
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
    fn lines_read_together_are_the_lines_read_one_by_one() {
        let (folder, [first, second]) = two_files("many", "\n{\"b\":1}\n{\"b\":22}\n");
        let mut set = LineSet::default();
        set.add(&first).unwrap();
        set.add(&second).unwrap();
        for lines in [vec![0, 1, 2, 3, 4], vec![4, 3, 1, 2, 0], vec![2, 3], vec![1]] {
            let mut offsets = vec![0];
            for &line in &lines {
                offsets.push(offsets.last().unwrap() + set.length(line).unwrap() as usize);
            }
            let mut together = vec![0u8; *offsets.last().unwrap()];
            set.read_many(&lines, &offsets, &mut together).unwrap();
            let mut one_by_one = Vec::new();
            for &line in &lines {
                let mut out = vec![0u8; set.length(line).unwrap() as usize];
                set.read(line, &mut out).unwrap();
                one_by_one.extend(out);
            }
            assert_eq!(together, one_by_one, "{lines:?}");
        }
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
