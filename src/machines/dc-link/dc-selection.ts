/**
 * Which DCs an engine talks to and which RSA keys it trusts: 'production', 'test', an explicit
 * list, or the one JSON line the simulator prints (`{ dcs: [{ id, host, tcpPort, wsPort }],
 * rsaPublicKeyPem, fingerprint, controlUrl }`), usable as is.
 */
import {
  SIMULATOR_RSA_PUBLIC_KEY_PEM,
  TELEGRAM_PRODUCTION_RSA_PUBLIC_KEY_PEM,
  TELEGRAM_TEST_RSA_PUBLIC_KEY_PEM,
  parseRsaPublicKey,
  type RsaPublicKey,
} from '../../crypto/index.js';
import type { DcAddress } from '../../transport/index.js';
import { AuthEngineError } from '../core/index.js';
import { PRODUCTION_DCS, TEST_DCS } from './dc-table.js';

/** One DC of an explicit list. `port` and `tcpPort` are synonyms (the simulator prints `tcpPort`). */
export interface DcEntry {
  readonly id: number;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly tcpPort?: number | undefined;
  readonly wsPort?: number | undefined;
  readonly test?: boolean | undefined;
  readonly media?: boolean | undefined;
}

/** The configuration line `tgauth sim` prints. */
export interface SimulatorConfig {
  readonly dcs: readonly DcEntry[];
  readonly rsaPublicKeyPem?: string | undefined;
  readonly fingerprint?: string | undefined;
  readonly controlUrl?: string | undefined;
}

/** Where the login starts and where the DCs are. */
export type DcSelection = 'production' | 'test' | readonly DcEntry[] | SimulatorConfig;

/** A selection resolved to addresses and trusted keys. */
export interface ResolvedDcs {
  readonly addresses: readonly DcAddress[];
  /** The DC a fresh login starts on (DC 2 for Telegram, as official apps do; else the first listed). */
  readonly defaultDcId: number;
  readonly rsaKeys: readonly RsaPublicKey[];
}

/** A key as PEM text or already parsed. */
export type RsaKeyInput = string | RsaPublicKey;

/**
 * PEMs parsed so far: the engines of one process nearly always name the same few keys, and each
 * parse (DER, SHA-1 fingerprint) cost ~0.3 ms and ~0.4 KB per engine. Keys are frozen, so sharing
 * them is safe; the table is cleared past 16 entries so odd inputs cannot grow it.
 */
const parsedPems = new Map<string, RsaPublicKey>();

function parse(k: RsaKeyInput): RsaPublicKey {
  if (typeof k !== 'string') return k;
  let key = parsedPems.get(k);
  if (key === undefined) {
    key = Object.freeze(parseRsaPublicKey(k));
    if (parsedPems.size >= 16) parsedPems.clear();
    parsedPems.set(k, key);
  }
  return key;
}

function addressOf(e: DcEntry): DcAddress {
  const port = e.port ?? e.tcpPort;
  if (!Number.isInteger(e.id) || port === undefined) {
    throw new AuthEngineError('dcs.invalid', `DC entry ${String(e.id)} needs an integer id and a port (or tcpPort)`);
  }
  return {
    dcId: e.id,
    host: e.host ?? '127.0.0.1',
    port,
    ...(e.wsPort !== undefined ? { wsPort: e.wsPort } : {}),
    ...(e.test ? { test: true } : {}),
    ...(e.media ? { media: true } : {}),
  };
}

/**
 * Resolves `selection` (default 'production'). `rsaKeys` overrides the trusted keys; otherwise
 * Telegram's production or test key, the simulator config's own key, or, for a bare list, all
 * three built-in keys (the server's resPQ fingerprints pick one).
 */
export function resolveDcs(selection: DcSelection = 'production', rsaKeys?: readonly RsaKeyInput[]): ResolvedDcs {
  if (selection === 'production' || selection === 'test') {
    const pem = selection === 'production' ? TELEGRAM_PRODUCTION_RSA_PUBLIC_KEY_PEM : TELEGRAM_TEST_RSA_PUBLIC_KEY_PEM;
    return {
      addresses: selection === 'production' ? PRODUCTION_DCS : TEST_DCS,
      defaultDcId: 2,
      rsaKeys: (rsaKeys ?? [pem]).map(parse),
    };
  }
  const config: SimulatorConfig = Array.isArray(selection) ? { dcs: selection as readonly DcEntry[] } : (selection as SimulatorConfig);
  if (config.dcs.length === 0) throw new AuthEngineError('dcs.invalid', 'the DC list is empty');
  const builtIn = config.rsaPublicKeyPem
    ? [config.rsaPublicKeyPem]
    : [TELEGRAM_PRODUCTION_RSA_PUBLIC_KEY_PEM, TELEGRAM_TEST_RSA_PUBLIC_KEY_PEM, SIMULATOR_RSA_PUBLIC_KEY_PEM];
  const addresses = config.dcs.map(addressOf);
  return {
    addresses,
    defaultDcId: addresses[0]!.dcId,
    rsaKeys: (rsaKeys ?? builtIn).map(parse),
  };
}
