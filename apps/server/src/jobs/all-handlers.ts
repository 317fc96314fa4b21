import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { StatsWriter } from '../analytics/stats-writer.js';
import { connectors } from '../connectors/index.js';
import { CredentialsCipher } from '../connections/credentials-cipher.js';
import { connectionSync } from '../connections/sync.job.js';
import { passwordResetMail } from '../auth/password-reset.job.js';
import { invitationSent } from '../members/invitation-sent.job.js';
import { pacingAlert } from '../performance/pacing-alert.job.js';
import { clientSignedOff } from '../plans/client-signed-off.job.js';
import { planDecided } from '../plans/plan-decided.job.js';
import { reviewRequested } from '../plans/review-requested.job.js';
import { actualsImport } from '../uploads/import.job.js';
import type { Mailer } from '../mail/mailer.js';
import type { DailyStatsRepository } from '../analytics/index.js';
import type { Metrics } from '../ops/metrics.js';
import { reportGenerate } from '../reports/generate.job.js';
import { reportReady } from '../reports/ready.job.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { JobHandler } from './handlers.js';

export interface HandlerDeps {
  db: Database;
  config: Config;
  writer: StatsWriter;
  mailer: Mailer;
  stats: DailyStatsRepository;
  store: ObjectStore;
  metrics?: Metrics;
}

/** The handler of every job in the catalogue; the worker refuses to start if one is missing or doubled. */
export function allHandlers({ db, config, writer, mailer, stats, store, metrics }: HandlerDeps): JobHandler[] {
  return [
    reviewRequested(db, config, mailer),
    planDecided(db, config, mailer),
    clientSignedOff(db, config, mailer),
    pacingAlert(db, config, mailer),
    invitationSent(db, config, mailer),
    passwordResetMail(db, config, mailer),
    connectionSync({ db, writer, cipher: CredentialsCipher.fromConfig(config), connectors }),
    actualsImport({ db, writer }),
    reportGenerate({ db, config, stats, store, metrics }),
    reportReady(db, config, mailer, store),
  ] as unknown as JobHandler[];
}
