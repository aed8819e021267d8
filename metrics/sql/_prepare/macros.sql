-- The label a row is grouped under, chosen by the bound `group_by` parameter (never formatted into SQL).
CREATE OR REPLACE TEMP MACRO group_key(group_by, period_date, secretariat, supplier, procedure_type, category, publisher) AS
    CASE group_by
        WHEN 'month' THEN strftime(period_date, '%Y-%m')
        WHEN 'secretariat' THEN secretariat
        WHEN 'supplier' THEN supplier
        WHEN 'procedure_type' THEN procedure_type
        WHEN 'category' THEN category
        WHEN 'publisher' THEN publisher
        ELSE 'total'
    END;
