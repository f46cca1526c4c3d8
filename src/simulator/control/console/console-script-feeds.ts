/**
 * The console's script, part 2: the two live feeds. The inbox lists every code the simulator
 * "sent" (login codes, e-mail codes, recovery codes, with the delivery and a countdown to expiry);
 * the RPC log lists the last requests (method, DC, key, user or phone, result or error, latency),
 * filtered by phone or key in the page. Both are bounded lists pushed by the live stream.
 */
export const CONSOLE_SCRIPT_FEEDS = String.raw`
var PURPOSE = { login: 'login code', email: 'e-mail code', recovery: 'recovery code' };
var DELIVERY_HINT = {
  firebaseSms: 'Firebase SMS: sent once the app passes the device check (auth.requestFirebaseSms)',
  flashCall: 'flash call: the code is the tail of the calling number',
  missedCall: 'missed call: the code is the tail of the calling number',
  fragmentSms: 'Fragment: the code arrives on fragment.com',
  email: 'sent to the login e-mail'
};

TABS.inbox = {
  build: function () {
    this.filter = h('input', { type: 'search', placeholder: 'filter by phone or e-mail', 'data-testid': 'inbox-filter',
      oninput: function () { TABS.inbox.render(); } });
    this.body = h('div', { class: 'scroll' });
    fill($('tab-inbox'), h('h2', { text: 'Inbox: every code the simulator sent, newest first' }),
      h('div', { class: 'filters' }, this.filter,
        h('span', { class: 'muted', text: 'Test numbers 99966XYYYY live on DC X and their code is X five times.' })),
      this.body);
  },
  render: function () {
    var f = this.filter.value.replace(/[\s+\-()]/g, '').toLowerCase();
    var rows = S.inbox.filter(function (m) {
      return !f || (m.to + ' ' + (m.phone || '')).toLowerCase().indexOf(f) >= 0;
    }).slice().reverse();
    if (!rows.length) return fill(this.body, h('div', { class: 'empty', text: S.inbox.length ? 'nothing matches the filter' : 'No code sent yet. Log in from an app and the code shows up here at once.' }));
    var now = simNow();
    fill(this.body, h('table', {},
      h('thead', {}, h('tr', {}, ['sent', 'to', 'what', 'code', 'expires', ''].map(function (t) { return h('th', { text: t }); }))),
      h('tbody', {}, rows.map(function (m) {
        var left = m.expiresAt ? m.expiresAt - now : undefined;
        var hint = DELIVERY_HINT[m.delivery];
        return h('tr', { 'data-testid': 'inbox-row', 'data-to': m.to, 'data-phone': m.phone || '' },
          h('td', { class: 'mono', text: fmtTime(m.date * 1000) }),
          h('td', {}, m.to.indexOf('@') > 0 ? m.to : '+' + m.to, m.phone && m.to !== m.phone ? h('div', { class: 'muted', text: 'account +' + m.phone }) : null),
          h('td', {}, h('span', { class: 'pill', text: PURPOSE[m.purpose] || 'message' }),
            h('span', { class: 'pill', text: m.delivery || m.channel }), hint ? h('div', { class: 'muted', text: hint }) : null),
          h('td', {}, h('span', { class: 'code' + (left !== undefined && left <= 0 ? ' expired' : ''), 'data-testid': 'inbox-code', text: m.code || '' })),
          h('td', { class: left !== undefined && left <= 0 ? 'err' : '', text: left === undefined ? '–' : fmtLeft(left) }),
          h('td', {}, m.code ? h('button', { 'data-testid': 'inbox-copy', text: 'Copy', onclick: function () { copyText(m.code); } }) : null));
      }))));
  }
};

TABS.rpc = {
  build: function () {
    var rerender = function () { TABS.rpc.render(); };
    this.phone = h('input', { type: 'search', placeholder: 'phone', 'data-testid': 'rpc-phone', oninput: rerender });
    this.key = h('input', { type: 'search', placeholder: 'auth key id', 'data-testid': 'rpc-key', oninput: rerender, size: 22 });
    this.errors = h('input', { type: 'checkbox', 'data-testid': 'rpc-errors', onchange: rerender });
    this.count = h('span', { class: 'muted' });
    this.body = h('div', { class: 'scroll' });
    fill($('tab-rpc'), h('h2', { text: 'RPC log: the last requests the simulator answered' }),
      h('div', { class: 'filters' }, 'filter', this.phone, this.key, h('label', {}, this.errors, 'errors only'), this.count), this.body);
  },
  render: function () {
    var phone = this.phone.value.replace(/\D/g, '');
    var key = this.key.value.trim();
    var errorsOnly = this.errors.checked;
    var rows = S.rpc.filter(function (e) {
      return (!phone || (e.phone || '').indexOf(phone) >= 0) && (!key || e.authKeyId === key || e.permKeyId === key) &&
        (!errorsOnly || e.error);
    }).slice().reverse();
    this.count.textContent = rows.length + ' of the last ' + S.rpc.length + ' calls (the simulator keeps ' + (S.rpcCapacity || 500) + ')';
    var self = this;
    fill(this.body, h('table', {},
      h('thead', {}, h('tr', {}, ['#', 'time', 'DC', 'method', 'auth key (perm)', 'user / phone', 'result', 'ms'].map(function (t) { return h('th', { text: t }); }))),
      h('tbody', {}, rows.map(function (e) {
        return h('tr', { 'data-testid': 'rpc-row', 'data-method': e.method, 'data-result': e.error || e.result },
          h('td', { class: 'muted', text: e.seq }),
          h('td', { class: 'mono', text: fmtTime(e.at) }),
          h('td', { text: e.dcId }),
          h('td', { class: 'mono', text: e.method }),
          h('td', { class: 'mono' }, h('a', { href: '#rpc', text: e.authKeyId, title: 'show only this key',
            onclick: function () { self.key.value = e.authKeyId; self.render(); } }),
            e.permKeyId ? h('div', { class: 'muted', text: '→ ' + e.permKeyId }) : null),
          h('td', { text: (e.userId ? 'user ' + e.userId : '') + (e.phone ? (e.userId ? ' · ' : '') + '+' + e.phone : '') }),
          h('td', { class: 'mono ' + (e.error ? 'err' : 'ok'), text: e.error || e.result }),
          h('td', { class: 'mono', text: e.ms }));
      }))));
    if (!rows.length) append(this.body, h('div', { class: 'empty', text: 'No calls yet.' }));
  }
};
`;
