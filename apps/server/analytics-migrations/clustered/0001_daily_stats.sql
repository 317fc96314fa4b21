-- The clustered twin of unclustered/0001: a replicated local table on every node and a Distributed
-- table over it, sharded by tenant so one tenant's rows (and their replacements) share a shard.
-- {{cluster}} is replaced by CLICKHOUSE_CLUSTER; {shard}/{replica} paths come from the server's macros.
CREATE TABLE IF NOT EXISTS daily_stats_local ON CLUSTER {{cluster}}
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
ENGINE = ReplicatedReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(date)
ORDER BY (tenant_id, platform, account_id, campaign_id, ad_group_id, date);

CREATE TABLE IF NOT EXISTS daily_stats ON CLUSTER {{cluster}} AS daily_stats_local
ENGINE = Distributed({{cluster}}, currentDatabase(), daily_stats_local, cityHash64(tenant_id));
