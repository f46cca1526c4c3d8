/**
 * Registers the rest of the schema (generated/rest-descriptors.ts): the methods the engine never
 * sends (account management, config, updates) and the constructors only they reach. Node's doors
 * (`tgauth`, `tgauth/tl`) and the simulator call it, so they read and write the whole schema; a
 * browser build, which never calls it, carries only what the engine sends and receives (issue 26),
 * and anything else fails to decode with a TlDecodeError or to encode with a TlEncodeError.
 */
import { TL_REST_SCHEMA } from './generated/rest-descriptors.js';
import { installInflate } from './gunzip-bounded.js';
import * as inflate from './inflate.js';
import { addSchema } from './registry.js';

let registered = false;

/**
 * Adds the rest of the schema to the registry, and installs the gzip_packed DEFLATE decoder that a
 * browser build loads on demand (gunzip-bounded.ts). Idempotent.
 */
export function registerFullSchema(): void {
  if (registered) return;
  registered = true;
  installInflate(inflate);
  addSchema(TL_REST_SCHEMA);
}
