/** Entry: fetch the simulator config, start one engine for the page, render the login UI. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { browserPasskey } from './browser-passkey.js';
import { createDemoEngine, loadConfig } from './demo-engine.js';

const root = createRoot(document.getElementById('root')!);

loadConfig().then(
  (config) => {
    const engine = createDemoEngine(config);
    // Tests and curious developers can reach the engine and the WebAuthn adapter from the console.
    Object.assign(window, { tgauthDemo: { engine, browserPasskey } });
    window.addEventListener('pagehide', () => engine.stop());
    root.render(
      <StrictMode>
        <App
          engine={engine}
          consoleUrl={config.consoleUrl}
          {...(config.controlUrl ? { controlUrl: config.controlUrl } : {})}
        />
      </StrictMode>,
    );
  },
  (error: unknown) => {
    root.render(<p role="alert" data-testid="fatal">{String(error)}</p>);
  },
);
