/**
 * The console's script, part 3: accounts. One form creates or edits an account with every switch
 * the simulator has (home DC, names, 2FA password with hint and recovery e-mail, login e-mail,
 * passkeys, bot token, the forced paths, flood limit); it checks its input before sending and
 * shows the server's sentence when the server refuses. The list has edit, devices (authorizations
 * with log-out) and delete; the list is redrawn on changes, the form never is while you type in it.
 */
export const CONSOLE_SCRIPT_ACCOUNTS = String.raw`
var SWITCHES = [
  ['firebaseRequired', 'Firebase SMS first'], ['paymentRequired', 'paid login (payment required)'],
  ['emailSetupRequired', 'must set up a login e-mail'], ['signUpRequired', 'sign-up required'], ['banned', 'banned']
];
var EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

TABS.accounts = {
  editing: null,
  build: function () {
    var f = this.f = {};
    var input = function (name, label, attrs) {
      f[name] = h('input', Object.assign({ name: name, 'data-testid': 'f-' + name }, attrs || {}));
      return h('label', {}, label, f[name]);
    };
    f.dcId = h('select', { name: 'dcId', 'data-testid': 'f-dcId' });
    var switches = SWITCHES.map(function (s) {
      f[s[0]] = h('input', { type: 'checkbox', 'data-testid': 'sw-' + s[0] });
      return h('label', { class: 'check' }, f[s[0]], s[1]);
    });
    f.removePassword = h('input', { type: 'checkbox', 'data-testid': 'f-removePassword' });
    this.passkeyList = h('div');
    this.title = h('h2', { text: 'New account' });
    this.error = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'form-error' });
    this.submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'account-submit', text: 'Create account' });
    var self = this;
    this.form = h('form', { 'data-testid': 'account-form', novalidate: true, onsubmit: function (ev) { ev.preventDefault(); self.save(); } },
      this.title,
      h('div', { class: 'fields' },
        input('phone', 'phone (digits; empty for a bot)', { placeholder: '9996621234', inputmode: 'tel', oninput: function () {
          // A test number 99966XYYYY lives on DC X: preselect it.
          var m = /^\+?99966(\d)/.exec(f.phone.value.replace(/[\s\-()]/g, ''));
          if (m && !self.editing && f.dcId.querySelector('option[value="' + m[1] + '"]')) f.dcId.value = m[1];
        } }),
        h('label', {}, 'home DC', f.dcId), input('firstName', 'first name'), input('lastName', 'last name')),
      h('fieldset', {}, h('legend', { text: 'two-step verification (2FA)' }), h('div', { class: 'fields' },
        input('password', 'password (empty: keep)', { type: 'text', autocomplete: 'off' }),
        input('hint', 'hint'), input('recoveryEmail', 'recovery e-mail', { type: 'email' }),
        h('label', { class: 'check' }, f.removePassword, 'remove the password'))),
      h('fieldset', {}, h('legend', { text: 'other ways in' }), h('div', { class: 'fields' },
        input('loginEmail', 'login e-mail (codes go there)', { type: 'email' }),
        input('botToken', 'bot token', { placeholder: '123456:secret' })),
        h('h3', { text: 'passkeys' }), this.passkeyList,
        h('div', { class: 'fields' }, input('pkId', 'new passkey: credential id (base64url)'),
          input('pkKey', 'public key (hex, 65 bytes, 04…)'), input('pkName', 'name'))),
      h('fieldset', {}, h('legend', { text: 'switches that force a path' }), h('div', { class: 'fields' }, switches,
        input('sendCodeLimit', 'sendCode calls before FLOOD_WAIT (empty: default)', { inputmode: 'numeric' }))),
      this.error,
      h('div', { class: 'actions' }, this.submit,
        h('button', { type: 'button', text: 'New', 'data-testid': 'account-new', onclick: function () { self.edit(null); } }),
        this.payment = h('span')));
    this.list = h('div', { class: 'scroll' });
    this.devices = h('div');
    fill($('tab-accounts'), h('div', { class: 'row' }, h('div', { class: 'card grow' }, this.form),
      h('div', { class: 'grow' }, h('h2', { text: 'Accounts' }), this.list, this.devices)));
    this.edit(null);
  },
  load: function () {
    var self = this;
    return Promise.all([api('GET', '/accounts'), api('GET', '/dcs')]).then(function (r) {
      S.accounts = r[0];
      S.dcs = r[1];
      self.render();
      if (self.devicesOf) self.showDevices(self.devicesOf);
    });
  },
  render: function () {
    var self = this;
    if (this.f.dcId.options.length !== (S.dcs || []).length) {
      var keep = this.f.dcId.value || '2';
      fill(this.f.dcId, (S.dcs || []).map(function (d) { return h('option', { value: String(d.id), text: 'DC' + d.id }); }));
      this.f.dcId.value = keep;
    }
    if (!S.accounts.length) return fill(this.list, h('div', { class: 'empty', text: 'No accounts. Create one, or log in with a new number to sign up.' }));
    fill(this.list, h('table', {},
      h('thead', {}, h('tr', {}, ['id', 'phone', 'DC', 'name', 'login', ''].map(function (t) { return h('th', { text: t }); }))),
      h('tbody', {}, S.accounts.map(function (a) {
        var pills = [];
        if (a.hasPassword) pills.push(h('span', { class: 'pill', text: '2FA' + (a.hint ? ' (hint ' + a.hint + ')' : '') }));
        if (a.bot) pills.push(h('span', { class: 'pill', text: 'bot' }));
        if (a.loginEmail) pills.push(h('span', { class: 'pill', text: 'e-mail ' + a.loginEmail }));
        if (a.passkeys && a.passkeys.length) pills.push(h('span', { class: 'pill', text: a.passkeys.length + ' passkey(s)' }));
        SWITCHES.forEach(function (s) { if (a.switches[s[0]]) pills.push(h('span', { class: 'pill warn', text: s[1] })); });
        if (a.switches.sendCodeLimit !== undefined) pills.push(h('span', { class: 'pill warn', text: 'flood after ' + a.switches.sendCodeLimit }));
        return h('tr', { 'data-testid': 'account-row', 'data-phone': a.phone, 'data-id': a.id },
          h('td', { class: 'mono', text: a.id }), h('td', { text: a.phone ? '+' + a.phone : '–' }), h('td', { text: 'DC' + a.dcId }),
          h('td', { text: (a.firstName + ' ' + a.lastName).trim() }), h('td', {}, pills),
          h('td', { class: 'acts' }, h('button', { text: 'Edit', 'data-testid': 'account-edit', onclick: function () { self.edit(a); } }), ' ',
            h('button', { text: 'Devices', 'data-testid': 'account-devices', onclick: function () { self.showDevices(a.id); } }), ' ',
            h('button', { class: 'danger', text: 'Delete', 'data-testid': 'account-delete', onclick: function () {
              if (confirm('Delete ' + accountLabel(a) + ' and log out its devices?'))
                act(api('DELETE', '/accounts/' + a.id), 'deleted ' + a.id).then(function () { if (self.editing && self.editing.id === a.id) self.edit(null); });
            } })));
      }))));
  },
  edit: function (a) {
    var f = this.f;
    this.editing = a;
    this.title.textContent = a ? 'Edit ' + accountLabel(a) : 'New account';
    this.submit.textContent = a ? 'Save changes' : 'Create account';
    this.error.textContent = '';
    ['phone', 'firstName', 'lastName', 'hint', 'recoveryEmail', 'loginEmail', 'botToken'].forEach(function (k) { f[k].value = a && a[k] ? a[k] : ''; });
    f.password.value = ''; f.pkId.value = ''; f.pkKey.value = ''; f.pkName.value = '';
    f.dcId.value = String(a ? a.dcId : 2);
    f.removePassword.checked = false;
    SWITCHES.forEach(function (s) { f[s[0]].checked = !!(a && a.switches[s[0]]); });
    f.sendCodeLimit.value = a && a.switches.sendCodeLimit !== undefined ? String(a.switches.sendCodeLimit) : '';
    fill(this.passkeyList, a && a.passkeys.length ? a.passkeys.map(function (p) {
      return h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: true, 'data-passkey': p.id }), p.name + ' (' + p.id + ')');
    }) : h('div', { class: 'muted', text: 'none' }));
    fill(this.payment, a && a.switches.paymentRequired && a.phone ? [
      h('button', { type: 'button', text: 'Payment paid', onclick: function () { act(api('POST', '/payments', { phone: a.phone, outcome: 'paid' }), 'payment marked paid'); } }), ' ',
      h('button', { type: 'button', text: 'Payment failed', onclick: function () { act(api('POST', '/payments', { phone: a.phone, outcome: 'failed' }), 'payment marked failed'); } })
    ] : null);
    this.form.scrollIntoView({ block: 'nearest' });
  },
  /** The request body, or a sentence saying what to fix. */
  collect: function () {
    var f = this.f, a = this.editing, body = {};
    var phone = f.phone.value.trim(), bot = f.botToken.value.trim();
    if (!phone && !bot) return 'Enter a phone number (or a bot token for a bot).';
    if (phone && !/^\+?[\d\s\-()]{5,24}$/.test(phone)) return 'The phone must be 5 to 15 digits, like 9996621234.';
    if (bot && !/^\d+:[\w-]+$/.test(bot)) return 'A bot token looks like 123456:secret.';
    var emails = [['recoveryEmail', 'recovery e-mail'], ['loginEmail', 'login e-mail']];
    for (var i = 0; i < emails.length; i++) {
      var v = f[emails[i][0]].value.trim();
      if (v && !EMAIL_RE.test(v)) return 'The ' + emails[i][1] + ' must look like name@example.com.';
    }
    var pw = f.password.value;
    if ((f.hint.value.trim() || f.recoveryEmail.value.trim()) && !pw && !(a && a.hasPassword) && !f.removePassword.checked)
      return 'A hint or recovery e-mail needs a password.';
    var limit = f.sendCodeLimit.value.trim();
    if (limit && !/^\d{1,7}$/.test(limit)) return 'The sendCode limit must be a whole number (or empty for the default).';
    body.phone = phone; body.dcId = Number(f.dcId.value);
    ['firstName', 'lastName'].forEach(function (k) { var v = f[k].value.trim(); if (v || a) body[k] = v; });
    if (bot || a) body.botToken = bot || null;
    if (bot) body.bot = true;
    body.loginEmail = f.loginEmail.value.trim() || null;
    if (f.removePassword.checked) body.password = null;
    else if (pw) body.password = pw;
    if (pw || (a && a.hasPassword && !f.removePassword.checked)) {
      body.hint = f.hint.value.trim();
      body.recoveryEmail = f.recoveryEmail.value.trim();
    }
    body.switches = {};
    SWITCHES.forEach(function (s) { body.switches[s[0]] = f[s[0]].checked; });
    body.switches.sendCodeLimit = limit ? Number(limit) : null;
    var kept = a ? a.passkeys.filter(function (p) {
      var box = document.querySelector('[data-passkey="' + CSS.escape(p.id) + '"]');
      return !box || box.checked;
    }).map(function (p) { return { id: p.id, publicKey: p.publicKey, name: p.name }; }) : [];
    var pkId = f.pkId.value.trim(), pkKey = f.pkKey.value.trim();
    if (pkId || pkKey) {
      if (!/^[\w-]+$/.test(pkId)) return 'The passkey credential id must be base64url.';
      if (!/^04([0-9a-fA-F]{2}){64}$/.test(pkKey)) return 'The passkey public key must be 65 bytes of hex starting 04.';
      kept.push({ id: pkId, publicKey: pkKey, name: f.pkName.value.trim() || 'passkey' });
    }
    if (a || kept.length) body.passkeys = kept;
    return body;
  },
  save: function () {
    var self = this, body = this.collect();
    if (typeof body === 'string') { this.error.textContent = body; return; }
    this.error.textContent = '';
    var a = this.editing;
    this.submit.disabled = true;
    api(a ? 'PATCH' : 'POST', a ? '/accounts/' + a.id : '/accounts', body).then(function (saved) {
      toast((a ? 'saved ' : 'created ') + accountLabel(saved));
      self.edit(null);
      return self.load();
    }, function (e) { self.error.textContent = e.message; }).then(function () { self.submit.disabled = false; });
  },
  showDevices: function (id) {
    var self = this;
    this.devicesOf = id;
    var a = S.accounts.filter(function (x) { return x.id === id; })[0];
    if (!a) { this.devicesOf = null; return fill(this.devices); }
    api('GET', '/accounts/' + id + '/authorizations').then(function (list) {
      fill(self.devices, h('div', { class: 'card', 'data-testid': 'devices' },
        h('h3', { text: 'Devices logged in as ' + accountLabel(a) }),
        list.length ? h('table', {}, h('tbody', {}, list.map(function (d) {
          var c = d.client || {};
          return h('tr', {}, h('td', { class: 'mono', text: d.authKeyId }), h('td', { text: 'DC' + d.dcId }),
            h('td', { text: [c.deviceModel, c.systemVersion, c.appVersion].filter(Boolean).join(' · ') + (c.apiId ? ' (api_id ' + c.apiId + ')' : '') }),
            h('td', { text: d.authorizedAt ? 'since ' + fmtDate(d.authorizedAt) : '' }),
            h('td', {}, h('button', { class: 'danger', text: 'Log out', onclick: function () {
              act(api('DELETE', '/accounts/' + id + '/authorizations/' + d.authKeyId), 'logged out one device');
            } })));
        }))) : h('div', { class: 'muted', text: 'No device is logged in.' }),
        h('div', { class: 'actions' },
          list.length ? h('button', { class: 'danger', text: 'Log out every device', 'data-testid': 'devices-reset', onclick: function () {
            act(api('DELETE', '/accounts/' + id + '/authorizations'), 'logged out every device');
          } }) : null,
          h('button', { text: 'Close', onclick: function () { self.devicesOf = null; fill(self.devices); } }))));
    }, function (e) { toast(e.message, true); });
  }
};
`;
