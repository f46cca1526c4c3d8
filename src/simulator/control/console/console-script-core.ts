/**
 * The console's script, part 1: helpers (a tiny DOM builder that only ever sets text, so nothing
 * from the simulator is parsed as HTML), the control API client, tabs, and the live stream (SSE).
 * Plain ES2017 for any current browser; the parts are joined in one IIFE by console-assets.ts.
 */
export const CONSOLE_SCRIPT_CORE = String.raw`
'use strict';
var TOKEN = (function () {
  var q = new URLSearchParams(location.search);
  var t = q.get('token');
  if (t) {
    sessionStorage.setItem('tgauthToken', t);
    history.replaceState(null, '', location.pathname + location.hash);
  }
  return sessionStorage.getItem('tgauthToken') || '';
})();
var S = { config: null, clock: { now: Date.now(), offsetMs: 0, codeTtlMs: 300000, qrTtlMs: 30000 }, skew: 0,
  accounts: [], inbox: [], rpc: [], qr: [], tab: 'inbox', unseen: 0, qrAs: '', live: false };
var TABS = {};

function h(tag, attrs) {
  var e = document.createElement(tag);
  attrs = attrs || {};
  Object.keys(attrs).forEach(function (k) {
    var v = attrs[k];
    if (v === undefined || v === null || v === false) return;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = String(v);
    else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
    else if (k === 'value') e.value = v;
    else if (k === 'checked') e.checked = !!v;
    else e.setAttribute(k, v === true ? '' : String(v));
  });
  for (var i = 2; i < arguments.length; i++) append(e, arguments[i]);
  return e;
}
function append(parent, child) {
  if (child === undefined || child === null || child === false) return;
  if (Array.isArray(child)) return child.forEach(function (c) { append(parent, c); });
  parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
}
function fill(parent) {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  for (var i = 1; i < arguments.length; i++) append(parent, arguments[i]);
  return parent;
}
function $(id) { return document.getElementById(id); }

/** One control API call; rejects with the server's own sentence. */
function api(method, path, body) {
  var headers = {};
  if (TOKEN) headers.authorization = 'Bearer ' + TOKEN;
  var init = { method: method, headers: headers };
  if (body !== undefined) { headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
  return fetch(path, init).then(function (res) {
    return res.json().catch(function () { return { error: 'HTTP ' + res.status }; }).then(function (json) {
      if (!res.ok) throw new Error(json && json.error ? json.error : 'HTTP ' + res.status);
      return json;
    });
  });
}
var toastTimer;
function toast(text, bad) {
  var t = $('toast');
  t.textContent = text;
  t.className = bad ? 'bad' : '';
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(function () { t.hidden = true; }, bad ? 6000 : 2500);
}
/** Runs a change; a refusal shows the server's sentence instead of failing silently. */
function act(promise, done) {
  return promise.then(function (r) { if (done) toast(done); refreshVisible(); return r; },
    function (e) { toast(e.message, true); throw e; });
}

function simNow() { return Date.now() + S.skew; }
function setClock(c) {
  S.clock = Object.assign({}, S.clock, c);
  S.skew = S.clock.now - Date.now();
  tickClock();
}
function pad(n) { return (n < 10 ? '0' : '') + n; }
function fmtTime(ms) { var d = new Date(ms); return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()); }
function fmtDate(ms) { var d = new Date(ms); return d.toISOString().slice(0, 10) + ' ' + fmtTime(ms); }
function fmtLeft(ms) {
  if (ms <= 0) return 'expired';
  var s = Math.ceil(ms / 1000);
  if (s >= 86400) return Math.floor(s / 86400) + 'd ' + Math.floor((s % 86400) / 3600) + 'h';
  if (s >= 3600) return Math.floor(s / 3600) + 'h ' + pad(Math.floor((s % 3600) / 60)) + 'm';
  return Math.floor(s / 60) + ':' + pad(s % 60);
}
function fmtDuration(ms) {
  if (ms % 86400000 === 0) return (ms / 86400000) + ' d';
  if (ms % 3600000 === 0) return (ms / 3600000) + ' h';
  if (ms % 60000 === 0) return (ms / 60000) + ' min';
  return Math.round(ms / 1000) + ' s';
}
function tickClock() {
  $('sim-time').textContent = fmtDate(simNow());
  $('sim-offset').textContent = S.clock.offsetMs ? '(+' + fmtDuration(S.clock.offsetMs) + ' ahead of real time)' : '';
}
function accountLabel(a) {
  return (a.firstName + ' ' + a.lastName).trim() + ' · ' + (a.phone ? '+' + a.phone : 'bot') + ' · DC' + a.dcId;
}
function copyText(text) {
  var done = function () { toast('copied ' + text); };
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text).then(done, done);
  var ta = h('textarea', { value: text });
  document.body.appendChild(ta); ta.select();
  try { document.execCommand('copy'); } catch (e) { /* the toast still shows the code */ }
  document.body.removeChild(ta); done();
}

function showTab(name) {
  if (!TABS[name]) name = 'inbox';
  S.tab = name;
  Array.prototype.forEach.call(document.querySelectorAll('nav a'), function (a) {
    a.classList.toggle('active', a.getAttribute('data-tab') === name);
  });
  Array.prototype.forEach.call(document.querySelectorAll('main > section'), function (s) {
    s.classList.toggle('active', s.id === 'tab-' + name);
  });
  if (name === 'inbox') { S.unseen = 0; badge('inbox-badge', 0); }
  refreshVisible();
}
function badge(id, n) { var b = $(id); b.hidden = !n; b.textContent = String(n); }
function refreshVisible() {
  var t = TABS[S.tab];
  if (t && t.load) t.load().catch(function (e) { toast(e.message, true); });
  else if (t && t.render) t.render();
}

/** The live stream: new codes and RPC log entries, and a nudge to reload what changed. */
function connect() {
  var last = function (list) { return list.length ? list[list.length - 1].seq : 0; };
  var url = '/events?rpc=' + last(S.rpc) + '&inbox=' + last(S.inbox) + (TOKEN ? '&token=' + encodeURIComponent(TOKEN) : '');
  var es = new EventSource(url);
  es.onopen = function () { setLive(true); };
  es.onerror = function () { setLive(false); };
  es.onmessage = function (ev) { onFeed(JSON.parse(ev.data)); };
}
function setLive(on) {
  S.live = on;
  var l = $('live');
  l.textContent = on ? 'live' : 'reconnecting…';
  l.className = on ? 'live' : 'live off';
}
function merge(list, entries, cap) {
  var seen = list.length ? list[list.length - 1].seq : 0;
  var added = 0;
  entries.forEach(function (e) { if (e.seq > seen) { list.push(e); seen = e.seq; added++; } });
  if (list.length > cap) list.splice(0, list.length - cap);
  return added;
}
function onFeed(d) {
  if (d.clock) setClock(d.clock);
  var codes = merge(S.inbox, d.inbox || [], 200);
  var calls = merge(S.rpc, d.rpc || [], 500);
  if (codes && S.tab !== 'inbox') { S.unseen += codes; badge('inbox-badge', S.unseen); }
  if (S.tab === 'inbox' && codes) TABS.inbox.render();
  else if (S.tab === 'rpc' && calls) TABS.rpc.render();
  else if ((d.topics || []).length && S.tab !== 'inbox' && S.tab !== 'rpc') reloadSoon();
  if ((d.topics || []).length && S.tab !== 'qr') throttle('badge', function () { TABS.qr.loadBadge(); });
}
function reloadSoon() { throttle('reload', refreshVisible); }
/** Runs fn at most once a second (the last call is never lost), so a busy simulator is not asked on every batch. */
var THROTTLE = {};
function throttle(name, fn) {
  var t = THROTTLE[name] || (THROTTLE[name] = { timer: null, last: 0 });
  if (t.timer) return;
  t.timer = setTimeout(function () { t.timer = null; t.last = Date.now(); fn(); }, Math.max(0, t.last + 1000 - Date.now()));
}
`;
