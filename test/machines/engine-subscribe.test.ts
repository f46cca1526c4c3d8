import { describe, expect, it } from 'vitest';
import { filter, firstValueFrom, NEVER } from 'rxjs';
import { createAuthEngine, type AuthView } from '../../src/machines/index.js';

describe('engine.subscribe: the store contract (React useSyncExternalStore, Svelte)', () => {
  it('calls back at once, and returns a function that also has unsubscribe', async () => {
    const engine = createAuthEngine({ apiId: 1, apiHash: 'x', rpc: { invoke: () => NEVER, updates$: NEVER } });
    await firstValueFrom(engine.state$.pipe(filter((v) => v.status === 'waitPhoneNumber')));
    const seen: AuthView[] = [];
    const watching: AuthView[] = [];
    const unsubscribe = engine.subscribe((v) => seen.push(v));
    const still = engine.subscribe({ next: (v) => watching.push(v) });
    expect(seen.map((v) => v.status)).toEqual(['waitPhoneNumber']);
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
    engine.send({ type: 'phone.submit', phone: '9996621234' });
    // The view changed (busy), the live subscriber saw it, the unsubscribed one did not.
    expect(watching.at(-1)?.busy).toBe(true);
    expect(seen).toHaveLength(1);
    still.unsubscribe();
    engine.stop();
  });
});
