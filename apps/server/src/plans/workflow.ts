import type { PlanStatus } from '@mrm/contracts';
import { ProblemException } from '../common/problem.js';

export type Transition = 'submit' | 'approve' | 'reject' | 'activate' | 'complete' | 'archive' | 'restore' | 'edit';

/** Which statuses each transition leaves from, where it goes, and what to say when it cannot. */
const RULES: Record<Transition, { from: PlanStatus[]; to: PlanStatus | null; why: string }> = {
  submit: { from: ['draft'], to: 'in_review', why: 'only a draft can be submitted for review' },
  approve: { from: ['in_review'], to: 'approved', why: 'only a plan in review can be approved' },
  reject: { from: ['in_review'], to: 'draft', why: 'only a plan in review can be rejected' },
  activate: { from: ['approved'], to: 'active', why: 'only an approved plan can go live' },
  complete: { from: ['active'], to: 'completed', why: 'only a live plan can be completed' },
  archive: { from: ['draft', 'approved', 'active', 'completed'], to: 'archived', why: 'a plan in review must be decided before it is archived' },
  restore: { from: ['archived'], to: 'draft', why: 'only an archived plan can be restored' },
  // Editing an approved or live plan starts a new draft revision; in review it is frozen.
  edit: { from: ['draft', 'approved', 'active'], to: null, why: 'a plan in review is frozen until it is approved or rejected; completed and archived plans are read-only' },
};

export function transition(t: Transition, from: PlanStatus): PlanStatus {
  const rule = RULES[t];
  if (!rule.from.includes(from)) {
    throw new ProblemException(409, 'invalid-transition', `Cannot ${t} a plan that is ${from.replace('_', ' ')}: ${rule.why}.`, [{ field: 'status', message: `${t} is not allowed from ${from}` }], {}, { transition: t, from, allowedFrom: rule.from });
  }
  if (t === 'edit') return 'draft';
  return rule.to!;
}
