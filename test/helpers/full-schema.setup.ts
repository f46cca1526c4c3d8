/** The tests run as Node does: with the whole TL schema registered (src/tl/full-schema.ts). */
import { registerFullSchema } from '../../src/tl/index.js';

registerFullSchema();
