/**
 * Simulator accounts (docs/ARCHITECTURE.md "The simulator"): users and bots with everything a login flow can touch,
 * plus switches that force a path (Firebase, payment, email setup, sign-up, flood, ban).
 */
import type { Random } from '../../crypto/index.js';
import { bytesToBigint } from '../../crypto/index.js';
import { SimulatorError } from '../errors.js';

/** A 2FA password as the server keeps it: the SRP verifier, never the password (core.telegram.org/api/srp). */
export interface PasswordRecord {
  salt1: Uint8Array;
  salt2: Uint8Array;
  g: number;
  p: Uint8Array;
  /** v = g^x mod p, 256 bytes. */
  v: Uint8Array;
  hint?: string | undefined;
  recoveryEmail?: string | undefined;
}

/** A WebAuthn credential: `id` is the credential id in base64url; `publicKey` an uncompressed P-256 point. */
export interface PasskeyRecord {
  id: string;
  publicKey: Uint8Array;
  name: string;
  signCount: number;
}

/** Switches that force a login path, for UI development. All default to off. */
export interface AccountSwitches {
  /** sendCode answers sentCodeTypeFirebaseSms (when the client allows Firebase) before SMS. */
  firebaseRequired?: boolean | undefined;
  /** sendCode answers auth.sentCodePaymentRequired; checkPaidAuth completes it. */
  paymentRequired?: boolean | undefined;
  /** sendCode answers sentCodeTypeSetUpEmailRequired until a login email is set. */
  emailSetupRequired?: boolean | undefined;
  /** signIn answers auth.authorizationSignUpRequired even though the record exists. */
  signUpRequired?: boolean | undefined;
  /** sendCode answers PHONE_NUMBER_BANNED. */
  banned?: boolean | undefined;
  /** How many sendCode calls per window before FLOOD_WAIT_X (default: the cluster's limit). */
  sendCodeLimit?: number | undefined;
}

/** One account. Bots have `botToken` and no phone login. */
export interface Account {
  id: bigint;
  accessHash: bigint;
  phone: string;
  dcId: number;
  firstName: string;
  lastName: string;
  bot: boolean;
  botToken?: string | undefined;
  password?: PasswordRecord | undefined;
  loginEmail?: string | undefined;
  passkeys: PasskeyRecord[];
  webTokens: string[];
  switches: AccountSwitches;
  createdAt: number;
}

/** What `accounts.create` takes: a phone (or a bot token) and a home DC; the rest has defaults. */
export type AccountInput = Partial<Omit<Account, 'id' | 'accessHash' | 'createdAt'>> & { id?: bigint };

/** `99966XYYYY` lives on DC X and its code is X five times (core.telegram.org/api/auth "Test accounts"). */
export function testNumberDc(phone: string, dcCount: number): number | undefined {
  const m = /^99966(\d)\d{4}$/.exec(normalizePhone(phone));
  const dc = m ? Number(m[1]) : 0;
  return dc >= 1 && dc <= dcCount ? dc : undefined;
}

/** Digits only: clients send numbers with or without '+', spaces or dashes (docs/ARCHITECTURE.md "What is not verified": UNVERIFIED which). */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s+\-()]/g, '');
}

/** The account registry, indexed by id, phone and bot token. */
export class AccountStore {
  private readonly byId = new Map<bigint, Account>();
  private readonly byPhone = new Map<string, Account>();
  private readonly byBotToken = new Map<string, Account>();

  constructor(
    private readonly random: Random,
    private readonly now: () => number,
  ) {}

  /**
   * Creates an account; ids are random positive 40-bit numbers unless given, except a bot's: a bot token
   * is `<bot_id>:<secret>` (https://core.telegram.org/bots/api#authorizing-your-bot), so its prefix is the id.
   */
  create(input: AccountInput): Account {
    const phone = normalizePhone(input.phone ?? '');
    if (phone && this.byPhone.has(phone)) throw new SimulatorError(`phone ${phone} already has an account`);
    if (!phone && !input.botToken) throw new SimulatorError('an account needs a phone or a bot token');
    const botId = /^(\d+):/.exec(input.botToken ?? '')?.[1];
    const id = input.id ?? (botId ? BigInt(botId) : bytesToBigint(this.random.bytes(5)) | 1n);
    if (this.byId.has(id)) throw new SimulatorError(`user id ${id} is taken`);
    const account: Account = {
      phone,
      dcId: input.dcId ?? 2,
      firstName: input.firstName ?? (input.botToken ? 'Bot' : 'User'),
      lastName: input.lastName ?? '',
      bot: input.bot ?? Boolean(input.botToken),
      passkeys: input.passkeys ?? [],
      webTokens: input.webTokens ?? [],
      switches: input.switches ?? {},
      ...input,
      id,
      accessHash: bytesToBigint(this.random.bytes(8)) & 0x7fffffffffffffffn,
      createdAt: this.now(),
    };
    account.phone = phone;
    this.index(account);
    return account;
  }

  /** Applies a change; re-indexes phone and bot token. */
  update(id: bigint, change: Partial<Omit<Account, 'id'>>): Account {
    const account = this.get(id);
    if (!account) throw new SimulatorError(`no account ${id}`);
    this.unindex(account);
    Object.assign(account, change);
    account.phone = normalizePhone(account.phone);
    this.index(account);
    return account;
  }

  /** Deletes an account; returns false when there was none. */
  remove(id: bigint): boolean {
    const account = this.get(id);
    if (!account) return false;
    this.unindex(account);
    return true;
  }

  get(id: bigint): Account | undefined {
    return this.byId.get(id);
  }

  findByPhone(phone: string): Account | undefined {
    return this.byPhone.get(normalizePhone(phone));
  }

  findByBotToken(token: string): Account | undefined {
    return this.byBotToken.get(token);
  }

  list(): Account[] {
    return [...this.byId.values()];
  }

  private index(a: Account): void {
    this.byId.set(a.id, a);
    if (a.phone) this.byPhone.set(a.phone, a);
    if (a.botToken) this.byBotToken.set(a.botToken, a);
  }

  private unindex(a: Account): void {
    this.byId.delete(a.id);
    if (a.phone) this.byPhone.delete(a.phone);
    if (a.botToken) this.byBotToken.delete(a.botToken);
  }
}
