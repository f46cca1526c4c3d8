/** Firebase PNV adapters: the browser's Digital Credentials API and a software provider, as `FirebasePnvProvider`s. */
export * from './software-provider.js';
export * from './browser-provider.js';
