// OpenTelemetry for the api and worker roles, loaded by main.ts only when OTEL_EXPORTER_OTLP_ENDPOINT is
// set and before the application's modules are imported. Spans go over OTLP/HTTP (protobuf, or JSON
// with OTEL_EXPORTER_OTLP_PROTOCOL=http/json); the standard OTEL_* variables (service name, resource
// attributes, sampler, batch delay, headers) are read by the SDK as usual.
import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { IncomingMessage } from 'node:http';
import { onTracingStop } from './trace.js';

/** Probes, metrics scrapes and the API docs' assets: frequent, uninteresting, never traced. */
export const UNTRACED = /^\/(health|ready|metrics)(\/|\?|$)|^\/api\/v1\/docs(\/|\?|$|-json|-yaml)/;

function exporter() {
  const protocol = process.env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? process.env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf';
  if (protocol === 'http/json') return new JsonExporter();
  if (protocol !== 'http/protobuf') console.error(`OTEL_EXPORTER_OTLP_PROTOCOL=${protocol} is not supported here; sending http/protobuf`);
  return new ProtoExporter();
}

export async function startTracing(): Promise<void> {
  // The application is ESM: `import pg from 'pg'` does not go through require(), which is all the
  // instrumentations patch on their own. import-in-the-middle's loader hook wraps the modules they
  // name (and only those: the message channel tells the hook which) as they are imported. It has to
  // be registered before the instrumentations are enabled and before the application is imported.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

  // The service is named like the log lines' `service` field unless OTEL_SERVICE_NAME (or a
  // service.name in OTEL_RESOURCE_ATTRIBUTES) says otherwise.
  if (!process.env.OTEL_SERVICE_NAME && !/(^|,)\s*service\.name=/.test(process.env.OTEL_RESOURCE_ATTRIBUTES ?? '')) {
    process.env.OTEL_SERVICE_NAME = process.env.SERVICE_NAME ?? (process.env.MRM_ROLE === 'worker' ? 'worker' : 'api');
  }
  // Traces only: metrics are Prometheus' (/metrics) and logs are stdout's.
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  // The useful instrumentations only (fs, dns, net and the rest would bury a request under noise);
  // an operator can still widen the list with the standard variable.
  process.env.OTEL_NODE_ENABLED_INSTRUMENTATIONS ??= 'http,undici,pg,ioredis';

  const sdk = new NodeSDK({
    traceExporter: exporter(),
    instrumentations: [
      getNodeAutoInstrumentations({
        '@opentelemetry/instrumentation-http': {
          ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED.test(req.url ?? '/'),
          // Outgoing calls are interesting inside a request or a job, not from a background timer.
          requireParentforOutgoingSpans: true,
        },
        '@opentelemetry/instrumentation-undici': { requireParentforSpans: true },
        // The relay's, schedulers' and pollers' queries outside any request or job are not traced.
        '@opentelemetry/instrumentation-pg': { requireParentSpan: true, ignoreConnectSpans: true },
        // BullMQ's own polling of Redis happens outside any span and stays out of the traces.
        '@opentelemetry/instrumentation-ioredis': { requireParentSpan: true },
      }),
    ],
  });
  sdk.start();
  await waitForAllMessagesAcknowledged();
  onTracingStop(() => sdk.shutdown());
}
