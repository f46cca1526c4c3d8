/**
 * A software `FirebasePnvProvider` for tests, demos and the simulator: it plays the device's
 * phone-number credential and Firebase's token exchange by handing the intent's nonce and a fixed
 * number to `issue` (for the simulator: `sim.issueFirebasePnvToken`, or its control API's
 * `POST /firebase-pnv/token`). It answers only a Digital Credentials request that names the intent's
 * nonce, as a real wallet binds its answer to the request it was shown.
 */
import { AuthEngineError, type FirebasePnvIntent, type FirebasePnvProvider, type FirebasePnvVerification } from '../../machines/index.js';

/** Options of `softwareFirebasePnvProvider`. */
export interface SoftwareFirebasePnvOptions {
  /** The number this "device" verifies (digits, '+' optional); undefined: the platform cannot (`unsupported`). */
  phone: string | undefined;
  /** Mints the Google token for `phone` and `nonce`. */
  issue(phone: string, nonce: string): string | Promise<string>;
}

/** The nonce a Digital Credentials request names (`data.nonce`, as OpenID4VP requests carry it). */
export function nonceOfPayload(payload: string): string | undefined {
  try {
    const nonce = (JSON.parse(payload) as { data?: { nonce?: unknown } } | null)?.data?.nonce;
    return typeof nonce === 'string' ? nonce : undefined;
  } catch {
    return undefined;
  }
}

export function softwareFirebasePnvProvider(options: SoftwareFirebasePnvOptions): FirebasePnvProvider {
  return {
    async verifyPhoneNumber(intent: FirebasePnvIntent, signal: AbortSignal): Promise<FirebasePnvVerification> {
      if (signal.aborted) throw new AuthEngineError('firebasePnv.aborted', 'phone number verification aborted');
      if (options.phone === undefined) {
        throw new AuthEngineError('firebasePnv.unsupported', 'this device cannot verify its phone number');
      }
      if (nonceOfPayload(intent.digitalCredentialPayload) !== intent.nonce) {
        throw new AuthEngineError('firebasePnv.payloadInvalid', 'the credential request does not name the intent nonce');
      }
      const googleToken = await options.issue(options.phone, intent.nonce);
      return { googleToken, phone: options.phone.replace(/\D/g, '') };
    },
  };
}
