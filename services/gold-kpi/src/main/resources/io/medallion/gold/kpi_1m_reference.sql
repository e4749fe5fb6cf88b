-- kpi_1m_reference.sql: gold.kpi_1m computed independently, by SQL over the source rows of
-- shop.web_events in PostgreSQL (14 or later). It re-implements, without sharing any code,
-- what the pipeline does: silver-enricher's validity rules for web_events
-- (services/silver-enricher Entities.webEvents, issue 5), its first-wins deduplication by
-- event_id, and gold-kpi's windows and KPI definitions (DESIGN.md section 6), minus the events
-- gold-kpi reported on gold.late_events. One row per window with at least one counted event.
--
-- Inputs, besides shop.web_events: four session tables the caller fills (KpiReferenceQuery
-- does it from the JVM, so the code lists are exactly the ones silver-enricher's JVM accepts):
--   gold_ref_params(window_size interval, max_future_skew interval)  -- exactly one row
--   gold_ref_late_events(event_id text)   -- event ids found on gold.late_events
--   gold_ref_currencies(code text)        -- java.util.Currency.getAvailableCurrencies() codes
--   gold_ref_countries(code text)         -- java.util.Locale.getISOCountries()
--
-- Requires track_commit_timestamp = on: silver's "ts not more than 5 minutes in the future"
-- is measured against the source commit time (Debezium source.ts_ms), which PostgreSQL only
-- remembers per transaction with that setting.
--
-- Known differences, all outside what the load generator produces:
--   * "blank" is ASCII whitespace here; Java's String.isBlank also counts a few Unicode
--     spaces.
--   * First wins by id (insert order); silver sees rows in capture (commit) order, which
--     differs only for duplicates committed concurrently, and remembers event ids for its
--     dedup retention (1 hour of event time), so copies further apart are both counted there.
--   * Rows read by the initial snapshot carry the snapshot time as their commit time in
--     silver; here they carry their true commit time.
--   * Updated or deleted rows are counted as they are now, not as they were first captured.
WITH params AS (
    SELECT window_size, max_future_skew FROM gold_ref_params
),
source_rows AS (
    SELECT e.*,
           pg_xact_commit_timestamp(e.xmin) AS committed_at,
           -- Java's String.trim(): strips characters up to U+0020 at both ends.
           regexp_replace(e.product_id, '^[\x01-\x20]+|[\x01-\x20]+$', '', 'g') AS product_id_trimmed
    FROM shop.web_events e
),
valid AS (
    SELECT lower(r.event_id) AS event_key, r.id, r.user_id, r.event_type, r.price, r.quantity, r.ts
    FROM source_rows r, params p
    WHERE
        -- event_id: required, 8-4-4-4-12 hexadecimal, any case (deduplicated in lower case)
        r.event_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
        -- user_id: required (not blank)
        AND r.user_id ~ '[^[:space:]]'
        -- event_type: required, exactly one of the silver EventType symbols
        AND r.event_type IN ('page_view', 'add_to_cart', 'purchase')
        -- product_id: optional; when not blank, a positive whole number that fits a long
        AND (r.product_id IS NULL OR r.product_id !~ '[^[:space:]]'
             OR CASE WHEN r.product_id_trimmed ~ '^[0-9]{1,19}$'
                     THEN r.product_id_trimmed::numeric BETWEEN 1 AND 9223372036854775807
                     ELSE false END)
        -- price: optional; decimal(12,2) (at most 2 decimals once trailing zeros are dropped,
        -- at most 10 digits before the point) and not negative. NaN and infinities fail.
        AND (r.price IS NULL
             OR (r.price >= 0 AND abs(r.price) < 1e10 AND scale(trim_scale(r.price)) <= 2))
        -- quantity: optional, not negative
        AND (r.quantity IS NULL OR r.quantity >= 0)
        -- currency: optional; when not blank, an ISO 4217 code as written
        AND (r.currency IS NULL OR r.currency !~ '[^[:space:]]'
             OR r.currency IN (SELECT code FROM gold_ref_currencies))
        -- purchases: price and quantity required and positive, currency required
        AND (r.event_type <> 'purchase'
             OR (r.price > 0 AND r.quantity > 0 AND r.currency ~ '[^[:space:]]'))
        -- ts: required, at most max_future_skew after the commit, compared in milliseconds
        AND r.ts IS NOT NULL
        AND date_trunc('milliseconds', r.ts) - date_trunc('milliseconds', r.committed_at) <= p.max_future_skew
        -- country: optional; when not blank, an ISO 3166-1 alpha-2 code as written
        AND (r.country IS NULL OR r.country !~ '[^[:space:]]'
             OR r.country IN (SELECT code FROM gold_ref_countries))
),
first_copies AS (
    SELECT DISTINCT ON (event_key) *
    FROM valid
    ORDER BY event_key, id
),
counted AS (
    SELECT f.*,
           -- Tumbling windows aligned to the UTC epoch, by event time (ms precision, floor).
           date_bin(p.window_size, date_trunc('milliseconds', f.ts), TIMESTAMPTZ '1970-01-01 00:00:00+00') AS window_start
    FROM first_copies f, params p
    WHERE NOT EXISTS (SELECT 1 FROM gold_ref_late_events l WHERE lower(l.event_id) = f.event_key)
),
per_window AS (
    SELECT window_start,
           count(*) FILTER (WHERE event_type = 'purchase')                              AS orders,
           coalesce(sum(price * quantity) FILTER (WHERE event_type = 'purchase'), 0)    AS gmv,
           count(DISTINCT user_id) FILTER (WHERE event_type = 'purchase')               AS purchase_users,
           count(DISTINCT user_id) FILTER (WHERE event_type = 'page_view')              AS view_users,
           count(DISTINCT user_id)                                                      AS active_users,
           count(*)                                                                     AS events,
           count(*) FILTER (WHERE event_type = 'page_view')                             AS page_views,
           count(*) FILTER (WHERE event_type = 'add_to_cart')                           AS add_to_carts
    FROM counted
    GROUP BY window_start
)
SELECT w.window_start,
       w.window_start + p.window_size                                                   AS window_end,
       w.orders,
       w.gmv::numeric(18, 2)                                                            AS gmv,
       w.purchase_users,
       w.view_users,
       w.active_users,
       -- round() on numeric rounds halves away from zero: HALF_UP for these positive ratios.
       round(w.purchase_users::numeric / greatest(w.view_users, 1), 4)::numeric(7, 4)   AS conversion_rate,
       w.events,
       w.page_views,
       w.add_to_carts
FROM per_window w, params p
ORDER BY w.window_start;
