/**
 * `machineToMermaid`: a Mermaid `stateDiagram-v2` of an XState v5 machine, read from its state
 * node tree (what `toJSON()` serializes), for docs that render on GitHub without Stately's tools.
 * Every state is a box (the machine itself too, so its root-level transitions have a source);
 * transitions are labelled with the event, `[guard]`, `after <delay>` or `done:`/`error:` of an
 * invoked actor; targetless transitions (actions only) are left out; invokes are listed in the box.
 */
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

const idOf = (node: AnyStateNode): string => node.id.replace(/[^A-Za-z0-9_]/g, '_');

function guardName(guard: unknown): string | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard)
    return String((guard as { type: unknown }).type);
  return (guard as { name?: string }).name || 'guard';
}

function eventLabel(eventType: string): string {
  const after = /^xstate\.after\.(.+?)\.[^.]*(?:\.|$)/.exec(eventType);
  if (after) return `after ${after[1]}`;
  const actor = /^xstate\.(done|error)\.actor\.(.+)$/.exec(eventType);
  if (actor) return `${actor[1]}: ${actor[2]}`;
  if (eventType.startsWith('xstate.done.state.')) return 'done';
  return eventType === '' ? 'always' : eventType;
}

function edge(t: AnyTransitionDefinition, label: string): string[] {
  const guard = guardName(t.guard);
  const text = `${label}${guard ? ` [${guard}]` : ''}`.replace(/[:;#]/g, (c) => (c === ':' ? ' -' : ''));
  return (t.target ?? []).map((target: AnyStateNode) => `${idOf(t.source)} --> ${idOf(target)} : ${text}`);
}

function transitionsOf(node: AnyStateNode): string[] {
  const lines: string[] = [];
  for (const [eventType, list] of node.transitions as Map<string, AnyTransitionDefinition[]>) {
    for (const t of list) lines.push(...edge(t, eventLabel(eventType)));
  }
  for (const t of (node.always ?? []) as AnyTransitionDefinition[]) lines.push(...edge(t, 'always'));
  for (const child of Object.values(node.states) as AnyStateNode[]) lines.push(...transitionsOf(child));
  return lines;
}

function block(node: AnyStateNode, indent: string): string[] {
  const id = idOf(node);
  const lines = [`${indent}state "${node.key}" as ${id}`];
  for (const inv of node.invoke as { src: unknown; id: string }[]) {
    lines.push(`${indent}${id} : invokes ${typeof inv.src === 'string' ? inv.src : inv.id}`);
  }
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length === 0) return lines;
  lines.push(`${indent}state ${id} {`);
  const inner = indent + '  ';
  if (node.type === 'parallel') {
    children.forEach((child, i) => {
      if (i > 0) lines.push(`${inner}--`);
      lines.push(...block(child, inner));
    });
  } else {
    for (const target of (node.initial?.target ?? []) as AnyStateNode[])
      lines.push(`${inner}[*] --> ${idOf(target)}`);
    for (const child of children) {
      lines.push(...block(child, inner));
      if (child.type === 'final') lines.push(`${inner}${idOf(child)} --> [*]`);
    }
  }
  lines.push(`${indent}}`);
  return lines;
}

/** The machine as Mermaid `stateDiagram-v2` source (ends with a newline). */
export function machineToMermaid(machine: AnyStateMachine): string {
  const root = machine.root as AnyStateNode;
  return [
    'stateDiagram-v2',
    `  [*] --> ${idOf(root)}`,
    ...block(root, '  '),
    ...transitionsOf(root).map((l) => `  ${l}`),
    '',
  ].join('\n');
}
