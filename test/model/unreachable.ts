/**
 * Why states and transitions of the real machines are not reached by the replayed paths. Keys are
 * patterns matched against state ids and transition labels (as `coverage.ts` prints them); the first
 * match gives the reason. "Not modelled yet" means reachable, but no model event drives it yet
 * (the follow-up is a fault event: `sim.faults.reject(method, code, text, 1)` before the step).
 */
const RULES: readonly [RegExp, string][] = [
  [
    /^auth\.(botLogin|webTokenLogin) --xstate\.done\.actor\.\w+#0 \[isPasswordNeeded\]/,
    'unreachable by construction: import logins end `authorized` or `failed`, never `passwordNeeded`',
  ],
  [
    /^auth\.\w+ --xstate\.error\.actor\.(phoneLogin|qrLogin|passkeyLogin|botLogin|webTokenLogin|password)#/,
    'unreachable by design: a flow child errors only if its own machine code throws (every RPC failure is handled inside it)',
  ],
  [/floodWait|\[isFloodWait\]/, 'not modelled yet: needs a FLOOD_WAIT_X answer to this method (fault event)'],
  [
    /verifyingDevice|requestingFirebaseSms|resendingAfterFirebase|needsFirebaseProof/,
    'not modelled yet: needs a FirebaseHost in the engine options and an account with firebaseRequired',
  ],
  [
    /purchasing|hasPaymentHost/,
    'not modelled yet: needs a PaymentHost (the model submits the form id itself)',
  ],
  [/reportingMissing|code\.reportMissing/, 'not modelled yet: code.reportMissing event'],
  [/email\.reset|waitEmailCode\.resetting/, 'not modelled yet: email.reset after the reset delay'],
  [
    /^dcKey\.(rotating|exchangingTempKey|binding)|TempKey|\[canRebuildTemp\]|temp/i,
    'not modelled yet: PFS (temp keys, binding, rotation) landed during this work; the model world runs without PFS',
  ],
  [
    /^auth\.initializing --xstate\.(done\.actor\.loadSession#0|error\.actor\.loadSession)/,
    'not modelled yet: needs a stored (or unreadable) session; the model starts from an empty store',
  ],
  [
    /passkeyLogin\.passwordNeeded|passkeyLogin#0 \[isPasswordNeeded\]|\[canFollowMigrate\]--> passkeyLogin/,
    'not modelled yet: a passkey user with 2FA / on another DC (the latter fails today: createTransportRpc has no permAuthKeyId)',
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
  [
    /^phoneLogin\.starting|isResuming/,
    'not modelled yet: resuming a persisted login (added during this work)',
  ],
  [
    /^qrLogin\.failed|exportLoginToken#3|importLoginToken#[123]/,
    'not modelled yet: a QR export/import that fails or keeps redirecting (fault event)',
  ],
  [
    /xstate\.error\.actor\./,
    'not modelled yet: this RPC failing with an error the flow does not special-case (fault event)',
  ],
];

/** The reason `key` (a state id or transition label) is not covered, if one is known. */
export function unreachableReason(key: string): string | undefined {
  return RULES.find(([pattern]) => pattern.test(key))?.[1];
}
