import { JOBS, type JobName, type PayloadOf } from './catalogue.js';

export interface JobContext {
  jobId: string;
  attempt: number;
}

export interface JobHandler<N extends JobName = JobName> {
  name: N;
  run(payload: PayloadOf<N>, ctx: JobContext): Promise<void>;
}

/** Exactly one handler per job of the catalogue, and none for a job it does not list. */
export function checkHandlers(handlers: readonly JobHandler[]): Map<string, JobHandler> {
  const byName = new Map<string, JobHandler>();
  for (const h of handlers) {
    if (!Object.hasOwn(JOBS, h.name)) throw new Error(`a handler for "${h.name}", which is no job of the catalogue`);
    if (byName.has(h.name)) throw new Error(`two handlers for the job "${h.name}"`);
    byName.set(h.name, h);
  }
  const missing = Object.keys(JOBS).filter((name) => !byName.has(name));
  if (missing.length) throw new Error(`no handler for the job(s) ${missing.map((n) => `"${n}"`).join(', ')}`);
  return byName;
}
