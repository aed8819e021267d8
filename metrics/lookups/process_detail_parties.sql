-- process_detail (part=parties): the parties of one process.
SELECT org_id, name, roles, scale, locality, region, postal_code, country, party_id
FROM parties
WHERE ocid = $ocid
ORDER BY name;
