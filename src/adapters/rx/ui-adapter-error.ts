/** Errors of the UI adapters (rx, react, vue, svelte): misuse that a developer must fix. */
import { TgauthError } from '../../crypto/index.js';

/** Why a UI adapter call failed. `no-engine`: a hook/composable ran outside its engine provider. */
export type UiAdapterErrorReason = 'no-engine';

/** A UI adapter was used wrongly; `reason` says how. */
export class UiAdapterError extends TgauthError {
  readonly reason: UiAdapterErrorReason;
  constructor(reason: UiAdapterErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
