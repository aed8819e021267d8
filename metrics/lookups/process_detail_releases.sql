-- process_detail (part=releases): the timeline of releases of one process, oldest first, with their source.
SELECT r.release_id, r.date, r.tag, s.location AS source, s.fetched_at
FROM releases AS r
LEFT JOIN sources AS s USING (source_id)
WHERE r.ocid = $ocid
ORDER BY r.date, r.seq;
