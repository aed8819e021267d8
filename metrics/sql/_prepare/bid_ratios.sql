-- Cardinal's "second-lowest bid ratio" (used by R024 and R058): for a process whose awards are all final, with
-- exactly one active award to exactly one supplier, and whose bids compare on price: among valid bids by a
-- single tenderer in the main currency, the winner's lowest bid and the lowest bid of any other tenderer (the
-- first in published order on a tie). ratio = (lowest other - winner) / winner, kept only when the winner's bid
-- is the lowest (else the award criteria were not price only).
CREATE OR REPLACE TEMP TABLE bid_ratios AS
WITH eligible AS (
    SELECT
        a.ocid,
        a.supplier_ids[1] AS winner
    FROM flag_awards AS a
    INNER JOIN flag_processes AS p USING (ocid)
    WHERE a.status = 'active'
        AND a.all_final
        AND a.active_awards = 1
        AND a.has_suppliers
        AND a.supplier_count = 1
        AND a.first_supplier_has_id
        AND p.has_bids
        AND p.price_comparison
),

valid_bids AS (
    SELECT
        b.ocid,
        b.position,
        b.amount,
        b.tenderer_ids[1] AS tenderer,
        e.winner
    FROM flag_bids AS b
    INNER JOIN eligible AS e USING (ocid)
    INNER JOIN flag_processes AS p USING (ocid)
    WHERE b.status = 'valid'
        AND b.amount IS NOT NULL
        AND b.currency = p.currency
        AND b.tenderer_count = 1
        AND len(b.tenderer_ids) = 1
),

sides AS (
    SELECT
        ocid,
        MIN(amount) FILTER (WHERE tenderer = winner) AS winner_amount,
        ANY_VALUE(winner) AS winner,
        MIN(amount) FILTER (WHERE tenderer <> winner) AS other_amount,
        ARG_MIN(tenderer, (amount, position)) FILTER (WHERE tenderer <> winner) AS other
    FROM valid_bids
    GROUP BY ocid
)

SELECT
    ocid,
    winner,
    other AS lowest_non_winner,
    (other_amount - winner_amount) / winner_amount AS ratio
FROM sides
WHERE winner_amount IS NOT NULL AND other_amount IS NOT NULL AND other_amount >= winner_amount;
