export * from './money.js';
export * from './pricing.js';
export * from './flighting.js';
export * from './totals.js';
export * from './fees.js';
export * from './pacing.js';
