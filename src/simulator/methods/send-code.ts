/**
 * auth.sendCode (core.telegram.org/method/auth.sendCode, core.telegram.org/api/datacenter "Redirects", core.telegram.org/api/auth "Future auth tokens", docs/ARCHITECTURE.md "The simulator"):
 * `auth.sendCode#a677244f phone_number:string api_id:int api_hash:string settings:CodeSettings = auth.SentCode;`
 * Redirects to the number's DC, rate-limits, honours logout_tokens, and picks the code type
 * from the account's state and switches.
 */
import { bytesToHex } from '../../crypto/index.js';
import { testNumberDc, type Account } from '../state/accounts.js';
import type { CodeDelivery, PhoneLogin } from '../state/records.js';
import type { SimState } from '../state/sim-state.js';
import { fail, floodWait, migrate } from '../errors.js';
import { authorize, requirePasswordIfSet } from './authorize.js';
import { checkApiId, int, obj, str, type Call, type MethodResult, type TlValue } from './context.js';
import { checkPhone, deliverCode, sentCode } from './code-delivery.js';

/** The DC a number lives on: its account's, the test-number DC, or this IP's DC (core.telegram.org/api/auth "Test accounts", docs/ARCHITECTURE.md "The simulator"). */
export function homeDcOf(state: SimState, phone: string, account: Account | undefined): number {
  return account?.dcId ?? testNumberDc(phone, state.settings.dcCount) ?? state.settings.ipDc;
}

/** The login code: X five times for test numbers (core.telegram.org/api/auth "Test accounts"), random digits otherwise. */
export function loginCodeFor(state: SimState, phone: string): string {
  const dc = testNumberDc(phone, state.settings.dcCount);
  return dc === undefined ? state.randomCode(5) : String(dc).repeat(5);
}

export function sendCode(req: TlValue, call: Call): MethodResult {
  const { state } = call;
  checkApiId(call, int(req, 'apiId'), str(req, 'apiHash'));
  const phone = checkPhone(str(req, 'phoneNumber'));
  const account = state.accounts.findByPhone(phone);
  const home = homeDcOf(state, phone, account);
  if (home !== call.ctx.dcId) {
    throw migrate(account || testNumberDc(phone, state.settings.dcCount) ? 'PHONE' : 'NETWORK', home);
  }
  if (account?.switches.banned) throw fail(400, 'PHONE_NUMBER_BANNED');
  if (account?.bot) throw fail(400, 'PHONE_NUMBER_INVALID');
  checkFlood(state, phone, account);

  const settings = obj(req, 'settings') ?? { _: 'codeSettings' };
  if (account) {
    const quick = loginWithFutureToken(call, account, settings);
    if (quick) return quick;
  }
  const login = newLogin(call, phone, account, settings);
  state.logins.set(login.hash, login);
  if (login.paymentPending) {
    return {
      _: 'auth.sentCodePaymentRequired',
      storeProduct: 'org.telegram.telegramPremium.auth',
      phoneCodeHash: login.hash,
      supportEmailAddress: 'sms@telegram.org',
      supportEmailSubject: `Login code for ${phone}`,
      premiumDays: 30,
      currency: 'EUR',
      amount: 499n,
    };
  }
  deliverCode(state, login, account?.loginEmail);
  return sentCode(state, login, account?.loginEmail);
}

/** FLOOD_WAIT_X once a number asked for more codes than the window allows (docs/ARCHITECTURE.md "The simulator"). */
function checkFlood(state: SimState, phone: string, account: Account | undefined): void {
  const now = state.now();
  const windowMs = state.settings.floodWindowMs;
  const log = (state.sendCodeLog.get(phone) ?? []).filter((t) => t > now - windowMs);
  const limit = account?.switches.sendCodeLimit ?? state.settings.sendCodeLimit;
  if (log.length >= limit) {
    state.sendCodeLog.set(phone, log);
    throw floodWait((log[0]! + windowMs - now) / 1000);
  }
  log.push(now);
  state.sendCodeLog.set(phone, log);
}

/** A matching future_auth_token logs in at once, or goes straight to 2FA (core.telegram.org/api/auth "Future auth tokens"). */
function loginWithFutureToken(call: Call, account: Account, settings: TlValue): MethodResult | undefined {
  const tokens = Array.isArray(settings.logoutTokens) ? (settings.logoutTokens as Uint8Array[]) : [];
  for (const token of tokens) {
    const hex = bytesToHex(token);
    const record = call.state.futureTokens.get(hex);
    if (record?.userId !== account.id) continue;
    call.state.futureTokens.delete(hex);
    requirePasswordIfSet(call, account);
    return { _: 'auth.sentCodeSuccess', authorization: authorize(call, account) };
  }
  return undefined;
}

function newLogin(call: Call, phone: string, account: Account | undefined, settings: TlValue): PhoneLogin {
  const { state } = call;
  const [delivery, ...next] = deliveryChain(call, account, settings);
  const now = state.now();
  return {
    hash: state.randomHex(8),
    phone,
    dcId: call.ctx.dcId,
    authKeyId: call.perm.id,
    code: loginCodeFor(state, phone),
    delivery: delivery!,
    next,
    resendAt: now + state.settings.resendTimeoutSec * 1000,
    expiresAt: now + state.settings.codeTtlMs,
    attempts: 0,
    paymentPending: account?.switches.paymentRequired === true,
  };
}

/** First delivery then the resend chain, from the account's state (core.telegram.org/api/auth "Sent code types", docs/ARCHITECTURE.md "The simulator"). */
function deliveryChain(call: Call, account: Account | undefined, settings: TlValue): CodeDelivery[] {
  const sw = account?.switches ?? {};
  const voice: CodeDelivery = settings.allowMissedCall ? 'missedCall' : settings.allowFlashcall ? 'flashCall' : 'call';
  if (account?.loginEmail) return ['email'];
  if (sw.emailSetupRequired) return ['setUpEmail'];
  const hasSessions = account ? call.state.keys.ofUser(account.id).length > 0 : false;
  if (sw.firebaseRequired) {
    if (settings.allowFirebase) return ['firebaseSms', 'sms', voice];
    // Third-party apps cannot pass the device check: only other channels remain (core.telegram.org/api/auth "Firebase").
    if (hasSessions) return ['app'];
    throw fail(406, 'SEND_CODE_UNAVAILABLE');
  }
  return hasSessions ? ['app', 'sms', voice] : ['sms', voice];
}
