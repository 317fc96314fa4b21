/**
 * A failure that another try cannot fix (the plan is gone, the payload is wrong): recorded as
 * failed at once instead of retried. Anything else thrown by a handler is taken as transient.
 */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}
