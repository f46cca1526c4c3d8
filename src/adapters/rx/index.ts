/** adapters/rx: RxJS helpers over an engine's views (`engine.state$` and `from(engine)` need none of them). */
export * from './view-source.js';
export * from './select-view.js';
export * from './shallow-equal.js';
export * from './ui-adapter-error.js';
