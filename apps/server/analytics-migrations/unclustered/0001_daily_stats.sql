-- Daily delivery and spend per ad group (or campaign, when a platform reports no ad groups) and day.
-- The sorting key is also the replacing key: a later read of the same (tenant, platform, account,
-- campaign, ad group, date) replaces the earlier one, the row with the newest ingested_at wins.
-- Reads that must see one row per key use argMax(…, ingested_at) grouped by the key, never FINAL.
CREATE TABLE IF NOT EXISTS daily_stats
(
    tenant_id      UUID,
    client_id      UUID,
    connection_id  UUID,
    platform       LowCardinality(String),
    account_id     String,
    campaign_id    String,
    ad_group_id    String,
    date           Date,
    impressions    UInt64,
    clicks         UInt64,
    cost_micros    Int64,
    conversions    Decimal(18, 4),
    video_views    UInt64,
    revenue_micros Int64,
    currency       LowCardinality(String),
    ingested_at    DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(date)
ORDER BY (tenant_id, platform, account_id, campaign_id, ad_group_id, date);
