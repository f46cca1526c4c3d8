/**
 * Telegram's built-in DC addresses (tdlib td/telegram/net/ConnectionCreator.cpp, from tdlib's ConnectionCreator): where a
 * client connects before it has a config. Port 443; WebSocket dials use the `*.web.telegram.org`
 * hosts (path /apiws, /apiws_test for test DCs).
 */
import type { DcAddress } from '../../transport/index.js';

/** Production DCs 1-5 (IPv4). */
export const PRODUCTION_DCS: readonly DcAddress[] = [
  { dcId: 1, host: '149.154.175.50', port: 443 },
  { dcId: 2, host: '149.154.167.51', port: 443 },
  { dcId: 3, host: '149.154.175.100', port: 443 },
  { dcId: 4, host: '149.154.167.91', port: 443 },
  { dcId: 5, host: '149.154.171.5', port: 443 },
];

/** Test DCs 1-3 (only three exist); their dc field in p_q_inner_data_dc is 10000 + id. */
export const TEST_DCS: readonly DcAddress[] = [
  { dcId: 1, host: '149.154.175.10', port: 443, test: true },
  { dcId: 2, host: '149.154.167.40', port: 443, test: true },
  { dcId: 3, host: '149.154.175.117', port: 443, test: true },
];

/** WebSocket host per DC id (the same names serve production and, under /apiws_test, test DCs). */
export const WEB_SOCKET_HOSTS: Readonly<Record<number, string>> = {
  1: 'pluto.web.telegram.org',
  2: 'venus.web.telegram.org',
  3: 'aurora.web.telegram.org',
  4: 'vesta.web.telegram.org',
  5: 'flora.web.telegram.org',
};
