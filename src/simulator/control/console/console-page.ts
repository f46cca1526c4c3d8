/**
 * The simulator console's page and style sheet, served by the control server at its root. Plain
 * HTML and CSS with no framework and no build step; the behaviour is in console-script*.ts. It
 * lives with the simulator, so nothing here reaches the engine's browser bundle.
 */

/** The page: a header, one tab per concern, and an empty panel per tab that the script fills. */
export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tgauth simulator console</title>
<link rel="stylesheet" href="/console.css">
<script src="/console.js" defer></script>
</head>
<body>
<header>
  <h1>tgauth simulator</h1>
  <span id="live" class="live off" data-testid="live">connecting…</span>
  <span class="clock">simulator time <b id="sim-time" data-testid="sim-time">–</b> <small id="sim-offset"></small></span>
</header>
<nav id="tabs">
  <a href="#inbox" data-tab="inbox">Inbox <span class="badge" id="inbox-badge" hidden></span></a>
  <a href="#accounts" data-tab="accounts">Accounts</a>
  <a href="#qr" data-tab="qr">QR login <span class="badge" id="qr-badge" hidden></span></a>
  <a href="#dcs" data-tab="dcs">DCs and keys</a>
  <a href="#rpc" data-tab="rpc">RPC log</a>
  <a href="#clock" data-tab="clock">Clock and faults</a>
</nav>
<main>
  <section id="tab-inbox" data-testid="tab-inbox"></section>
  <section id="tab-accounts" data-testid="tab-accounts"></section>
  <section id="tab-qr" data-testid="tab-qr"></section>
  <section id="tab-dcs" data-testid="tab-dcs"></section>
  <section id="tab-rpc" data-testid="tab-rpc"></section>
  <section id="tab-clock" data-testid="tab-clock"></section>
</main>
<div id="toast" role="status" data-testid="toast" hidden></div>
</body>
</html>
`;

/** The style sheet. */
export const CONSOLE_CSS = `:root { --fg: #1d2430; --muted: #687385; --line: #dde2ea; --bg: #f5f7fa; --accent: #2a7ae2;
  --ok: #1b873f; --bad: #c62828; --warn: #b26a00; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); }
header { display: flex; gap: 16px; align-items: center; padding: 10px 20px; background: #17212b; color: #fff; }
header h1 { font-size: 17px; margin: 0 8px 0 0; font-weight: 600; }
header .clock { margin-left: auto; color: #c9d3df; }
header .clock b { color: #fff; font-variant-numeric: tabular-nums; }
.live { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: var(--ok); }
.live.off { background: var(--bad); }
nav { display: flex; gap: 2px; padding: 0 20px; background: #fff; border-bottom: 1px solid var(--line); }
nav a { padding: 10px 14px; color: var(--muted); text-decoration: none; border-bottom: 2px solid transparent; }
nav a.active { color: var(--accent); border-bottom-color: var(--accent); font-weight: 600; }
.badge { background: var(--accent); color: #fff; border-radius: 9px; padding: 0 6px; font-size: 11px; }
main { padding: 16px 20px; }
main > section { display: none; }
main > section.active { display: block; }
h2 { font-size: 16px; margin: 4px 0 12px; }
h3 { font-size: 14px; margin: 16px 0 8px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px; margin-bottom: 14px; }
.row { display: flex; gap: 14px; flex-wrap: wrap; align-items: flex-start; }
.grow { flex: 1 1 420px; min-width: 0; }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.mono, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
.code { font: 600 18px ui-monospace, Menlo, monospace; letter-spacing: 2px; }
.muted { color: var(--muted); }
.err { color: var(--bad); }
.ok { color: var(--ok); }
.expired { color: var(--bad); text-decoration: line-through; }
.pill { display: inline-block; padding: 0 7px; margin: 1px 2px; border-radius: 9px; background: #e8eef7; font-size: 12px; }
.pill.warn { background: #fff1d6; color: var(--warn); }
button { font: inherit; padding: 5px 11px; border-radius: 6px; border: 1px solid #b9c3d0; background: #fff; cursor: pointer; }
button:hover { border-color: var(--accent); }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger { color: var(--bad); }
button:disabled { opacity: .5; cursor: default; }
input, select { font: inherit; padding: 5px 7px; border: 1px solid #b9c3d0; border-radius: 6px; background: #fff; }
input[type=checkbox] { margin-right: 6px; }
input:invalid, input.invalid { border-color: var(--bad); }
form .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 10px 14px; }
form label { display: flex; flex-direction: column; gap: 3px; font-size: 12px; color: var(--muted); }
form label.check { flex-direction: row; align-items: center; color: var(--fg); font-size: 13px; }
form fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 12px 0 0; padding: 8px 12px 12px; }
form legend { font-size: 12px; color: var(--muted); padding: 0 4px; }
.actions { display: flex; gap: 8px; margin-top: 12px; align-items: center; flex-wrap: wrap; }
.actions input { max-width: 150px; }
td.acts { white-space: nowrap; }
.form-error { color: var(--bad); font-weight: 500; margin-top: 10px; }
.filters { display: flex; gap: 8px; margin-bottom: 10px; align-items: center; flex-wrap: wrap; }
.scroll { max-height: 62vh; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
#toast { position: fixed; bottom: 18px; right: 18px; background: #17212b; color: #fff; padding: 9px 14px; border-radius: 8px; max-width: 420px; }
#toast.bad { background: var(--bad); }
.empty { color: var(--muted); padding: 14px; text-align: center; }
`;
