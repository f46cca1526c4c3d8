/**
 * A snapshot's structure reaches the inspector as written: its state `value` (keys and leaves are
 * state names), `status`, `tags` and the ids of its `children`, even under names that contain
 * "password" (`{ waitPassword: 'checking' }`, the auth machine's child `password`). Its data
 * (`context`, `output`, `error`) and every event keep the name and value rules: the password typed
 * into password.submit never reaches the observer.
 */
import { describe, expect, it } from 'vitest';
import type { ActorRefLike, InspectionEvent } from 'xstate';
import {
  createRedactingInspector,
  RedactionRules,
  redactValue,
  type RedactedActorRef,
} from '../../../src/adapters/inspect/index.js';
import { accountPassword, appCode } from '../../machines/fixtures.js';
import { queued, rig, rpcError, settle } from '../../machines/harness.js';
import { runSecretFlow, SECRETS, serializeAll } from './secret-flow.js';

/** The id of an actor as the observer sees it (a redacted view). */
const idOf = (ref: ActorRefLike) => (ref as RedactedActorRef).id;

type Snap = { value?: unknown; status?: unknown; tags?: unknown; children?: unknown; context?: unknown };
const snapshotsOf = (recorded: InspectionEvent[], id: string, type = '@xstate.snapshot'): Snap[] =>
  recorded
    .filter((e) => e.type === type && idOf(e.actorRef) === id)
    .map((e) => (e as { snapshot: Snap }).snapshot);

const TYPED = 'typed-into-the-form-9';

/** The engine stopped in the password check (the check never answers), recorded through the redactor. */
async function atChecking(secrets: string[] = []) {
  const recorded: InspectionEvent[] = [];
  const inspector = createRedactingInspector((e) => void recorded.push(e), { secrets });
  const r = await rig(
    queued({
      'auth.sendCode': [appCode],
      'auth.signIn': [rpcError(401, 'SESSION_PASSWORD_NEEDED')],
      'account.getPassword': [accountPassword(1n)],
      'auth.checkPassword': [new Promise(() => undefined)],
    }),
    { inspect: inspector.inspect },
  );
  r.engine.send({ type: 'phone.submit', phone: '9996621234' });
  await settle();
  r.engine.send({ type: 'code.submit', code: '22222' });
  for (let i = 0; i < 3; i++) await settle();
  r.engine.send({ type: 'password.submit', password: TYPED });
  for (let i = 0; i < 3; i++) await settle();
  const refs = new Map(recorded.map((e) => [idOf(e.actorRef), e.actorRef]));
  // The root (the auth machine) is known by its session id.
  return { recorded, refs, rootId: recorded[0]!.rootId, stop: () => r.engine.stop() };
}

describe('inspector: snapshots keep their structure', () => {
  it('the password machine: every substate of waitPassword and waitPasswordRecovery is shown, its context is redacted', async () => {
    const recorded: InspectionEvent[] = [];
    const inspector = createRedactingInspector((e) => void recorded.push(e));
    expect(await runSecretFlow(inspector.inspect)).toBe('ready');
    const snapshots = snapshotsOf(recorded, 'password');
    expect(snapshots.map((s) => s.value)).toEqual(
      expect.arrayContaining([
        { waitPassword: 'idle' },
        { waitPassword: 'checking' },
        { waitPassword: 'refetching' },
        { waitPasswordRecovery: 'checkingCode' },
        { waitPasswordRecovery: 'recovering' },
      ]),
    );
    // Microsteps carry snapshots too, and so does the event that hands them to the parent (onSnapshot).
    expect(snapshotsOf(recorded, 'password', '@xstate.microstep').map((s) => s.value)).toContainEqual({
      waitPassword: 'checking',
    });
    const handedUp = recorded.flatMap((e) =>
      e.type === '@xstate.event' && e.event.type === 'xstate.snapshot.password'
        ? [(e.event as unknown as { snapshot: Snap }).snapshot.value]
        : [],
    );
    expect(handedUp).toContainEqual({ waitPasswordRecovery: 'checkingCode' });
    const checking = snapshots.find((s) => JSON.stringify(s.value) === '{"waitPassword":"checking"}')!;
    expect(checking.status).toBe('active');
    expect(checking.tags).toEqual(expect.arrayContaining(['waitPassword', 'busy']));
    // The data is redacted as before: the sealed attempt, the single-use srp_B and srp_id.
    expect(checking.context).toMatchObject({
      attempt: '[secret]',
      info: { srpB: '[redacted]', srpId: '[redacted]', hint: 'pet name' },
    });
    expect(serializeAll(recorded)).not.toContain(SECRETS.wrongPassword);
  });

  it('the auth machine: the ids of its children are kept, in events and in what its actor reports later', async () => {
    const { recorded, refs, rootId, stop } = await atChecking();
    const auth = snapshotsOf(recorded, rootId);
    const last = auth[auth.length - 1]!;
    expect(last.value).toBe('password');
    expect(last.children).toMatchObject({ password: { xstate$$type: 1, id: 'password' } });
    // @statelyai/inspect reads actors later, through getSnapshot(): the same structure there.
    const live = refs.get(rootId)!.getSnapshot() as Snap;
    expect(Object.keys(live.children as object)).toContain('password');
    const password = refs.get('password')!.getSnapshot() as Snap;
    expect(password.value).toEqual({ waitPassword: 'checking' });
    expect(password.context).toMatchObject({ attempt: '[secret]' });
    stop();
  });

  it('the password typed into password.submit never reaches the observer, in any event or snapshot', async () => {
    const { recorded, refs, stop } = await atChecking();
    const json = serializeAll({ recorded, snapshots: [...refs.values()].map((ref) => ref.getSnapshot()) });
    stop();
    expect(json).toContain('"type":"password.submit","password":"[redacted]"');
    expect(json).toContain('{"waitPassword":"checking"}');
    expect(json).not.toContain(TYPED);
  });

  it('a registered secret is still taken out of a state value (a state name never should be one)', async () => {
    const { recorded, refs, stop } = await atChecking(['checking']);
    const password = refs.get('password')!.getSnapshot() as Snap;
    stop();
    expect(password.value).toEqual({ waitPassword: '[redacted]' });
    expect(JSON.stringify(snapshotsOf(recorded, 'password'))).not.toContain('checking');
  });

  it('data that only looks like a snapshot (a `machine` and a `value` field) is judged by name as before', () => {
    const lookalike = { machine: { id: 'm' }, value: { password: 'hunter2' }, status: 'active' };
    expect(redactValue(lookalike, new RedactionRules())).toEqual({
      machine: { id: 'm' },
      value: { password: '[redacted]' },
      status: 'active',
    });
  });
});
