//! Compiled releases from release texts, for loaders/native.py (ctypes), with loaders/merge.py's exact rules.
//!
//! One call compiles many ocids: the caller passes the release texts as an Arrow large_string array's buffers
//! (int64 offsets + UTF-8 data, sorted by ocid, then load order) and the index where each ocid's releases start.
//! It gets back the compiled texts the same way, with one status per ocid and a message for each one not compiled.
//! Calls share nothing but the read-only rules, so several threads may call at once.
//!
//! `painel_split_package` writes a release package's releases as JSON lines (split.rs), for loaders/fastpackage.py.
//! `painel_fields_extract` reads what the store of a JSON lines file needs of each line (fields.rs).
//! `painel_lines_*` index the lines of JSON lines files and read given lines (lines.rs), for loaders/compile.py.

mod fields;
mod first_values;
mod json;
mod leaves;
mod lines;
mod merge;
mod rules;
mod split;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::slice;

pub use merge::{Compiler, Outcome};
pub use rules::Rules;

pub const STATUS_OK: u8 = 0;
/// compile_fast would raise `Conflict` (or fail): the caller merges this ocid with ocdsmerge.
pub const STATUS_CONFLICT: u8 = 1;
/// A release is not valid JSON (or not UTF-8); the message says which one and where.
pub const STATUS_ERROR: u8 = 2;

/// What a compile call returns (the caller reads it, then gives it to `painel_merge_batch_free`).
#[repr(C)]
pub struct BatchView {
    /// groups + 1 offsets into `data`: group i's compiled release is data[offsets[i]..offsets[i + 1]] (empty
    /// unless its status is OK).
    pub offsets: *const i64,
    pub data: *const u8,
    pub data_len: i64,
    pub statuses: *const u8,
    /// groups + 1 offsets into `message_data` (empty for OK).
    pub message_offsets: *const i64,
    pub message_data: *const u8,
    pub message_len: i64,
    /// Per group: 1 if its first contract values (first_values.rs) were taken here, else 0 (one release, not
    /// compiled, or a shape left to the SQL).
    pub first_done: *const u8,
    /// The first values: `first_rows` rows of (group, contract id or null, amount).
    pub first_rows: i64,
    pub first_group: *const i64,
    pub first_id_valid: *const u8,
    /// first_rows + 1 offsets into `first_id_data`.
    pub first_id_offsets: *const i64,
    pub first_id_data: *const u8,
    pub first_id_len: i64,
    pub first_amount: *const f64,
}

/// The view first (so a pointer to the batch is a pointer to its view), then the memory it points into.
#[repr(C)]
struct Batch {
    view: BatchView,
    offsets: Vec<i64>,
    data: Vec<u8>,
    statuses: Vec<u8>,
    message_offsets: Vec<i64>,
    message_data: Vec<u8>,
    first_done: Vec<u8>,
    first_group: Vec<i64>,
    first_id_valid: Vec<u8>,
    first_id_offsets: Vec<i64>,
    first_id_data: Vec<u8>,
    first_amount: Vec<f64>,
}

/// Parse merge rules given as lines "path/to/field<TAB>omitWhenMerged|wholeListMerge". Null if malformed.
///
/// # Safety
/// `text` must point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn painel_merge_rules_new(text: *const u8, len: usize) -> *mut Rules {
    let bytes = slice::from_raw_parts(text, len);
    match std::str::from_utf8(bytes)
        .map_err(|e| e.to_string())
        .and_then(Rules::parse)
    {
        Ok(rules) => Box::into_raw(Box::new(rules)),
        Err(_) => std::ptr::null_mut(),
    }
}

/// # Safety
/// `rules` must come from `painel_merge_rules_new` and not be used again.
#[no_mangle]
pub unsafe extern "C" fn painel_merge_rules_free(rules: *mut Rules) {
    if !rules.is_null() {
        drop(Box::from_raw(rules));
    }
}

/// Compile `groups` ocids. Release i's text is data[offsets[i]..offsets[i + 1]], for i < `texts`; group g holds
/// releases group_starts[g]..group_starts[g + 1] (the last one, up to `texts`). Null if the offsets or group starts
/// are inconsistent (group_starts[0] must be 0, each group non-empty).
///
/// # Safety
/// `offsets` must hold `texts` + 1 values, `data` at least offsets[texts] bytes, `group_starts` `groups` values,
/// and `rules` must come from `painel_merge_rules_new`.
#[no_mangle]
pub unsafe extern "C" fn painel_merge_compile(
    rules: *const Rules,
    offsets: *const i64,
    data: *const u8,
    texts: i64,
    group_starts: *const i64,
    groups: i64,
) -> *mut BatchView {
    if rules.is_null() || texts < 0 || groups < 0 {
        return std::ptr::null_mut();
    }
    let offsets = slice::from_raw_parts(offsets, texts as usize + 1);
    let starts = slice::from_raw_parts(group_starts, groups as usize);
    if !consistent(offsets, starts, texts) {
        return std::ptr::null_mut();
    }
    let data = slice::from_raw_parts(data, offsets[texts as usize] as usize);
    let batch = compile_groups(&*rules, offsets, data, starts, texts as usize);
    Box::into_raw(Box::new(batch)) as *mut BatchView
}

/// # Safety
/// `batch` must come from `painel_merge_compile` and not be used again.
#[no_mangle]
pub unsafe extern "C" fn painel_merge_batch_free(batch: *mut BatchView) {
    if !batch.is_null() {
        drop(Box::from_raw(batch as *mut Batch));
    }
}

fn consistent(offsets: &[i64], starts: &[i64], texts: i64) -> bool {
    let offsets_ascend = offsets[0] >= 0 && offsets.windows(2).all(|pair| pair[0] <= pair[1]);
    let starts_ascend = starts.windows(2).all(|pair| pair[0] < pair[1]);
    let bounded = match (starts.first(), starts.last()) {
        (Some(&first), Some(&last)) => first == 0 && last < texts,
        _ => texts == 0,
    };
    offsets_ascend && starts_ascend && bounded
}

/// Compile every group in order (the C function has checked the arguments).
fn compile_groups(
    rules: &Rules,
    offsets: &[i64],
    data: &[u8],
    starts: &[i64],
    texts: usize,
) -> Batch {
    let mut batch = Batch {
        view: empty_view(),
        offsets: Vec::with_capacity(starts.len() + 1),
        data: Vec::with_capacity(data.len() + 64 * starts.len()), // rarely outgrown: compiled ≤ releases
        statuses: Vec::with_capacity(starts.len()),
        message_offsets: Vec::with_capacity(starts.len() + 1),
        message_data: Vec::new(),
        first_done: Vec::with_capacity(starts.len()),
        first_group: Vec::new(),
        first_id_valid: Vec::new(),
        first_id_offsets: vec![0],
        first_id_data: Vec::new(),
        first_amount: Vec::new(),
    };
    batch.offsets.push(0);
    batch.message_offsets.push(0);
    let mut compiler = Compiler::new(rules);
    let mut group_texts: Vec<&[u8]> = Vec::new();
    for (group, &start) in starts.iter().enumerate() {
        let end = starts.get(group + 1).map_or(texts, |&next| next as usize);
        group_texts.clear();
        group_texts.extend(
            (start as usize..end).map(|i| &data[offsets[i] as usize..offsets[i + 1] as usize]),
        );
        let outcome = compile_one(&mut compiler, &group_texts, &mut batch.data);
        let (status, message) = match outcome {
            Outcome::Compiled => (STATUS_OK, String::new()),
            Outcome::Conflict(reason) => (STATUS_CONFLICT, reason),
            Outcome::Malformed(reason) => (STATUS_ERROR, reason),
        };
        batch.statuses.push(status);
        batch.offsets.push(batch.data.len() as i64);
        batch.message_data.extend_from_slice(message.as_bytes());
        batch.message_offsets.push(batch.message_data.len() as i64);
        let first_values = if status == STATUS_OK {
            compiler.first_values.take()
        } else {
            None
        };
        batch.add_first_values(group, first_values);
    }
    batch.view = BatchView {
        offsets: batch.offsets.as_ptr(),
        data: batch.data.as_ptr(),
        data_len: batch.data.len() as i64,
        statuses: batch.statuses.as_ptr(),
        message_offsets: batch.message_offsets.as_ptr(),
        message_data: batch.message_data.as_ptr(),
        message_len: batch.message_data.len() as i64,
        first_done: batch.first_done.as_ptr(),
        first_rows: batch.first_group.len() as i64,
        first_group: batch.first_group.as_ptr(),
        first_id_valid: batch.first_id_valid.as_ptr(),
        first_id_offsets: batch.first_id_offsets.as_ptr(),
        first_id_data: batch.first_id_data.as_ptr(),
        first_id_len: batch.first_id_data.len() as i64,
        first_amount: batch.first_amount.as_ptr(),
    };
    batch
}

fn empty_view() -> BatchView {
    BatchView {
        offsets: std::ptr::null(),
        data: std::ptr::null(),
        data_len: 0,
        statuses: std::ptr::null(),
        message_offsets: std::ptr::null(),
        message_data: std::ptr::null(),
        message_len: 0,
        first_done: std::ptr::null(),
        first_rows: 0,
        first_group: std::ptr::null(),
        first_id_valid: std::ptr::null(),
        first_id_offsets: std::ptr::null(),
        first_id_data: std::ptr::null(),
        first_id_len: 0,
        first_amount: std::ptr::null(),
    }
}

impl Batch {
    fn add_first_values(&mut self, group: usize, values: Option<Vec<first_values::FirstValue>>) {
        self.first_done.push(values.is_some() as u8);
        for value in values.into_iter().flatten() {
            self.first_group.push(group as i64);
            self.first_id_valid.push(value.contract_id.is_some() as u8);
            self.first_id_data
                .extend_from_slice(value.contract_id.unwrap_or_default().as_bytes());
            self.first_id_offsets.push(self.first_id_data.len() as i64);
            self.first_amount.push(value.amount);
        }
    }
}

/// A bug must not take the caller's process down: a panic becomes an error for that one group.
fn compile_one<'a>(
    compiler: &mut Compiler<'_, 'a>,
    texts: &[&'a [u8]],
    out: &mut Vec<u8>,
) -> Outcome {
    let start = out.len();
    catch_unwind(AssertUnwindSafe(|| compiler.compile(texts, out))).unwrap_or_else(|panic| {
        out.truncate(start); // the next group starts from a clean state anyway
        let reason = match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
            (Some(text), _) => text.to_string(),
            (_, Some(text)) => text.clone(),
            _ => "no message".into(),
        };
        Outcome::Malformed(format!(
            "internal error in the native merge ({reason}); please report it"
        ))
    })
}

/// What a split returns (the caller reads it, then gives it to `painel_split_free`).
#[repr(C)]
pub struct SplitView {
    /// Releases written, one per line.
    pub releases: i64,
    /// The package's other members as one JSON object.
    pub metadata: *const u8,
    pub metadata_len: i64,
    /// Why the package was not split (empty if it was): the caller reads the file another way.
    pub refusal: *const u8,
    pub refusal_len: i64,
}

/// The view first (so a pointer to the split is a pointer to its view), then the memory it points into.
#[repr(C)]
struct SplitResult {
    view: SplitView,
    metadata: Vec<u8>,
    refusal: Vec<u8>,
}

/// Write each element of the release package at path `input` as one line of the file at path `output` (created or
/// truncated). Never null; a refusal says why the package does not qualify (see split.rs).
///
/// # Safety
/// `input` and `output` must point to `input_len` and `output_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn painel_split_package(
    input: *const u8,
    input_len: usize,
    output: *const u8,
    output_len: usize,
) -> *mut SplitView {
    let input = Path::new(OsStr::from_bytes(slice::from_raw_parts(input, input_len)));
    let output = Path::new(OsStr::from_bytes(slice::from_raw_parts(output, output_len)));
    let outcome = catch_unwind(|| split::split_file(input, output))
        .unwrap_or_else(|_| Err("internal error in the native splitter; please report it".into()));
    let (releases, metadata, refusal) = match outcome {
        Ok(split) => (split.releases as i64, split.metadata, Vec::new()),
        Err(reason) => (0, Vec::new(), reason.into_bytes()),
    };
    let mut result = Box::new(SplitResult {
        view: SplitView {
            releases,
            metadata: std::ptr::null(),
            metadata_len: metadata.len() as i64,
            refusal: std::ptr::null(),
            refusal_len: refusal.len() as i64,
        },
        metadata,
        refusal,
    });
    result.view.metadata = result.metadata.as_ptr();
    result.view.refusal = result.refusal.as_ptr();
    Box::into_raw(result) as *mut SplitView
}

/// # Safety
/// `split` must come from `painel_split_package` and not be used again.
#[no_mangle]
pub unsafe extern "C" fn painel_split_free(split: *mut SplitView) {
    if !split.is_null() {
        drop(Box::from_raw(split as *mut SplitResult));
    }
}

/// One Arrow buffer of a leaf extraction.
#[repr(C)]
pub struct BufferView {
    pub data: *const u8,
    pub len: i64,
}

/// What a leaf extraction returns (the caller reads it, then gives it to `painel_leaves_free`).
#[repr(C)]
pub struct LeavesView {
    /// The index of the first text that is not valid JSON (its message in `error`), or -1.
    pub error_index: i64,
    pub error: *const u8,
    pub error_len: i64,
    /// Rows of each table of `painel_leaves_schema`, in its order.
    pub rows: *const i64,
    /// The tables' buffers in schema order (see `leaf_buffers` for each column's).
    pub buffers: *const BufferView,
    pub buffer_count: i64,
}

/// The view first (so a pointer to the result is a pointer to its view), then the memory it points into.
#[repr(C)]
struct LeavesResult {
    view: LeavesView,
    error: Vec<u8>,
    rows: Vec<i64>,
    buffers: Vec<BufferView>,
    extract: Option<leaves::Extract>,
}

/// The `texts` texts given as Arrow-style buffers (text i is data[offsets[i]..offsets[i + 1]]); None if the offsets
/// are negative or descend.
///
/// # Safety
/// `offsets` must hold `texts` + 1 values and `data` at least offsets[texts] bytes.
unsafe fn texts_of<'a>(offsets: *const i64, data: *const u8, texts: i64) -> Option<Vec<&'a [u8]>> {
    if texts < 0 {
        return None;
    }
    let offsets = slice::from_raw_parts(offsets, texts as usize + 1);
    if offsets[0] < 0 || offsets.windows(2).any(|pair| pair[0] > pair[1]) {
        return None;
    }
    let data = slice::from_raw_parts(data, offsets[texts as usize] as usize);
    Some(
        offsets
            .windows(2)
            .map(|pair| &data[pair[0] as usize..pair[1] as usize])
            .collect(),
    )
}

/// The leaf tables' schema (leaves.rs), as lines "table<TAB>column<TAB>kind"; a static NUL-terminated text.
#[no_mangle]
pub extern "C" fn painel_leaves_schema() -> *const u8 {
    static SCHEMA: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            let mut text = String::new();
            for (table, columns) in leaves::SCHEMA {
                for (column, kind) in columns.iter() {
                    text.push_str(&format!("{table}\t{column}\t{kind:?}\n"));
                }
            }
            text.push('\0');
            text.into_bytes()
        })
        .as_ptr()
}

/// The leaf tables of `texts` compiled releases (text i is data[offsets[i]..offsets[i + 1]]). Null if the offsets
/// are inconsistent.
///
/// # Safety
/// `offsets` must hold `texts` + 1 values and `data` at least offsets[texts] bytes.
#[no_mangle]
pub unsafe extern "C" fn painel_leaves_extract(
    offsets: *const i64,
    data: *const u8,
    texts: i64,
) -> *mut LeavesView {
    let Some(bodies) = texts_of(offsets, data, texts) else {
        return std::ptr::null_mut();
    };
    let outcome = catch_unwind(|| leaves::extract(&bodies)).unwrap_or_else(|_| {
        Err((
            0,
            "internal error in the native leaves; please report it".into(),
        ))
    });
    let mut result = Box::new(LeavesResult {
        view: LeavesView {
            error_index: -1,
            error: std::ptr::null(),
            error_len: 0,
            rows: std::ptr::null(),
            buffers: std::ptr::null(),
            buffer_count: 0,
        },
        error: Vec::new(),
        rows: Vec::new(),
        buffers: Vec::new(),
        extract: None,
    });
    match outcome {
        Ok(extract) => {
            for table in &extract.tables {
                result.rows.push(table.rows as i64);
                for column in &table.columns {
                    leaf_buffers(column, &mut result.buffers);
                }
            }
            result.extract = Some(extract); // the buffers point into it: moving the Vecs keeps their memory
        }
        Err((index, message)) => {
            result.view.error_index = index as i64;
            result.error = message.into_bytes();
        }
    }
    result.view.error = result.error.as_ptr();
    result.view.error_len = result.error.len() as i64;
    result.view.rows = result.rows.as_ptr();
    result.view.buffers = result.buffers.as_ptr();
    result.view.buffer_count = result.buffers.len() as i64;
    Box::into_raw(result) as *mut LeavesView
}

/// Add a buffer view of `bytes` to `out` (it points into them: they must outlive the view).
fn view(bytes: &[u8], out: &mut Vec<BufferView>) {
    out.push(BufferView {
        data: bytes.as_ptr(),
        len: bytes.len() as i64,
    });
}

/// Add a view of the bytes of `values` (integers).
fn ints<T>(values: &[T], out: &mut Vec<BufferView>) {
    let bytes =
        unsafe { slice::from_raw_parts(values.as_ptr() as *const u8, std::mem::size_of_val(values)) };
    view(bytes, out);
}

/// Add the three buffers of Arrow utf8 strings: validity, int32 offsets, data.
fn utf8(strings: &leaves::Strings, out: &mut Vec<BufferView>) {
    view(&strings.valid.bytes, out);
    ints(&strings.offsets, out);
    view(&strings.data, out);
}

/// A column's buffers: integers (validity, int64 values), booleans (validity, bits), texts (validity, int32
/// offsets, data), leaves (validity, then t and v as texts), lists (validity, int32 offsets, then the leaves).
fn leaf_buffers(column: &leaves::Column, out: &mut Vec<BufferView>) {
    fn leaf_columns(leaves: &leaves::Leaves, out: &mut Vec<BufferView>) {
        view(&leaves.valid.bytes, out);
        utf8(&leaves.types, out);
        utf8(&leaves.values, out);
    }
    match column {
        leaves::Column::Ints { valid, values } => {
            view(&valid.bytes, out);
            ints(values, out);
        }
        leaves::Column::Bools { valid, values } => {
            view(&valid.bytes, out);
            view(&values.bytes, out);
        }
        leaves::Column::Texts(strings) => utf8(strings, out),
        leaves::Column::Leaves(leaves) => leaf_columns(leaves, out),
        leaves::Column::Lists {
            valid,
            offsets,
            leaves,
        } => {
            view(&valid.bytes, out);
            ints(offsets, out);
            leaf_columns(leaves, out);
        }
    }
}

/// # Safety
/// `leaves` must come from `painel_leaves_extract` and not be used again.
#[no_mangle]
pub unsafe extern "C" fn painel_leaves_free(leaves: *mut LeavesView) {
    if !leaves.is_null() {
        drop(Box::from_raw(leaves as *mut LeavesResult));
    }
}

/// What a fields extraction returns (the caller reads it, then gives it to `painel_fields_free`): `count` buffers,
/// in this order: the statuses (a byte per text: fields::NOT_PLAIN, PLAIN or QUALIFIES); ocid, release id and date
/// (each: validity, int32 offsets, data); the tag lists (validity, int32 offsets, then the tags' validity, int32
/// offsets, data).
#[repr(C)]
pub struct FieldsView {
    pub buffers: *const BufferView,
    pub count: i64,
}

#[repr(C)]
struct FieldsResult {
    view: FieldsView,
    buffers: Vec<BufferView>,
    fields: fields::Fields,
}

/// The fields of `texts` JSON lines (text i is data[offsets[i]..offsets[i + 1]]). Null if the offsets are
/// inconsistent or the extraction failed.
///
/// # Safety
/// `offsets` must hold `texts` + 1 values and `data` at least offsets[texts] bytes.
#[no_mangle]
pub unsafe extern "C" fn painel_fields_extract(
    offsets: *const i64,
    data: *const u8,
    texts: i64,
) -> *mut FieldsView {
    let Some(bodies) = texts_of(offsets, data, texts) else {
        return std::ptr::null_mut();
    };
    let Ok(fields) = catch_unwind(|| fields::extract(&bodies)) else {
        return std::ptr::null_mut();
    };
    let mut result = Box::new(FieldsResult {
        view: FieldsView {
            buffers: std::ptr::null(),
            count: 0,
        },
        buffers: Vec::new(),
        fields,
    });
    let fields = &result.fields;
    let mut buffers = Vec::new();
    view(&fields.statuses, &mut buffers);
    for strings in [&fields.ocid, &fields.release_id, &fields.date] {
        utf8(strings, &mut buffers);
    }
    view(&fields.tag_valid.bytes, &mut buffers);
    ints(&fields.tag_offsets, &mut buffers);
    utf8(&fields.tags, &mut buffers);
    result.buffers = buffers; // they point into result.fields, whose Vecs keep their memory when moved
    result.view.buffers = result.buffers.as_ptr();
    result.view.count = result.buffers.len() as i64;
    Box::into_raw(result) as *mut FieldsView
}

/// # Safety
/// `fields` must come from `painel_fields_extract` and not be used again.
#[no_mangle]
pub unsafe extern "C" fn painel_fields_free(fields: *mut FieldsView) {
    if !fields.is_null() {
        drop(Box::from_raw(fields as *mut FieldsResult));
    }
}

/// An empty set of indexed JSON lines files (give it to `painel_lines_free` when done).
#[no_mangle]
pub extern "C" fn painel_lines_new() -> *mut lines::LineSet {
    Box::into_raw(Box::default())
}

/// Index the file at `path` after the files already added; return its number of lines, or -1 if it cannot be read.
///
/// # Safety
/// `set` must come from `painel_lines_new`, `path` point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn painel_lines_add(
    set: *mut lines::LineSet,
    path: *const u8,
    len: usize,
) -> i64 {
    let path = Path::new(OsStr::from_bytes(slice::from_raw_parts(path, len)));
    match catch_unwind(AssertUnwindSafe(|| (*set).add(path))) {
        Ok(Ok(count)) => count as i64,
        _ => -1,
    }
}

/// Write the byte length of each of the `count` given lines to `lengths`; -1 if a line number is out of range.
///
/// # Safety
/// `set` must come from `painel_lines_new`; `lines` and `lengths` must hold `count` values.
#[no_mangle]
pub unsafe extern "C" fn painel_lines_lengths(
    set: *const lines::LineSet,
    lines: *const i64,
    count: i64,
    lengths: *mut i64,
) -> i32 {
    let lines = slice::from_raw_parts(lines, count as usize);
    let lengths = slice::from_raw_parts_mut(lengths, count as usize);
    for (line, length) in lines.iter().zip(lengths.iter_mut()) {
        match usize::try_from(*line)
            .ok()
            .and_then(|line| (*set).length(line))
        {
            Some(bytes) => *length = bytes as i64,
            None => return -1,
        }
    }
    0
}

/// Read the `count` given lines one after another into `out`: line i at out[offsets[i]..offsets[i + 1]], where
/// the offsets are those `painel_lines_lengths` gives (starting at 0). -1 if a file cannot be read.
///
/// # Safety
/// `set` must come from `painel_lines_new`; `lines` must hold `count` values and `offsets` `count` + 1 made from
/// their lengths; `out` must have offsets[count] writable bytes.
#[no_mangle]
pub unsafe extern "C" fn painel_lines_read(
    set: *const lines::LineSet,
    lines: *const i64,
    count: i64,
    offsets: *const i64,
    out: *mut u8,
) -> i32 {
    let lines = slice::from_raw_parts(lines, count as usize);
    let offsets = slice::from_raw_parts(offsets, count as usize + 1);
    let out = slice::from_raw_parts_mut(out, offsets[count as usize] as usize);
    let Ok(lines) = lines
        .iter()
        .map(|&line| usize::try_from(line).ok().filter(|&line| line < (*set).len()).ok_or(()))
        .collect::<Result<Vec<usize>, ()>>()
    else {
        return -1;
    };
    let offsets: Vec<usize> = offsets.iter().map(|&offset| offset as usize).collect();
    match (*set).read_many(&lines, &offsets, out) {
        Ok(()) => 0,
        Err(_) => -1,
    }
}

/// # Safety
/// `set` must come from `painel_lines_new` and not be used again.
#[no_mangle]
pub unsafe extern "C" fn painel_lines_free(set: *mut lines::LineSet) {
    if !set.is_null() {
        drop(Box::from_raw(set));
    }
}
