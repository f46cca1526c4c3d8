/** The engine at the 2FA screen (phone and code sent, SESSION_PASSWORD_NEEDED), on the queued fake RPC. */
import { fakeSrp, queued, rig, rpcError, settle } from './harness.js';
import { accountPassword, appCode } from './fixtures.js';

/** An engine showing waitPassword; `extra` overrides the queued answers, `seen` records passwords the SRP port got. */
export async function atPassword(extra: Parameters<typeof queued>[0], seen: string[] = []) {
  const r = await rig(
    queued({
      'auth.sendCode': [appCode],
      'auth.signIn': [rpcError(401, 'SESSION_PASSWORD_NEEDED')],
      'account.getPassword': [accountPassword(1n), accountPassword(2n), accountPassword(3n)],
      ...extra,
    }),
    { srp: fakeSrp(seen) },
  );
  r.engine.send({ type: 'phone.submit', phone: '9996621234' });
  await settle();
  r.engine.send({ type: 'code.submit', code: '22222' });
  await settle();
  await settle();
  return r;
}
