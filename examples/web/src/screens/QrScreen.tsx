/**
 * `waitQrConfirmation`: the `tg://login?token=…` link drawn as a QR code on a canvas. The engine
 * exports a fresh token when the old one expires, so the canvas is redrawn whenever the link changes;
 * the countdown shows how long the current one stays valid.
 */
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import type { ScreenProps } from './screen-props.js';

/** Seconds left until `expiresAt` (Unix seconds), ticking once a second. */
function useSecondsLeft(expiresAt: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return expiresAt === undefined ? undefined : Math.max(0, Math.round(expiresAt - now / 1000));
}

/** How "a second device" approves the code on the simulator: its control API (docs/SIMULATOR.md). */
function SimulatorApproval({ controlUrl, link }: { controlUrl: string; link: string }) {
  const command = `curl -s -X POST ${controlUrl}/qr/approve -H 'content-type: application/json' -d '{"token":"${link}","userId":"<id>"}'`;
  return (
    <details data-testid="qr-approve-hint" open>
      <summary>No phone? Approve it on the simulator</summary>
      <p>
        Find the user id of the demo user (9996621234) with <code>curl -s {controlUrl}/accounts</code>, then run:
      </p>
      <pre>{command}</pre>
    </details>
  );
}

export function QrScreen({ view, controlUrl }: ScreenProps<'waitQrConfirmation'> & { controlUrl?: string | undefined }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState<string>();
  const left = useSecondsLeft(view.expiresAt);
  useEffect(() => {
    if (!view.link || !canvas.current) return;
    let current = true;
    QRCode.toCanvas(canvas.current, view.link, { width: 240, margin: 2, errorCorrectionLevel: 'M' }).then(
      () => current && setDrawn(view.link),
      (error: unknown) => console.error('cannot draw the QR code', error),
    );
    return () => {
      current = false;
    };
  }, [view.link]);
  return (
    <div data-testid="qr-screen">
      <p>Open Telegram on your phone, go to Settings → Devices → Link Desktop Device and scan this code (on the simulator: approve it in the console, below).</p>
      <canvas ref={canvas} data-testid="qr-canvas" data-link={drawn ?? ''} width={240} height={240} />
      <p className="muted" data-testid="qr-expiry">
        {view.link ? (left === undefined ? '' : `This code refreshes in ${left} s.`) : 'Fetching a login token…'}
      </p>
      {controlUrl && view.link && <SimulatorApproval controlUrl={controlUrl} link={view.link} />}
    </div>
  );
}
