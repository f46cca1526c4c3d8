/**
 * The non-auth methods a login engine needs (core.telegram.org/method/help.getConfig, core.telegram.org/api/auth):
 * `help.getConfig#c4f9186b = Config;` with the real listening addresses,
 * `help.getNearestDc#1fb33026 = NearestDc;`, `users.getUsers` (self), `updates.getState#edd4882a`,
 * `help.acceptTermsOfService#ee72f79a`.
 */
import { requireUser, type Call, type MethodResult, type TlValue } from './context.js';
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

export function getState(_req: TlValue, call: Call): MethodResult {
  requireUser(call);
  return { _: 'updates.state', pts: 1, qts: 0, date: call.state.clock.seconds(), seq: 0, unreadCount: 0 };
}

export function acceptTermsOfService(_req: TlValue, call: Call): MethodResult {
  requireUser(call);
  return true;
}
