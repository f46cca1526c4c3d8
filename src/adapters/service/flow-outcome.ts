/** What happened to a command, as the API reports it (JSON; never a secret). */
import type { AuthView } from '../../machines/index.js';

export type CommandOutcome =
  /** The engine took it; `version` is the first view that shows its result. */
  | { readonly status: 'applied'; readonly version: number }
  /** The flow's state does not accept it (409): `reason` says which state it is in. */
  | { readonly status: 'rejected'; readonly reason: string }
  /** Malformed (400): `field` names what is wrong. */
  | { readonly status: 'invalid'; readonly field?: string; readonly message: string }
  /**
   * Its worker died after claiming it and before recording the result: it may or may not have
   * reached Telegram, so it is not applied again (at most once). The flow's view says where it is.
   */
  | { readonly status: 'uncertain' }
  /** No worker could take the flow in time (429/503-like); safe to retry with the same id. */
  | { readonly status: 'pending' };

/** A flow's current view with its version. */
export interface VersionedView {
  readonly version: number;
  readonly view: AuthView;
}
