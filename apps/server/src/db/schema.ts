// The database schema, one file per domain; drizzle-kit and the code read it through this file.
export * from './schema/core.js';
export * from './schema/planning.js';
export * from './schema/actuals.js';
export * from './schema/reports.js';
