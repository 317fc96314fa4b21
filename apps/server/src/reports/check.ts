// What a report request must name that its schema cannot know: a plan the caller can see, an
// approved (or the given) version, a partner that has lines in it.
import type { CreateReport } from '@mrm/contracts';
import { ProblemException } from '../common/problem.js';
import type { Tx } from '../db/database.js';
import { plansRepository } from '../plans/plans.repository.js';
import { samePartner } from './builders/insertion-order.js';
import { frozenPlan } from './sources.js';

const unusable = (field: string, message: string) => new ProblemException(422, 'validation', `${field}: ${message}`, [{ field, message }]);

/** Returns the plan's client; `prefix` names the body's path to the report (`` or `report.`). */
export async function checkReport(tx: Tx, tenantId: string, report: CreateReport, prefix = ''): Promise<{ clientId: string }> {
  const field = (f: string) => `${prefix}params.${f}`;
  const plan = await plansRepository.get(tx, tenantId, report.params.planId);
  if (!plan) throw unusable(field('planId'), 'no media plan with this id in the workspace');
  if (report.type === 'media-plan' || report.type === 'insertion-order') {
    const version = report.params.version;
    const frozen = await frozenPlan(tx, tenantId, plan.id, version);
    if (!frozen) throw unusable(field('version'), version === undefined ? 'the plan has no approved version yet; name a submitted version' : `the plan has no version ${version}`);
    if (report.type === 'insertion-order') {
      const partners = [...new Set(frozen.snapshot.lineItems.map((l) => l.partner).filter((p): p is string => !!p))];
      if (!partners.some((p) => samePartner(p, report.params.partner))) {
        throw unusable(field('partner'), partners.length ? `no lines for this partner in version ${frozen.number}; partners: ${partners.join(', ')}` : `no line of version ${frozen.number} names a partner`);
      }
    }
  }
  return { clientId: plan.clientId };
}
