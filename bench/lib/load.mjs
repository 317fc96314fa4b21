import autocannon from 'autocannon';

function run(opts, onResponse) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    if (onResponse) instance.on('response', onResponse);
  });
}

/** Nearest-rank percentile over an ascending sample. */
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (v, digits = 2) => (v == null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * A discarded warm-up (JIT, pools, caches) and then the measured run. Latency percentiles come
 * from every 2xx response's own time rather than autocannon's histogram, which has no p95.
 */
export async function measure({ url, method = 'GET', headers = {}, body, connections, durationSeconds, warmupSeconds }) {
  const base = { url, method, headers, body, connections, timeout: 10 };
  if (warmupSeconds > 0) await run({ ...base, duration: warmupSeconds });

  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const result = await run({ ...base, duration: durationSeconds }, (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 200 || statusCode > 299) return;
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = responseTime;
  });
  const sorted = latencies.subarray(0, count).sort();

  return {
    requestsPerSecond: round(result.requests.average, 1),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      mean: round(count ? sorted.reduce((a, b) => a + b, 0) / count : null),
    },
    requests: result.requests.total,
    ok: count,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
  };
}
