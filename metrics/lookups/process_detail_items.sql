-- process_detail (part=items): items of the tender, awards and contracts of one process.
SELECT stage, parent_id, item_id, description, classification_scheme, classification_id, quantity, unit_name,
    unit_value, currency
FROM items
WHERE ocid = $ocid
ORDER BY stage DESC, parent_id, item_id;
