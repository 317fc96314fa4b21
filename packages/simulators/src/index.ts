export * from './data.js';
export * from './dates.js';
export { Simulator, HttpError, type FaultSpec, type ActiveFault, type RequestRecord, type RateLimit, type SimulatorOptions } from './base.js';
export * from './google.js';
export * from './meta.js';
export * from './yandex.js';
export * from './vk.js';
export * from './all.js';
