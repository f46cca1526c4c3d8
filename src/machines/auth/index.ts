/**
 * auth/: the root machine: the UI-facing states named after TDLib's authorization states, which
 * flow child runs, session load/save and logout. Uses session/, the flow folders, flow-kit/, core/.
 */
export * from './machine.js';
export { createAuthActors, deviceAuthorizationOf, type AuthDeps, type FlowPorts } from './actors.js';
export * from './descriptions.js';
export { flowModules, provideFlowModules, type LazyFlow } from './flow-modules.js';
