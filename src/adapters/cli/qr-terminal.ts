/**
 * Draws a QR code in the terminal for the QR login link (`tg://login?token=…`). The encoding is
 * the `qrcode` package's; two modules per character cell (half blocks) keep it small enough for
 * an 80x24 terminal. Without a terminal the link alone is printed by the caller.
 */
import QRCode from 'qrcode';

/** The QR code of `text` as terminal text (ANSI colours; ends with a newline). */
export async function renderQr(text: string): Promise<string> {
  // Error correction L: the link is long (~60 chars) and a screen is a clean medium.
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}
