-- process_detail (part=contracts): the contracts of one process, with amendments and payments.
SELECT contract_id, award_id, status, title, date_signed, period_start, period_end, value, currency,
    in_main_currency, amendments, paid_value, transactions
FROM contracts
WHERE ocid = $ocid
ORDER BY date_signed NULLS LAST, contract_id;
