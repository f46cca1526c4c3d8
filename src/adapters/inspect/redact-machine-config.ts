/**
 * Redaction of a machine definition (`actorRef.logic.config`, what Stately's inspector draws).
 * Structure is not secret: state keys, event and delay names, ids, targets, `initial`, `src` and
 * guard / action type names are kept as written, even when a name contains "password" or "token"
 * (`waitPassword`, `loginToken.updated`, `qrTokenExpiry`): judged by key name like data, they
 * would vanish from the drawing. What a config can carry as data (`context`, an invoke's `input`,
 * action and guard `params`, a final state's `output`, and any field this walk does not know) goes
 * through `redactValue` with every rule; `description` and `meta` through the value rules only.
 */
import { redactValue } from './redact-value.js';
import type { RedactionRules } from './redaction-rules.js';

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A name, a flag or a list of names: what the structural fields below hold. */
const isName = (v: unknown): boolean =>
  v === undefined ||
  ['string', 'number', 'boolean'].includes(typeof v) ||
  (Array.isArray(v) && v.every((x) => typeof x === 'string'));

/** State node fields that only name things (`target`: a history state's default). */
const STATE_NAMES = new Set(['id', 'key', 'type', 'history', 'target', 'tags', 'version', 'order']);

const mapEntries = (node: Node, f: (key: string, value: unknown) => unknown): Node =>
  Object.fromEntries(Object.entries(node).map(([k, v]) => [k, f(k, v)]));
const mapValues = (node: Node, f: (value: unknown) => unknown): Node => mapEntries(node, (_k, v) => f(v));

/**
 * A redacted copy of a machine config (`machine.config`); the original is never changed.
 * Inline functions (actions, guards, `input` and `context` factories) become `{ type: name }`,
 * as Stately's tools render them.
 */
export function redactMachineConfig(config: object, rules: RedactionRules): unknown {
  const data = (v: unknown) => redactValue(v, rules, { describeFunctions: true });
  const authored = (v: unknown) => redactValue(v, rules, { describeFunctions: true, byKeyName: false });
  /** A data field: its own name counts too, as it does in events and snapshots. */
  const field = (key: string, v: unknown) => (data({ [key]: v }) as Node)[key];
  const ancestors = new WeakSet<object>();

  /** `{ type, params }` of an action or a guard; a string is a type name, a function is inline. */
  function typed(v: unknown): unknown {
    if (typeof v === 'string') return v;
    if (!isNode(v)) return data(v);
    return mapEntries(v, (k, x) => (k === 'type' && typeof x === 'string' ? x : field(k, x)));
  }

  function transition(t: unknown): unknown {
    if (typeof t === 'string') return t; // a target
    if (!isNode(t)) return data(t);
    return mapEntries(t, (k, x) => {
      if (k === 'target' || k === 'reenter') return isName(x) ? x : field(k, x);
      if (k === 'guard') return typed(x);
      if (k === 'actions') return Array.isArray(x) ? x.map(typed) : typed(x);
      if (k === 'description' || k === 'meta') return authored(x);
      return field(k, x);
    });
  }

  const transitions = (slot: unknown) => (Array.isArray(slot) ? slot.map(transition) : transition(slot));

  function invoke(inv: unknown): unknown {
    if (!isNode(inv)) return data(inv);
    return mapEntries(inv, (k, x) => {
      if (k === 'id' || k === 'systemId' || (k === 'src' && typeof x === 'string'))
        return isName(x) ? x : field(k, x);
      if (k === 'onDone' || k === 'onError' || k === 'onSnapshot') return transitions(x);
      if (k === 'description' || k === 'meta') return authored(x);
      return field(k, x); // input, an inline src (logic), anything else
    });
  }

  function stateNode(node: unknown): unknown {
    if (!isNode(node)) return data(node);
    if (ancestors.has(node)) return '[circular]';
    ancestors.add(node);
    try {
      return mapEntries(node, (k, x) => {
        if (k === 'states') return isNode(x) ? mapValues(x, stateNode) : data(x);
        if (k === 'on' || k === 'after') return isNode(x) ? mapValues(x, transitions) : data(x);
        if (k === 'always' || k === 'onDone' || k === 'initial') return transitions(x);
        if (k === 'invoke') return Array.isArray(x) ? x.map(invoke) : invoke(x);
        if (k === 'entry' || k === 'exit') return Array.isArray(x) ? x.map(typed) : typed(x);
        if (k === 'description' || k === 'meta') return authored(x);
        if (STATE_NAMES.has(k) && isName(x)) return x;
        return field(k, x); // context, output, anything else
      });
    } finally {
      ancestors.delete(node);
    }
  }

  return stateNode(config);
}
