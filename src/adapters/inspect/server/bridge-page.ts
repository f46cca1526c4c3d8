/**
 * The page a browser opens for the loopback relay: it embeds the Stately inspector UI in an
 * iframe and forwards what arrives on the WebSocket to it with postMessage, holding messages until
 * the inspector announces itself (`@statelyai.connected`).
 */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The HTML of the bridge page for `wsUrl` and `inspectorUrl`. */
export function bridgePage(wsUrl: string, inspectorUrl: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>tgauth inspector (loopback)</title>
<style>html,body,iframe{margin:0;width:100%;height:100%;border:0}</style></head>
<body><iframe id="inspector" src="${escapeHtml(inspectorUrl)}"></iframe>
<script>
  const frame = document.getElementById('inspector');
  const pending = [];
  let ready = false;
  const deliver = (data) => frame.contentWindow.postMessage(data, '*');
  addEventListener('message', (e) => {
    if (e.data && e.data.type === '@statelyai.connected' && !ready) {
      ready = true;
      pending.splice(0).forEach(deliver);
    }
  });
  const socket = new WebSocket(${JSON.stringify(wsUrl)});
  socket.onmessage = (e) => {
    const data = JSON.parse(e.data);
    if (ready) deliver(data); else pending.push(data);
  };
</script></body></html>
`;
}
