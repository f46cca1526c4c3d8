/**
 * `tgauth/tl` in Node: the tl layer with the whole schema registered (full-schema.ts). A browser
 * build resolves `tgauth/tl` to index.ts instead, which carries only what the engine sends and
 * receives (issue 26).
 */
import { registerFullSchema } from './full-schema.js';

export * from './index.js';

registerFullSchema();
