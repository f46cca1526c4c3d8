/**
 * Vite config of the web demo. The page imports tgauth straight from the repository's `src/`
 * (see src/tgauth.ts), so the dev server may read the whole repository, and React is deduplicated:
 * the repository's React adapter and this page must share one copy of React for hooks to work.
 *
 * `/config.json` (dev and preview servers) is the simulator's config (DCs with their WebSocket ports, RSA key, control URL),
 * handed over by `scripts/web.ts` in the environment variable TGAUTH_SIM_CONFIG.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Serves the simulator config the launcher passed in, so the page knows where the DCs listen. */
function simulatorConfig(): Plugin {
  return {
    name: 'tgauth-simulator-config',
    configureServer(server) {
      server.middlewares.use('/config.json', serveConfig);
    },
    configurePreviewServer(server) {
      server.middlewares.use('/config.json', serveConfig);
    },
  };
}

function serveConfig(_req: IncomingMessage, res: ServerResponse): void {
  const config = process.env.TGAUTH_SIM_CONFIG;
  res.setHeader('content-type', 'application/json');
  res.setHeader('cache-control', 'no-store');
  if (!config) {
    res.statusCode = 503;
    res.end(JSON.stringify({ error: 'no simulator: start the demo with `npm run web`' }));
    return;
  }
  res.end(config);
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [simulatorConfig()],
  resolve: { dedupe: ['react', 'react-dom'] },
  oxc: { jsx: { runtime: 'automatic' } },
  server: { host: '127.0.0.1', fs: { allow: [repoRoot] } },
  // The first chunk holds the engine with the phone and password flows; QR and passkey are chunks of their own.
  // A flow chunk is named after its folder (qr-login-<hash>.js), not after its door (index-<hash>.js).
  build: {
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      output: {
        chunkFileNames: (chunk) => `assets/${/machines\/([a-z-]+)\/index\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1] ?? '[name]'}-[hash].js`,
      },
    },
  },
  clearScreen: false,
});
