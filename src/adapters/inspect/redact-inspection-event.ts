/**
 * Redaction of whole XState inspection events. XState's `sanitizeEvent`/`sanitizeContext` (and
 * @statelyai/inspect's options) see only the event and the context; a child actor's `input`, the
 * nested `xstate.init` event, promise outputs and the live actor behind `actorRef` (which
 * @statelyai/inspect reads with `getSnapshot()` later, on its own schedule) all slip past them.
 * Here every field is redacted, and every actor reference is replaced by a read-only view whose
 * `getSnapshot()` is redacted too.
 */
import type { ActorRefLike, AnyTransitionDefinition, InspectionEvent } from 'xstate';
import { describedConfigOf } from '../../machines/index.js';
import { RedactionRules, type RedactionOptions } from './redaction-rules.js';
import { redactMachineConfig } from './redact-machine-config.js';
import { redactValue } from './redact-value.js';

/** A read-only stand-in for an actor in a redacted event: what inspectors read, nothing more. */
export interface RedactedActorRef extends ActorRefLike {
  readonly id: string;
  readonly sessionId: string;
  readonly src?: unknown;
  /** The parent's view, so inspectors can rebuild the actor tree. */
  readonly _parent?: RedactedActorRef;
  /**
   * The machine definition only, with its descriptions merged back (the engine's machines keep them
   * in side tables, issue 11), its structure (state, event and delay names) as written and its data
   * redacted: a config literal may hold a secret (an invoke's `input: { password: '…' }`). Absent
   * for non-machine logic.
   */
  readonly logic?: { readonly config: unknown };
  toJSON(): { xstate$$type: 1; id: string };
}

type LiveRef = ActorRefLike & { id?: string; src?: unknown; _parent?: LiveRef; logic?: { config?: unknown } };

/** Redacts inspection events with one set of rules; reuses one view per actor. */
export class InspectionRedactor {
  readonly rules: RedactionRules;
  readonly #views = new WeakMap<object, RedactedActorRef>();
  readonly #configs = new WeakMap<object, unknown>();

  constructor(options: RedactionOptions | RedactionRules = {}) {
    this.rules = options instanceof RedactionRules ? options : new RedactionRules(options);
  }

  /** A redacted copy of `event`; the original is untouched. */
  redact(event: InspectionEvent): InspectionEvent {
    const r = (v: unknown) => redactValue(v, this.rules);
    const base = { type: event.type, rootId: event.rootId, actorRef: this.view(event.actorRef) };
    switch (event.type) {
      case '@xstate.actor':
        return base as InspectionEvent;
      case '@xstate.event':
        return {
          ...base,
          event: r(event.event),
          sourceRef: event.sourceRef && this.view(event.sourceRef),
        } as InspectionEvent;
      case '@xstate.action':
        return {
          ...base,
          action: { type: event.action.type, params: r(event.action.params) },
        } as InspectionEvent;
      case '@xstate.microstep':
        return {
          ...base,
          event: r(event.event),
          snapshot: r(event.snapshot),
          // Transition definitions link to the whole live machine; keep what a reader needs.
          _transitions: event._transitions.map(summarizeTransition),
        } as unknown as InspectionEvent;
      default: {
        // '@xstate.snapshot', '@xstate.transition' and any type added later: redact every field.
        const rest = Object.fromEntries(
          Object.entries(event)
            .filter(([k]) => !(k in base))
            .map(([k, v]) => [k, r(v)]),
        );
        return { ...rest, ...base } as unknown as InspectionEvent;
      }
    }
  }

  /** The read-only view of `ref` (one per actor, so identity comparisons keep working). */
  view(ref: ActorRefLike): RedactedActorRef {
    const cached = this.#views.get(ref);
    if (cached) return cached;
    const live = ref as LiveRef;
    const id = live.id ?? live.sessionId;
    const config = this.#config(live.logic?.config);
    const view: RedactedActorRef = {
      id,
      sessionId: live.sessionId,
      ...(live.src === undefined || typeof live.src === 'string' ? { src: live.src } : {}),
      ...(live._parent ? { _parent: this.view(live._parent) } : {}),
      ...(config === undefined ? {} : { logic: { config } }),
      getSnapshot: () =>
        redactValue(ref.getSnapshot(), this.rules) as ReturnType<ActorRefLike['getSnapshot']>,
      // Inspection is read-only: a view must not become a way to drive the engine.
      send: () => undefined,
      toJSON: () => ({ xstate$$type: 1, id }),
    };
    this.#views.set(ref, view);
    return view;
  }

  #config(config: unknown): unknown {
    if (typeof config !== 'object' || config === null) return undefined;
    if (!this.#configs.has(config)) {
      // Descriptions first: Stately's inspector draws them from this config.
      this.#configs.set(config, redactMachineConfig(describedConfigOf(config), this.rules));
    }
    return this.#configs.get(config);
  }
}

function summarizeTransition(t: AnyTransitionDefinition): object {
  return {
    eventType: t.eventType,
    source: t.source.id,
    target: t.target?.map((s) => s.id),
    reenter: t.reenter,
    ...(t.guard
      ? { guard: typeof t.guard === 'string' ? t.guard : ((t.guard as { type?: string }).type ?? 'inline') }
      : {}),
  };
}

/**
 * A redacted copy of one inspection event with the default rules (plus `options`). For a stream
 * of events use `createRedactingInspector`, which shares rules and actor views across events.
 */
export function redactInspectionEvent(event: InspectionEvent, options?: RedactionOptions): InspectionEvent {
  return new InspectionRedactor(options).redact(event);
}
