import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { StatsWriter } from '../analytics/stats-writer.js';
import { connectors } from '../connectors/index.js';
import { CredentialsCipher } from '../connections/credentials-cipher.js';
import { connectionSync } from '../connections/sync.job.js';
import { reviewRequested } from '../plans/review-requested.job.js';
import { actualsImport } from '../uploads/import.job.js';
import type { Mailer } from '../mail/mailer.js';
import type { JobHandler } from './handlers.js';

export interface HandlerDeps {
  db: Database;
  config: Config;
  writer: StatsWriter;
  mailer: Mailer;
}

/** The handler of every job in the catalogue; the worker refuses to start if one is missing or doubled. */
export function allHandlers({ db, config, writer, mailer }: HandlerDeps): JobHandler[] {
  return [
    reviewRequested(db, config, mailer),
    connectionSync({ db, writer, cipher: CredentialsCipher.fromConfig(config), connectors }),
    actualsImport({ db, writer }),
  ] as unknown as JobHandler[];
}
