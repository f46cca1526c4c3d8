/**
 * Server-Sent Events of a flow's views. The stream starts with what the client missed: every
 * recorded view after its `Last-Event-ID` (the version it saw last), else the current view; then
 * each new version, whichever worker records it (this worker's views at once, others' from the
 * database). Event ids are view versions, so they only go up and a reconnect resumes exactly.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthView } from '../../machines/index.js';
import type { ServiceCore } from './service-core.js';

const HEARTBEAT_MS = 15_000;

/** Writes the flow's views to `reply` as SSE until the client goes away. */
export async function streamViews(core: ServiceCore, flowId: string, lastSeen: number, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  let sent = lastSeen;
  let closed = false;
  const send = (version: number, view: AuthView): void => {
    if (closed || version <= sent) return;
    sent = version;
    raw.write(`id: ${version}\nevent: view\ndata: ${JSON.stringify(view)}\n\n`);
  };
  const open = (bytes: Uint8Array): AuthView => JSON.parse(new TextDecoder().decode(core.sealer.open(`${flowId}/view`, bytes))) as AuthView;
  const catchUp = async (): Promise<void> => {
    const row = await core.storage.getFlow(flowId);
    if (!row) {
      raw.write(`event: gone\ndata: {}\n\n`);
      return stop();
    }
    if (row.version <= sent) return;
    // Missed versions in order when the history still has them, else just the current one.
    const missed = sent >= 0 ? await core.storage.viewsAfter(flowId, sent) : [];
    if (missed.length > 0 && missed[0]!.version === sent + 1) for (const m of missed) send(m.version, open(m.view));
    const current = await core.host.current(flowId);
    if (current) send(current.version, current.view);
  };
  const unwatch = core.host.watch(flowId, (v) => send(v.version, v.view));
  let polling = false;
  const poll = setInterval(() => {
    if (polling) return;
    polling = true;
    void catchUp()
      .catch(() => undefined)
      .finally(() => (polling = false));
  }, core.pollMs * 4);
  const beat = setInterval(() => raw.write(': keepalive\n\n'), HEARTBEAT_MS);
  const stop = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(poll);
    clearInterval(beat);
    unwatch();
    core.streams.delete(stop);
    raw.end();
  };
  core.streams.add(stop);
  request.raw.on('close', stop);
  await catchUp().catch(() => stop());
}
