-- Macros every metric may use.

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

-- The tau-th quantile of a list sorted in ascending order, by the R-8 rule (Hyndman & Fan) that Cardinal uses (Rust
-- crate statrs, OrderStatistics::quantile), so that red-flag fences match Cardinal's: h = (n + 1/3) tau + 1/3,
-- interpolating between the floor(h)-th and next values; min below the range, max above it. The caller sorts the
-- list once (list_sort, in a column of its own): a macro's argument is an expression copied to every place that
-- reads it, and a sort in here ran three times per quantile (R024 sorted 135k ratios twelve times at 1M processes).
-- h is computed once, as the one element of a list a lambda reads: written out six times, four quantiles took
-- 8.4 ms to plan, against 5.3.
CREATE OR REPLACE TEMP MACRO quantile_r8(sorted, tau) AS
    list_transform([(len(sorted) + 1 / 3) * tau + 1 / 3], lambda h:
        CASE
            WHEN len(sorted) = 0 THEN NULL
            WHEN floor(h) <= 0 OR tau = 0 THEN list_min(sorted)
            WHEN floor(h) >= len(sorted) OR tau = 1 THEN list_max(sorted)
            ELSE sorted[floor(h)::INTEGER]
                + (h - floor(h)) * (sorted[floor(h)::INTEGER + 1] - sorted[floor(h)::INTEGER])
        END
    )[1];

-- Monday–Friday days after start_day up to end_day (the first day left out, as Lei 14.133 art. 183 counts; holidays
-- are not known), zero when end_day is not after start_day. In closed form (five per whole week, plus the weekdays
-- among the days left over), so that no series of days is generated per process.
CREATE OR REPLACE TEMP MACRO weekdays_after(start_day, end_day) AS
    CASE WHEN end_day <= start_day THEN 0 ELSE
        (end_day - start_day) // 7 * 5
        + len(list_filter(range(1, (end_day - start_day) % 7 + 1), lambda k: (isodow(start_day) + k - 1) % 7 < 5))
    END;

-- Days (with fractions) from one instant to another; negative when the dates are out of order.
CREATE OR REPLACE TEMP MACRO days_between(start_at, end_at) AS (EPOCH(end_at) - EPOCH(start_at)) / 86400.0;

-- The first quartile, median and third quartile of the durations at or above zero, as one aggregate: one list of
-- quantiles sorts the values once, where three quantile aggregates sorted them three times (81 -> 60 ms at 1M).
CREATE OR REPLACE TEMP MACRO duration_quartiles(days) AS QUANTILE_CONT(days, [0.25, 0.5, 0.75]) FILTER (WHERE days >= 0);

-- What every cycle time reports per group, as a struct of aggregates to UNNEST in a grouped SELECT, so the three
-- cycle times cannot drift apart: mean, median and quartiles of the durations at or above zero and their count
-- (`processes`); negative durations (dates out of order, a data error) are counted apart in `invalid`, not averaged.
-- DuckDB computes the three identical duration_quartiles aggregates once.
CREATE OR REPLACE TEMP MACRO duration_summary(days) AS {
    'mean': AVG(days) FILTER (WHERE days >= 0),
    'median': (duration_quartiles(days))[2],
    'p25': (duration_quartiles(days))[1],
    'p75': (duration_quartiles(days))[3],
    'processes': COUNT(*) FILTER (WHERE days >= 0),
    'invalid': COUNT(*) FILTER (WHERE days < 0)
};

-- A status as Cardinal's `prepare` maps it ([codelists.*_status] in the settings: keys and their values); a status
-- not in the codelist is kept as published.
CREATE OR REPLACE TEMP MACRO mapped_status(status, codes, mapped) AS
    CASE WHEN status IS NOT NULL THEN COALESCE(mapped[list_position(codes, status)], status) END;
