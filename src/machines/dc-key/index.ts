/**
 * dc-key/: the lifecycle of one DC's auth keys: the permanent key exchange, the PFS temporary key,
 * binding it (`auth.bindTempAuthKey`) and rotating it before it expires
 * (https://core.telegram.org/api/pfs). Uses core/ only.
 */
export * from './machine.js';
export * from './actors.js';
export * from './bind-temp-key.js';
export * from './descriptions.js';
