import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { reviewRequested } from '../plans/review-requested.job.js';
import type { JobHandler } from './handlers.js';

/** The handler of every job in the catalogue; the worker refuses to start if one is missing or doubled. */
export function allHandlers(db: Database, config: Config): JobHandler[] {
  return [reviewRequested(db, config) as unknown as JobHandler];
}
