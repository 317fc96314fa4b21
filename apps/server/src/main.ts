// The process entry. Tracing has to patch http, pg, ioredis and undici before the application imports
// them, and in ESM every static import of a module is loaded before its first line runs: so this file
// imports nothing statically. When OTEL_EXPORTER_OTLP_ENDPOINT is set, tracing starts here (it also
// registers the loader hook that lets the instrumentations wrap modules loaded with `import`), and only
// then is the application loaded. Without the variable no SDK is loaded; the few API calls the
// application makes (ops/trace.ts) are then no-ops.
if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  const { startTracing } = await import('./ops/tracing.js');
  await startTracing();
}
await import('./boot.js');
