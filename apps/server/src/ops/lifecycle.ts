/** Process-wide state readiness reads: once SIGTERM arrives the pod reports not-ready before it stops. */
export class Lifecycle {
  shuttingDown = false;
}
export const LIFECYCLE = Symbol('LIFECYCLE');
