"""Write what is loaded for one publisher as an OCDS 1.1 publication: release packages and a record package.

The releases are written as loaded (for PNCP: as converted), in ocid and date order, `releases-0001.json`, ... with
at most `per_file` releases each. `records.json` holds one record per ocid: its releases linked by URL (into the
release package files) and its compiled release (merged by the loader exactly as ocdskit compile does).
Packages list no extensions: everything PNCP-specific sits in core fields or `details` objects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import duckdb

from loaders.errors import LoaderError

VERSION = "1.1"

RELEASES_SQL = """
SELECT r.ocid, r.release_id, r.data
FROM releases AS r
JOIN sources AS s USING (source_id)
WHERE s.publisher = $publisher
  AND ($prefix IS NULL OR starts_with(r.ocid, $prefix || '-'))
ORDER BY r.ocid, r.date, r.seq
"""

COMPILED_SQL = """
SELECT c.ocid, c.data
FROM compiled_releases AS c
WHERE c.ocid IN (SELECT UNNEST($ocids))
ORDER BY c.ocid
"""


@dataclass
class ExportReport:
    files: list[Path] = field(default_factory=list)
    releases: int = 0
    records: int = 0

    def summary(self) -> str:
        names = ", ".join(p.name for p in self.files)
        return f"releases: {self.releases}  records: {self.records}  files: {names}"


@dataclass(frozen=True)
class Publication:
    publisher: str
    license: str | None = None
    ocid_prefix: str | None = None  # only ocids starting with it; None: every ocid of the publisher
    base_uri: str | None = None  # where the files will be published; default: the output folder as file:// URI
    published_date: str | None = None  # RFC 3339; default: now
    per_file: int = 10_000


def export_publication(con: duckdb.DuckDBPyConnection, out_dir: str | Path, publication: Publication) -> ExportReport:
    out = Path(out_dir)
    rows = con.execute(RELEASES_SQL, {"publisher": publication.publisher, "prefix": publication.ocid_prefix}).fetchall()
    if not rows:
        raise LoaderError(nothing_to_export(con, publication))
    out.mkdir(parents=True, exist_ok=True)
    base = (publication.base_uri or out.resolve().as_uri()).rstrip("/")
    published = publication.published_date or datetime.now(UTC).replace(microsecond=0).isoformat()
    report = ExportReport(releases=len(rows))
    links: dict[str, list[dict]] = {}
    for number, start in enumerate(range(0, len(rows), publication.per_file), start=1):
        name = f"releases-{number:04d}.json"
        chunk = [json.loads(data) for _, _, data in rows[start : start + publication.per_file]]
        package = package_metadata(f"{base}/{name}", publication, published) | {"releases": chunk}
        report.files.append(write_json(out / name, package))
        for release in chunk:
            links.setdefault(release["ocid"], []).append(linked_release(f"{base}/{name}", release))
    records = [
        {"ocid": ocid, "releases": links[ocid], "compiledRelease": json.loads(data)}
        for ocid, data in con.execute(COMPILED_SQL, {"ocids": list(links)}).fetchall()
    ]
    package = package_metadata(f"{base}/records.json", publication, published) | {
        "packages": [f"{base}/releases-{n:04d}.json" for n in range(1, len(report.files) + 1)],
        "records": records,
    }
    report.files.append(write_json(out / "records.json", package))
    report.records = len(records)
    return report


def package_metadata(uri: str, publication: Publication, published: str) -> dict:
    metadata = {
        "uri": uri,
        "version": VERSION,
        "publishedDate": published,
        "publisher": {"name": publication.publisher},
    }
    if publication.license:
        metadata["license"] = publication.license
    return metadata


def linked_release(package_uri: str, release: dict) -> dict:
    link = {"url": f"{package_uri}#{quote(release['id'], safe='')}", "date": release["date"]}
    if release.get("tag"):
        link["tag"] = release["tag"]
    return link


def write_json(path: Path, data: dict) -> Path:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(path)
    return path


def nothing_to_export(con: duckdb.DuckDBPyConnection, publication: Publication) -> str:
    publishers = [p for (p,) in con.execute("SELECT DISTINCT publisher FROM sources ORDER BY 1").fetchall() if p]
    prefix = f" with ocids starting {publication.ocid_prefix!r}" if publication.ocid_prefix else ""
    return (
        f"no releases loaded for publisher {publication.publisher!r}{prefix}. Load them first "
        f"(python -m loaders pncp --from AAAA-MM-DD), or choose --publisher among: {', '.join(publishers) or 'none'}."
    )
