/**
 * session/: the engine's session (home DC, user, future auth tokens, permanent keys, a pending
 * login) encoded for a `SessionStore`, and the `SessionKeeper` that holds it outside the machines.
 * Uses phone-login/ (the resume record's shape), flow-kit/ and core/.
 */
export * from './session.js';
