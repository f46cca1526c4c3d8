/**
 * The non-auth methods a login engine needs (core.telegram.org/method/help.getConfig, core.telegram.org/api/auth):
 * `help.getConfig#c4f9186b = Config;` with the real listening addresses,
 * `help.getNearestDc#1fb33026 = NearestDc;`, `users.getUsers` (self), `updates.getState#edd4882a`,
 * `updates.getDifference`, `help.acceptTermsOfService#ee72f79a`.
 */
import { fail } from '../errors.js';
import { int, requireUser, type Call, type MethodResult, type TlValue } from './context.js';
import { userObject } from './user-object.js';

export function getConfig(_req: TlValue, call: Call): MethodResult {
  const { state } = call;
  const date = state.clock.seconds();
  const dcOptions = state.dcs.map((dc) => ({ _: 'dcOption', thisPortOnly: true, id: dc.id, ipAddress: dc.host, port: dc.port }));
  return {
    _: 'config',
    date,
    expires: date + 3600,
    testMode: false,
    thisDc: call.ctx.dcId,
    dcOptions,
    dcTxtDomainName: '',
    chatSizeMax: 200,
    megagroupSizeMax: 200_000,
    forwardedCountMax: 100,
    onlineUpdatePeriodMs: 210_000,
    offlineBlurTimeoutMs: 5_000,
    offlineIdleTimeoutMs: 30_000,
    onlineCloudTimeoutMs: 300_000,
    notifyCloudDelayMs: 30_000,
    notifyDefaultDelayMs: 1_500,
    pushChatPeriodMs: 60_000,
    pushChatLimit: 2,
    editTimeLimit: 172_800,
    revokeTimeLimit: 2_147_483_647,
    revokePmTimeLimit: 2_147_483_647,
    ratingEDecay: 2_419_200,
    stickersRecentLimit: 200,
    channelsReadMediaPeriod: 604_800,
    callReceiveTimeoutMs: 20_000,
    callRingTimeoutMs: 90_000,
    callConnectTimeoutMs: 30_000,
    callPacketTimeoutMs: 10_000,
    meUrlPrefix: 'https://t.me/',
    captionLengthMax: 1024,
    messageLengthMax: 4096,
    webfileDcId: call.ctx.dcId,
  };
}

export function getNearestDc(_req: TlValue, call: Call): MethodResult {
  const { settings } = call.state;
  return { _: 'nearestDc', country: settings.country, thisDc: call.ctx.dcId, nearestDc: settings.ipDc };
}

export function getUsers(req: TlValue, call: Call): MethodResult {
  const me = requireUser(call);
  const ids = Array.isArray(req.id) ? (req.id as TlValue[]) : [];
  return ids.map((input) =>
    input._ === 'inputUserSelf' || (input._ === 'inputUser' && input.userId === me.id)
      ? userObject(me)
      : { _: 'userEmpty', id: typeof input.userId === 'bigint' ? input.userId : 0n },
  );
}

/** The update state of every account: the simulator keeps no message history, so nothing ever follows it. */
const EMPTY_STATE = { pts: 1, qts: 0, seq: 0 } as const;

export function getState(_req: TlValue, call: Call): MethodResult {
  requireUser(call);
  return { _: 'updates.state', ...EMPTY_STATE, date: call.state.clock.seconds(), unreadCount: 0 };
}

/**
 * `updates.getDifference#19c2f763 flags:# pts:int pts_limit:flags.1?int pts_total_limit:flags.0?int date:int
 * qts:int qts_limit:flags.2?int = updates.Difference;` — an account with no updates is always up to date
 * (`updates.differenceEmpty#5d75a138 date:int seq:int`, https://core.telegram.org/api/updates); a state
 * from the future was never handed out: PERSISTENT_TIMESTAMP_INVALID (https://core.telegram.org/method/updates.getDifference).
 */
export function getDifference(req: TlValue, call: Call): MethodResult {
  requireUser(call);
  if (int(req, 'pts') > EMPTY_STATE.pts || int(req, 'qts') > EMPTY_STATE.qts) {
    throw fail(400, 'PERSISTENT_TIMESTAMP_INVALID');
  }
  return { _: 'updates.differenceEmpty', date: call.state.clock.seconds(), seq: EMPTY_STATE.seq };
}

export function acceptTermsOfService(_req: TlValue, call: Call): MethodResult {
  requireUser(call);
  return true;
}
