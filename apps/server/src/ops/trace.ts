// What the application itself knows of tracing: the OpenTelemetry API only, which does nothing until
// ops/tracing.ts has registered an SDK (main.ts does so when OTEL_EXPORTER_OTLP_ENDPOINT is set).
import { ROOT_CONTEXT, context, isSpanContextValid, propagation, trace, type Context } from '@opentelemetry/api';

export const tracer = trace.getTracer('mrm-server');

/** The W3C traceparent of the span now active, or null when none is (or tracing is off). */
export function currentTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/**
 * A job's trace context travels in BullMQ's own telemetry field (job.opts.telemetry.metadata, kept
 * apart from the payload) as the JSON of a W3C carrier, the form BullMQ's telemetry uses too.
 */
export function jobTraceMetadata(traceparent: string | null): string | undefined {
  return traceparent ? JSON.stringify({ traceparent }) : undefined;
}

/** The context a job's span starts in: the one its producer stored, or a new trace. */
export function jobParentContext(metadata: string | undefined): Context {
  if (!metadata) return ROOT_CONTEXT;
  try {
    const carrier: unknown = JSON.parse(metadata);
    return carrier && typeof carrier === 'object' ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
  } catch {
    return ROOT_CONTEXT;
  }
}

/** trace_id and span_id for a log line written while a span is active; nothing otherwise. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const c = span.spanContext();
  return isSpanContextValid(c) ? { trace_id: c.traceId, span_id: c.spanId } : {};
}

let flush: (() => Promise<void>) | undefined;

/** Set by ops/tracing.ts: sends the spans still buffered and stops the exporter. */
export function onTracingStop(fn: () => Promise<void>): void {
  flush = fn;
}

/** Called last at shutdown so the spans of the final requests and jobs are not lost. */
export async function stopTracing(): Promise<void> {
  await flush?.().catch(() => undefined);
}

/**
 * The HTTP instrumentation knows only the method; Jaeger lists operations by span name, so the request's
 * span is named by its route (`POST /api/v1/media-plans/:id/submit`) and carries the request id.
 */
export function nameRequestSpan(method: string, route: string | undefined, requestId: string): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  if (route) {
    span.updateName(`${method} ${route}`);
    span.setAttribute('http.route', route);
  }
  span.setAttribute('mrm.request_id', requestId);
}
