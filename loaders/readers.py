"""Read every shape of published OCDS as a stream of releases and compiled releases.

Shapes (all occur in real data): release packages, record packages (compiledRelease and/or releases, including
linked-release stubs), bare releases, JSON arrays of packages or releases, JSON lines, concatenated JSON, `.gz` and
`.zip`, OCDS 1.0 and 1.1 mixed. Packages are streamed item by item with ijson, so a 2 GB package is never held in
memory; JSON lines are parsed line by line with orjson, which is several times faster.

ocdskit (format detection, the 1.0 → 1.1 upgrade) is imported where a document is read here, not with the module:
it imports ocdsmerge, jsonref and requests (0.1 s), and the loader's fast paths (fastlines.py, fastpackage.py),
which use this module's documents and package metadata, never need it.
"""

from __future__ import annotations

import gzip
import hashlib
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import ijson
import orjson

from loaders.errors import NotOCDSError, SourceError

JSON_SUFFIXES = (".json", ".jsonl", ".ndjson", ".geojson", ".txt")
ARCHIVE_SUFFIXES = (".gz", ".zip")
PACKAGE_METADATA = ("uri", "version", "publishedDate", "license", "publicationPolicy")


@dataclass
class Document:
    """One JSON document: a file, an archive member or a downloaded page. `open` can be called more than once."""

    name: str
    open: Callable[[], IO[bytes]]
    in_folder: bool = False  # found by walking a folder: a non-OCDS JSON file there is skipped, not an error
    skip_reason: str | None = None  # set for a named file that is not JSON at all (e.g. a README beside the data)
    path: Path | None = None  # a plain file DuckDB can read itself (see loaders/fastlines.py)


@dataclass
class PackageMeta:
    publisher: str | None = None
    license: str | None = None
    version: str | None = None
    next_url: str | None = None


@dataclass
class ReadStats:
    releases: int = 0
    records: int = 0
    compiled: int = 0
    skipped: Counter = field(default_factory=Counter)
    publisher: str | None = None
    license: str | None = None


@dataclass
class Item:
    """An OCDS object ready to store: kind is 'release' (merge it) or 'compiled' (use it as published)."""

    kind: str
    data: dict[str, Any]


def local_documents(path: Path, *, in_folder: bool = False) -> Iterator[Document]:
    """Yield the JSON documents in a file, folder (recursive, sorted) or archive."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.name.lower().endswith(JSON_SUFFIXES + ARCHIVE_SUFFIXES):
                yield from local_documents(child, in_folder=True)
        return
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder. Check the path and try again.")
    name = path.name.lower()
    if name.endswith(".zip"):
        yield from zip_documents(path, in_folder)
    elif name.endswith(".gz"):
        yield Document(str(path), lambda: gzip.open(path, "rb"), in_folder)
    elif name.endswith(JSON_SUFFIXES):
        yield Document(str(path), lambda: open(path, "rb"), in_folder, path=path)
    else:
        yield Document(
            str(path), lambda: open(path, "rb"), in_folder, "file not named as JSON (.json, .jsonl, .gz, .zip)"
        )


def zip_documents(path: Path, in_folder: bool) -> Iterator[Document]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise SourceError(f"{path}: not a readable ZIP archive ({error}). Re-download the file.") from error
    for member in sorted(archive.namelist()):
        if member.lower().endswith(JSON_SUFFIXES) and not member.endswith("/"):
            yield Document(f"{path}!{member}", lambda member=member: archive.open(member), in_folder)


def document_sha256(document: Document) -> str:
    """Hash a document's bytes (a fast pass; it lets a load skip a source it has already loaded)."""
    digest = hashlib.sha256()
    with document.open() as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_document(document: Document, stats: ReadStats, *, compiled: bool = False) -> Iterator[Item]:
    """Yield the releases and compiled releases of one document, updating `stats`. Raises SourceError."""
    try:
        yield from _read_document(document, stats, compiled=compiled)
    except (
        ijson.JSONError,
        orjson.JSONDecodeError,
        UnicodeDecodeError,
        EOFError,
        OSError,
        zipfile.BadZipFile,
    ) as error:
        raise SourceError(
            f"{document.name}: malformed JSON ({error}). Check that the file is complete and valid JSON "
            "(for example with `python -m json.tool`), then load it again."
        ) from error


def _read_document(document: Document, stats: ReadStats, *, compiled: bool) -> Iterator[Item]:
    from ocdskit.exceptions import UnknownFormatError
    from ocdskit.util import Format, detect_format

    with document.open() as stream:
        if not stream.read(4096).strip():
            raise SourceError(f"{document.name}: the file is empty. Remove it or replace it with OCDS JSON.")
    if is_json_lines(document):
        yield from lines_items(document, stats, compiled=compiled)
        return
    try:
        fmt, concatenated, is_array = detect_format(document.name, reader=lambda _path, _mode: document.open())
    except UnknownFormatError as error:
        raise NotOCDSError(
            f"{document.name}: this is not OCDS ({error}). Expected a release package, record package, release, "
            "record, or JSON lines of releases."
        ) from error
    if compiled and fmt in (Format.release, Format.versioned_release, Format.compiled_release):
        fmt = Format.compiled_release
    with document.open() as buffered:
        if concatenated or is_array:
            prefix = "item" if is_array and not concatenated else ""
            for value in ijson.items(buffered, prefix, multiple_values=True, use_float=True):
                yield from value_items(document, value, stats, compiled=compiled)
        elif fmt in (Format.release_package, Format.record_package, Format.empty_package):
            key = "releases" if fmt == Format.release_package else "records"
            yield from streamed_package_items(document, buffered, key, stats)
        else:
            for value in ijson.items(buffered, "", use_float=True):
                yield from value_items(document, value, stats, compiled=compiled)


def is_json_lines(document: Document) -> bool:
    """Whether the document is JSON lines: its first line is one complete JSON object, and so is the next."""
    with document.open() as stream:
        first = stream.readline(1 << 24).strip()
        second = stream.readline(1 << 24).strip()
    if not first.startswith(b"{"):
        return False
    try:
        orjson.loads(first)
    except orjson.JSONDecodeError:
        return False
    return not second or second.startswith(b"{")


def lines_items(document: Document, stats: ReadStats, *, compiled: bool) -> Iterator[Item]:
    with document.open() as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                value = orjson.loads(line)
            except orjson.JSONDecodeError as error:
                raise SourceError(
                    f"{document.name}, line {number}: malformed JSON ({error}). Fix or remove that line and load "
                    "the file again."
                ) from error
            yield from value_items(document, value, stats, compiled=compiled)


def streamed_package_items(document: Document, stream: IO[bytes], key: str, stats: ReadStats) -> Iterator[Item]:
    """Stream a single package: metadata first (a cheap event pass), then its `key` ("releases" or "records") one
    by one."""
    meta = package_metadata(document)
    _remember_metadata(stats, meta)
    version = meta.version or "1.0"
    for value in ijson.items(stream, f"{key}.item", use_float=True):
        if key == "releases":
            yield from release_item(document, value, version, stats)
        else:
            yield from record_items(document, value, version, stats)


def package_metadata(document: Document) -> PackageMeta:
    """Read a package's top-level metadata (and `links.next`) without building its releases."""
    meta = PackageMeta()
    with document.open() as stream:
        for prefix, event, value in ijson.parse(stream, multiple_values=True):
            if event in ("start_map", "end_map", "map_key", "start_array", "end_array"):
                continue
            if prefix == "version":
                meta.version = value
            elif prefix == "license":
                meta.license = value
            elif prefix == "publisher.name":
                meta.publisher = value
            elif prefix == "links.next":
                meta.next_url = value
    return meta


def _remember_metadata(stats: ReadStats, meta: PackageMeta) -> None:
    stats.publisher = stats.publisher or meta.publisher
    stats.license = stats.license or meta.license


def value_items(document: Document, value: Any, stats: ReadStats, *, compiled: bool) -> Iterator[Item]:
    """Dispatch one parsed JSON value by its shape."""
    from ocdskit.util import get_ocds_minor_version

    if isinstance(value, list):
        for entry in value:
            yield from value_items(document, entry, stats, compiled=compiled)
        return
    if not isinstance(value, dict):
        raise SourceError(
            f"{document.name}: found a JSON {type(value).__name__} where an OCDS object was expected. "
            "Check that this is an OCDS file."
        )
    if "records" in value:
        meta = _meta_of(value)
        _remember_metadata(stats, meta)
        for record in value.get("records") or []:
            yield from record_items(document, record, meta.version or "1.0", stats)
    elif "releases" in value and "ocid" not in value:
        meta = _meta_of(value)
        _remember_metadata(stats, meta)
        for release in value.get("releases") or []:
            yield from release_item(document, release, meta.version or "1.0", stats)
    elif "releases" in value or "compiledRelease" in value:
        yield from record_items(document, value, get_ocds_minor_version(value), stats)
    elif compiled or is_compiled(value):
        stats.compiled += 1
        yield Item("compiled", value)
    elif "ocid" in value or "date" in value:
        yield from release_item(document, value, get_ocds_minor_version(value), stats)
    elif any(key in value for key in ("uri", "publisher", "publishedDate", "version")):
        return  # an empty package: a page with no releases is not an error
    else:
        raise NotOCDSError(
            f"{document.name}: a JSON object that is not OCDS (keys: {', '.join(list(value)[:8])}). Expected "
            "releases, records or packages."
        )


def _meta_of(package: dict) -> PackageMeta:
    publisher = package.get("publisher")
    name = publisher.get("name") if isinstance(publisher, dict) else None
    links = package.get("links")
    next_url = links.get("next") if isinstance(links, dict) else None
    return PackageMeta(name or None, package.get("license"), package.get("version"), next_url)


def is_compiled(value: dict) -> bool:
    tag = value.get("tag")
    return isinstance(tag, list) and "compiled" in tag


def release_item(document: Document, release: Any, version: str, stats: ReadStats) -> Iterator[Item]:
    from ocdskit.upgrade import upgrade_release_10_11
    from ocdskit.util import is_linked_release

    if not isinstance(release, dict):
        stats.skipped["release that is not a JSON object"] += 1
        return
    if is_linked_release(release):
        stats.skipped["linked release (only a URL; its content is not in the file)"] += 1
        return
    stats.releases += 1
    if not release.get("ocid"):
        stats.skipped["release without ocid"] += 1
        return
    if not isinstance(release.get("date"), str):
        stats.skipped["release without a date (cannot be ordered for merging)"] += 1
        return
    if version == "1.0":
        upgrade_release_10_11(release, reorder=False)
    yield Item("release", release)


def record_items(document: Document, record: Any, version: str, stats: ReadStats) -> Iterator[Item]:
    if not isinstance(record, dict) or not record.get("ocid"):
        stats.skipped["record without ocid"] += 1
        return
    stats.records += 1
    for release in record.get("releases") or []:
        yield from release_item(document, release, version, stats)
    compiled = record.get("compiledRelease")
    if isinstance(compiled, dict):
        if version == "1.0":
            from ocdskit.upgrade import upgrade_release_10_11

            upgrade_release_10_11(compiled, reorder=False)
        compiled.setdefault("ocid", record["ocid"])
        stats.compiled += 1
        yield Item("compiled", compiled)
