/**
 * `tgauth login --service <url>`: the terminal login, run by a login service instead of in this
 * process. Creates a flow with the operator key (TGAUTH_API_KEY or --api-key), then drives it
 * through `remoteAuthEngine` with the flow's capability token: the same prompts, the same views.
 * Against a service on the simulator, codes are read from its inbox as usual by whoever runs it.
 */
import { remoteAuthEngine } from '../remote/index.js';
import type { CliOptions } from './cli-options.js';
import { formatView } from './format-view.js';
import { createLineReader } from './line-reader.js';
import { promptFor, settledView, type LoginEngine, type PromptContext } from './login-prompts.js';
import { runQrScreen } from './login-qr.js';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Runs the login through the service; resolves with the exit code. */
export async function runServiceLogin(options: CliOptions): Promise<number> {
  const url = options.service!;
  const apiKey = options.apiKey ?? process.env['TGAUTH_API_KEY'];
  if (!apiKey) {
    say('login --service needs the operator key: --api-key or TGAUTH_API_KEY');
    return 2;
  }
  const created = await fetch(`${url.replace(/\/+$/, '')}/v1/flows`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (created.status !== 201) {
    say(`the service refused to create a flow: HTTP ${created.status} ${await created.text()}`);
    return 1;
  }
  const { flowId, token } = (await created.json()) as { flowId: string; token: string };
  say(`flow ${flowId} on ${url}`);
  const remote = remoteAuthEngine(url, flowId, token);
  const engine: LoginEngine = {
    state$: remote.state$,
    getSnapshot: remote.getSnapshot,
    send: (command) => void remote.send(command).catch((error: unknown) => say(`  error: ${(error as Error).message}`)),
  };
  const reader = createLineReader(process.stdin, process.stdout);
  const ctx: PromptContext = { engine, reader, say, inbox: () => Promise.resolve(undefined) };
  const rejected = remote.on('command.rejected', (e) => say(`  (ignored: ${e.command} is not possible now)`));
  let lastError = '';
  try {
    for (;;) {
      const view = await settledView(engine);
      if (view.error && view.error.message !== lastError) say(`  error: ${view.error.type}: ${view.error.message}`);
      lastError = view.error?.message ?? '';
      say(`  [${formatView(view).replace(/ link=\S+/, '')}]`);
      if (view.status === 'waitQrConfirmation') {
        await runQrScreen({ engine, reader, say }, view);
        continue;
      }
      if (!(await promptFor(ctx, view))) break;
    }
  } finally {
    rejected.unsubscribe();
    reader.close();
    remote.stop();
  }
  return 0;
}
