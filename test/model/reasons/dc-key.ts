/** Why parts of the dc-key machine(s) are not reached by the replayed paths (see ../unreachable.ts). */
import type { Rule } from './rule.js';

export const DC_KEY_RULES: readonly Rule[] = [
  [
    /^dcKey\.(rotating|exchangingTempKey|binding)|TempKey|\[canRebuildTemp\]|temp/i,
    'not modelled yet: PFS (temp keys, binding, rotation) landed during this work; the model world runs without PFS',
  ],
  [
    /^dcKey\.(failed|reconnecting)$|^dcKey\.\w+ --(exchange\.failed|plain\.failed|transport\.reconnecting|xstate\.after\.handshakeTimeout)/,
    'not modelled yet: connection faults (sim.faults.dropConnections, a server that stops answering during the handshake); the key-lifecycle model is the follow-up',
  ],
  [
    /^dcKey\.\w+ --transport\.handshaking#/,
    'not modelled yet: a second handshake on a live key (-404 after the server forgot the key; the integration tests drive it)',
  ],
  [/^dcKey\.disconnected --transport\.ready/, 'not modelled yet: needs a stored key (a restored session)'],
];
