/**
 * Descriptions of the per-DC key machine (`dcKey`, dc-key/machine.ts), including the shared steps
 * of dc-key/temp-key-states.ts, once for every place a shared step is used. They are kept out of the
 * machine config so the engine's bundle does not carry them (issue 11); the inspector puts them back
 * with `describeMachineConfig`. Keys are paths to a state or transition (core/describe-machine-config.ts).
 */
import type { DescriptionTable } from '../core/index.js';

// The shared steps of dc-key/temp-key-states.ts say the same thing wherever they are used.
const plainFailed = 'a malformed answer, or none to a request within the handshake timeout';
const dhGenAnswer = 'ok, retry (same state) or fail';
const bindFailed = 'refused, the connection gone, or no answer within the handshake timeout';
const startOver = 'a new connection: start over';

/** `dcKey`'s descriptions by state or transition path. */
export const dcKeyDescriptions = {
  disconnected: 'no connection yet; a stored key goes straight to ready when the connection opens',
  'disconnected.on.transport.handshaking[canRebuildTemp]':
    'PFS with a stored permanent key: only a temp key is needed',
  'exchangingPermKey.on.transport.reconnecting': 'the connection dropped mid-exchange',
  'exchangingPermKey.on.transport.handshaking': startOver,
  'exchangingPermKey.on.plain.failed': plainFailed,
  'exchangingPermKey.awaitingDhGenAnswer.on.plain.received': dhGenAnswer,
  'exchangingTempKey.on.transport.handshaking': startOver,
  'exchangingTempKey.on.plain.failed': plainFailed,
  'exchangingTempKey.awaitingDhGenAnswer.on.plain.received': dhGenAnswer,
  'binding.on.transport.reconnecting': 'the connection dropped mid-bind',
  'binding.on.transport.handshaking': 'a new connection: make another temp key',
  'binding.invoke.0.onError[else]': bindFailed,
  rotating: 'traffic stays on the old temp key while a new connection makes and binds the next one',
  'rotating.exchangingTempKey.on.plain.failed': plainFailed,
  'rotating.exchangingTempKey.awaitingDhGenAnswer.on.plain.received': dhGenAnswer,
  'rotating.binding.invoke.0.onError[else]': bindFailed,
  'rotating.failed': 'the next key failed; its connection backs off and asks again',
  failed: 'the exchange failed; the connection backs off and asks again',
  'ready.on.transport.handshaking[canRebuildTemp]':
    'PFS, transport error -404: the temp key expired or was forgotten; make and bind a new one',
  'ready.on.transport.handshaking[else]':
    'transport error -404: the server does not know our key; drop it and make a new one',
  reconnecting: 'transport lost: the connection redials after a backoff delay on the injected clock',
  'reconnecting.on.transport.handshaking[canRebuildTemp]':
    'PFS: the temp key is gone (-404), the permanent key stays',
} satisfies DescriptionTable;
