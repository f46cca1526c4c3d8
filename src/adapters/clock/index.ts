/** clock/: the wall and monotonic clock of the platform, for Node and browsers alike. */
export * from './system-clock.js';
