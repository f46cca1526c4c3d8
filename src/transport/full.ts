/**
 * `tgauth/transport` in Node: the transport with the whole TL schema registered, so a connection
 * can send any method of it (tl/full-schema.ts). A browser build resolves `tgauth/transport` to
 * index.ts, whose codec knows what the engine sends and receives (issue 26).
 */
import { registerFullSchema } from '../tl/index.js';

export * from './index.js';

registerFullSchema();
