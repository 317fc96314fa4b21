export * from './permissions.js';
export * from './common.js';
export * from './auth.js';
export * from './members.js';
export * from './oauth.js';
export * from './clients.js';
export * from './projects.js';
export * from './audit.js';
