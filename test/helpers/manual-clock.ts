/** Tests import the manual clock from here; it lives in transport/ because the tour uses it too. */
export { ManualClock } from '../../src/transport/index.js';
