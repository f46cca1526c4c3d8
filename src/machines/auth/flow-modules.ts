/**
 * The flows a browser build loads when the user or the server chooses them (issue 26): QR login,
 * passkey login, and the token logins (bot and web token). Each is one `import()` of its folder's door, so a bundler puts the folder (and
 * what only it uses) in a chunk of its own. The phone-code and password flows, which most logins
 * take, stay in the first chunk.
 *
 * The eager door (src/machines/index.ts, what Node loads) provides the modules it already linked,
 * so Node never loads anything later and no machine waits in a loading state there.
 */
import { lazyModule } from '../flow-kit/index.js';

export type QrLoginModule = typeof import('../qr-login/index.js');
export type PasskeyLoginModule = typeof import('../passkey-login/index.js');
export type TokenLoginModule = typeof import('../token-login/index.js');

/** The modules by the root state that runs them; one per process, shared by every engine. */
export const flowModules = {
  qrLogin: lazyModule<QrLoginModule>(() => import('../qr-login/index.js')),
  passkeyLogin: lazyModule<PasskeyLoginModule>(() => import('../passkey-login/index.js')),
  /** Bot and web-token login: one module, both machines. */
  tokenLogin: lazyModule<TokenLoginModule>(() => import('../token-login/index.js')),
};

/** A root state whose flow may have to be loaded first. */
export type LazyFlow = keyof typeof flowModules;

/** Links the flows statically (the eager door): nothing is loaded on demand afterwards. */
export function provideFlowModules(modules: {
  qrLogin: QrLoginModule;
  passkeyLogin: PasskeyLoginModule;
  tokenLogin: TokenLoginModule;
}): void {
  flowModules.qrLogin.provide(modules.qrLogin);
  flowModules.passkeyLogin.provide(modules.passkeyLogin);
  flowModules.tokenLogin.provide(modules.tokenLogin);
}
