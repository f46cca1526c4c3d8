/**
 * The console's script, part 4: QR login (live tokens, approved with one click as any account,
 * including one on another DC, which sends the app through the migration), DCs and keys (addresses,
 * connections, keys by kind, binding, user and expiry; never key bytes), the clock (expire a code,
 * a QR token, a temp key) and the fault switches; then the start-up.
 */
export const CONSOLE_SCRIPT_CLUSTER = String.raw`
TABS.qr = {
  build: function () {
    var self = this;
    this.as = h('select', { 'data-testid': 'qr-as', onchange: function () { S.qrAs = self.as.value; } });
    this.body = h('div');
    fill($('tab-qr'), h('h2', { text: 'QR login: tokens waiting for a scan' }),
      h('div', { class: 'filters' }, 'approve as', this.as,
        h('span', { class: 'muted', text: 'An account on another DC than the token makes the app migrate and import the login there.' })),
      this.body);
  },
  load: function () {
    var self = this;
    return Promise.all([api('GET', '/qr'), api('GET', '/accounts')]).then(function (r) {
      S.qr = r[0]; S.accounts = r[1]; self.render();
    });
  },
  loadBadge: function () { api('GET', '/qr').then(function (q) { S.qr = q; badge('qr-badge', q.filter(function (t) { return !t.acceptedBy; }).length); }, function () {}); },
  render: function () {
    var self = this;
    var people = S.accounts.filter(function (a) { return !a.bot; });
    if (!S.qrAs && people.length) S.qrAs = people[0].id;
    // Rebuilt only when the accounts changed: this runs every second for the countdowns.
    var key = people.map(accountLabel).join('|');
    if (key !== this.asKey) {
      this.asKey = key;
      fill(this.as, people.map(function (a) { return h('option', { value: a.id, text: accountLabel(a) }); }));
      this.as.value = S.qrAs;
    }
    badge('qr-badge', S.qr.filter(function (t) { return !t.acceptedBy; }).length);
    if (!S.qr.length) return fill(this.body, h('div', { class: 'empty', text: 'No QR token is waiting. Choose "QR code" in an app and its token shows up here.' }));
    var now = simNow();
    fill(this.body, h('table', {},
      h('thead', {}, h('tr', {}, ['link', 'DC', 'asked by key', 'expires', ''].map(function (t) { return h('th', { text: t }); }))),
      h('tbody', {}, S.qr.map(function (t) {
        var who = S.accounts.filter(function (a) { return a.id === t.acceptedBy; })[0];
        return h('tr', { 'data-testid': 'qr-row' },
          h('td', { class: 'mono', text: t.link.slice(0, 40) + '…', title: t.link }), h('td', { text: 'DC' + t.dcId }),
          h('td', { class: 'mono', text: t.authKeyId }), h('td', { text: fmtLeft(t.expiresAt - now) }),
          h('td', {}, t.acceptedBy ? h('span', { class: 'ok', text: 'approved by ' + (who ? accountLabel(who) : t.acceptedBy) }) :
            h('button', { class: 'primary', 'data-testid': 'qr-approve', text: 'Approve', disabled: !self.as.value, onclick: function () {
              var a = S.accounts.filter(function (x) { return x.id === self.as.value; })[0];
              act(api('POST', '/qr/approve', { token: t.link, userId: self.as.value }), 'approved as ' + (a ? accountLabel(a) : self.as.value));
            } })));
      }))));
  }
};

TABS.dcs = {
  build: function () {
    this.filter = h('input', { type: 'search', placeholder: 'key id or user id', oninput: function () { TABS.dcs.renderKeys(); } });
    this.cards = h('div', { class: 'row' });
    this.keys = h('div', { class: 'scroll' });
    fill($('tab-dcs'), h('h2', { text: 'DCs' }), this.cards, h('h3', { text: 'Auth keys (newest 300; key bytes are never shown)' }),
      h('div', { class: 'filters' }, this.filter), this.keys);
  },
  load: function () {
    var self = this;
    return Promise.all([api('GET', '/dcs'), api('GET', '/keys?limit=300')]).then(function (r) {
      S.dcs = r[0]; S.keys = r[1]; self.render();
    });
  },
  render: function () {
    fill(this.cards, S.dcs.map(function (d) {
      return h('div', { class: 'card', 'data-testid': 'dc-card' }, h('h3', { text: 'DC' + d.id }),
        h('div', { class: 'mono', text: 'tcp ' + d.host + ':' + d.tcpPort }),
        d.wsPort ? h('div', { class: 'mono', text: 'ws://' + d.host + ':' + d.wsPort + '/apiws' }) : null,
        h('div', { text: d.connections + ' live connection(s)' }),
        h('div', { class: 'muted', text: d.permKeys + ' perm keys (' + d.authorizedKeys + ' logged in), ' + d.tempKeys + ' temp keys' }));
    }));
    this.renderKeys();
  },
  renderKeys: function () {
    var f = this.filter.value.trim();
    var now = simNow();
    var rows = (S.keys || []).filter(function (k) { return !f || k.id === f || k.userId === f || k.boundPermId === f || k.boundTempId === f; }).slice().reverse();
    fill(this.keys, h('table', {},
      h('thead', {}, h('tr', {}, ['key id', 'DC', 'kind', 'bound to', 'user', 'expires', 'client'].map(function (t) { return h('th', { text: t }); }))),
      h('tbody', {}, rows.map(function (k) {
        var c = k.client || {};
        return h('tr', { 'data-testid': 'key-row' }, h('td', { class: 'mono', text: k.id }), h('td', { text: 'DC' + k.dcId }),
          h('td', {}, h('span', { class: 'pill' + (k.kind === 'temp' ? ' warn' : ''), text: k.kind })),
          h('td', { class: 'mono', text: k.boundPermId || k.boundTempId || '' }), h('td', { class: 'mono', text: k.userId || '' }),
          h('td', { text: k.expiresAt ? fmtLeft(k.expiresAt - now) : 'never' }),
          h('td', { text: [c.deviceModel, c.appVersion].filter(Boolean).join(' · ') + (k.layer ? ' (layer ' + k.layer + ')' : '') }));
      }))));
  }
};

TABS.clock = {
  build: function () {
    var self = this;
    var advance = function (ms, what) { return act(api('POST', '/clock/advance', { ms: ms }).then(function (c) { setClock(c); return c; }), 'simulator time +' + fmtDuration(ms) + (what ? ': ' + what : '')); };
    this.presets = h('div', { class: 'actions' });
    this.seconds = h('input', { type: 'number', min: '1', step: '1', placeholder: 'seconds', 'data-testid': 'clock-seconds' });
    this.clockError = h('div', { class: 'form-error', role: 'alert' });
    this.advance = advance;
    this.delay = h('input', { type: 'number', min: '0', step: '1', placeholder: 'ms', 'data-testid': 'fault-delay' });
    this.blackHole = h('input', { type: 'checkbox', 'data-testid': 'fault-blackhole', onchange: function () {
      act(api('POST', '/faults', { blackHole: self.blackHole.checked }), self.blackHole.checked ? 'black hole on: encrypted messages go unanswered' : 'black hole off');
    } });
    var rj = this.rj = { method: h('input', { placeholder: 'auth.sendCode', 'data-testid': 'fault-method' }),
      code: h('input', { type: 'number', value: '420', min: '300', max: '599', style: 'width:80px' }),
      text: h('input', { placeholder: 'FLOOD_WAIT_30', 'data-testid': 'fault-text' }),
      times: h('input', { type: 'number', min: '1', placeholder: 'every time', style: 'width:110px' }) };
    this.faultError = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'fault-error' });
    this.state = h('div');
    fill($('tab-clock'), h('div', { class: 'row' },
      h('div', { class: 'card grow' }, h('h2', { text: 'Clock' }),
        h('p', { class: 'muted', text: 'Simulator time only moves forward. Codes, QR tokens and temp keys expire against it; the apps keep their own clocks.' }),
        this.presets,
        h('form', { novalidate: true, onsubmit: function (ev) {
          ev.preventDefault();
          var n = Number(self.seconds.value);
          if (!self.seconds.value || !Number.isInteger(n) || n < 1 || n > 315360000) { self.clockError.textContent = 'Enter a whole number of seconds from 1 to 315360000 (ten years).'; return; }
          self.clockError.textContent = '';
          advance(n * 1000);
        } }, h('div', { class: 'actions' }, 'advance by', this.seconds, 'seconds', h('button', { class: 'primary', 'data-testid': 'clock-advance', text: 'Advance' })), this.clockError)),
      h('div', { class: 'card grow' }, h('h2', { text: 'Faults' }),
        h('form', { novalidate: true, onsubmit: function (ev) {
          ev.preventDefault();
          var n = Number(self.delay.value);
          if (self.delay.value === '' || !Number.isInteger(n) || n < 0 || n > 600000) { self.faultError.textContent = 'The delay must be a whole number of milliseconds from 0 to 600000.'; return; }
          self.faultError.textContent = '';
          act(api('POST', '/faults', { delayMs: n }), n ? 'every answer now waits ' + n + ' ms' : 'delay off');
        } }, h('div', { class: 'actions' }, 'delay every answer by', this.delay, 'ms', h('button', { text: 'Set' }))),
        h('div', { class: 'actions' }, h('label', {}, this.blackHole, 'black hole: answer the key exchange, then swallow every encrypted message')),
        h('form', { novalidate: true, onsubmit: function (ev) { ev.preventDefault(); self.reject(); } },
          h('div', { class: 'actions' }, 'reject', rj.method, 'with', rj.code, rj.text, rj.times, 'times', h('button', { text: 'Add', 'data-testid': 'fault-add' }))),
        this.faultError,
        h('div', { class: 'actions' },
          h('button', { class: 'danger', text: 'Drop every connection', 'data-testid': 'fault-drop', onclick: function () {
            act(api('POST', '/faults', { dropConnections: true }).then(function (r) { toast('dropped ' + r.dropped + ' connection(s)'); }));
          } }),
          h('button', { text: 'Clear all faults', 'data-testid': 'fault-clear', onclick: function () { act(api('DELETE', '/faults'), 'faults cleared'); } })),
        this.state)));
  },
  reject: function () {
    var rj = this.rj, method = rj.method.value.trim(), text = rj.text.value.trim(), code = Number(rj.code.value);
    var body = { method: method, code: code, text: text };
    if (!/^[\w.]+$/.test(method)) return (this.faultError.textContent = 'Name the method to reject, like auth.sendCode.');
    if (!/^[A-Z0-9_]+$/.test(text)) return (this.faultError.textContent = 'The error must be capitals, digits and _, like FLOOD_WAIT_30.');
    if (!Number.isInteger(code) || code < 300 || code > 599) return (this.faultError.textContent = 'The error code must be from 300 to 599.');
    if (rj.times.value) {
      body.times = Number(rj.times.value);
      if (!Number.isInteger(body.times) || body.times < 1) return (this.faultError.textContent = 'Times must be a positive whole number (empty: every time).');
    }
    this.faultError.textContent = '';
    act(api('POST', '/faults', { reject: body }), method + ' now answers ' + code + ' ' + text);
  },
  load: function () {
    var self = this;
    return Promise.all([api('GET', '/clock'), api('GET', '/faults')]).then(function (r) {
      setClock(r[0]); self.faults = r[1]; self.render();
    });
  },
  render: function () {
    var c = S.clock, advance = this.advance;
    fill(this.presets, [[c.qrTtlMs + 1000, 'expire QR tokens', 'clock-expire-qr'], [c.codeTtlMs + 1000, 'expire login codes', 'clock-expire-code'],
      [86400000 + 1000, 'expire temp keys (a day)', 'clock-expire-temp']].map(function (p) {
      return h('button', { 'data-testid': p[2], text: p[1] + ' (+' + fmtDuration(Math.round(p[0] / 1000) * 1000 - 1000) + ')', onclick: function () { advance(p[0], p[1]); } });
    }));
    var f = this.faults;
    if (!f) return;
    this.blackHole.checked = !!f.blackHole;
    fill(this.state, h('h3', { text: 'now' }), h('ul', {},
      h('li', { text: f.delayMs ? 'every answer waits ' + f.delayMs + ' ms' : 'no delay' }),
      h('li', { text: f.blackHole ? 'black hole ON' : 'no black hole' }),
      f.rejections.length ? f.rejections.map(function (r) {
        return h('li', { text: r.method + ' → ' + r.code + ' ' + r.text + (r.remaining !== undefined ? ' (' + r.remaining + ' more)' : ' (until cleared)') });
      }) : h('li', { text: 'no method rejected' })));
  }
};

function start() {
  Object.keys(TABS).forEach(function (k) { TABS[k].build(); });
  Array.prototype.forEach.call(document.querySelectorAll('nav a'), function (a) {
    a.addEventListener('click', function () { showTab(a.getAttribute('data-tab')); });
  });
  window.addEventListener('hashchange', function () { showTab(location.hash.slice(1)); });
  setInterval(function () {
    tickClock();
    if (S.tab === 'inbox') TABS.inbox.render();
    if (S.tab === 'qr') TABS.qr.render();
  }, 1000);
  Promise.all([api('GET', '/clock'), api('GET', '/inbox'), api('GET', '/rpc-log'), api('GET', '/accounts'), api('GET', '/dcs')]).then(function (r) {
    setClock(r[0]); S.inbox = r[1]; S.rpc = r[2].entries; S.rpcCapacity = r[2].capacity; S.accounts = r[3]; S.dcs = r[4];
    showTab(location.hash.slice(1) || 'inbox');
    TABS.qr.loadBadge();
    connect();
  }, function (e) { setLive(false); toast(e.message, true); });
}
document.addEventListener('DOMContentLoaded', start);
`;
