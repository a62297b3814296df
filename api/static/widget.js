/* Genoptræningsguiden – chat widget for municipal websites.
 *
 * Embed with one tag:
 *   <script src="https://host/widget.js" data-municipality="Lejre" defer></script>
 * Optional data-container="#id" renders the chat inline instead of a floating button.
 * No framework, no build step: it only talks to the origin it was loaded from.
 * window.Genoptraeningsguiden = { mount(opts), unmount(), clearConversation() }.
 */
(function () {
  'use strict';

  // ---- Configuration from the script tag ---------------------------------
  var script = document.currentScript ||
    [].slice.call(document.querySelectorAll('script[src*="widget.js"]')).pop();
  if (!script) return;
  var tagOpts = {
    municipality: script.getAttribute('data-municipality'),
    container: script.getAttribute('data-container')
  };
  // Loaded twice (e.g. by a CMS)? Reuse the first copy so only one widget exists.
  if (window.Genoptraeningsguiden && window.Genoptraeningsguiden.mount) {
    window.Genoptraeningsguiden.mount(tagOpts);
    return;
  }

  var BASE = new URL('.', script.src);  // the API lives beside the script
  var STORE_KEY = 'gtg-conversation-v1';
  var MAX_LEN = 1000;
  var MAX_STORED = 120;                 // keep sessionStorage small
  var TIMEOUT_MS = 45000;
  var ANNOUNCE_AT = [100, 50, 20, 10, 0];

  // ---- Small helpers (widget-lib.js, served in front of this file) ----------
  var lib = window.GenoptraeningsguidenLib;
  var el = lib.el, query = lib.query, attrs = lib.attrs, add = lib.add, icon = lib.icon,
    appendLinked = lib.appendLinked;
  var ANSWERS = { topic: 1, passage: 1, 'topic+passage': 1 };  // answered_by.kind of an answer

  // ---- Texts: the `widget` phrases of knowledge/phrases/da.yml, from the API ----
  var T = null, textsLoading = null;
  var FAILED = 'Genoptræningsguiden kan ikke vises lige nu. Prøv igen senere.';  // no texts
  function loadTexts() {
    textsLoading = textsLoading || fetch(new URL('api/phrases/widget', BASE).href, { credentials: 'omit' })
      .then(function (res) { if (!res.ok) throw new Error('phrases ' + res.status); return res.json(); })
      .then(function (texts) { T = texts; }, function (err) { textsLoading = null; throw err; });  // next mount retries
    return textsLoading;
  }
  function fill(text, values) { return String(text).replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; }); }
  function charsLeft(n) { return n === 0 ? fill(T.left_none, { limit: MAX_LEN }) : fill(T.left, { left: n }); }

  // ---- Storage (same tab only, so sessionStorage) --------------------------
  function sameMunicipality(a, b) { return (a || '').trim().toLowerCase() === (b || '').trim().toLowerCase(); }
  function loadState(municipality) {
    try {
      var s = JSON.parse(window.sessionStorage.getItem(STORE_KEY));
      if (s && s.v === 1 && Array.isArray(s.messages) && sameMunicipality(s.municipality, municipality)) {
        s.messages = s.messages.filter(function (m) { return m && typeof m === 'object'; }).map(function (m) {
          return m.who === 'user' ? { who: 'user', text: String(m.text || '') } : lib.botMessage(m);
        });
        return s;
      }
    } catch (e) { /* storage blocked or corrupt: start fresh */ }
    return { v: 1, municipality: municipality, sessionId: null, messages: [], open: false };
  }
  function saveState(state) {
    try {
      state.messages = state.messages.slice(-MAX_STORED);
      window.sessionStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) { /* private mode: the conversation just isn't kept */ }
  }
  function clearConversation() { try { window.sessionStorage.removeItem(STORE_KEY); } catch (e) { /* ignore */ } }

  function postJSON(path, body) {
    var ctrl = window.AbortController ? new AbortController() : null;
    var timer = ctrl && setTimeout(function () { ctrl.abort(); }, TIMEOUT_MS);
    // Only Content-Type and no cookies, so the cross-origin request stays simple for CORS.
    return fetch(new URL(path, BASE).href, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'omit',
      body: JSON.stringify(body), signal: ctrl ? ctrl.signal : undefined
    }).then(function (res) {
      clearTimeout(timer);
      if (res.status === 204) return { ok: res.ok, body: {} };
      return res.json().catch(function () { return {}; }).then(function (b) { return { ok: res.ok, body: b || {} }; });
    }, function (err) { clearTimeout(timer); throw err; });
  }

  function ensureCss(onReady) {
    var link = document.querySelector('link[data-gtg-css]');
    if (link && link.sheet) return onReady();
    if (!link) {
      link = attrs(document.createElement('link'), { rel: 'stylesheet', href: new URL('widget.css', BASE).href, 'data-gtg-css': '' });
      document.head.appendChild(link);
    }
    link.addEventListener('load', onReady);
    link.addEventListener('error', onReady);  // show the widget unstyled rather than not at all
    setTimeout(onReady, 3000);
  }

  // ---- The widget ------------------------------------------------------------
  var current = null;
  var mounting = 0;  // counts mount/unmount calls: only the latest mount is built

  function mount(opts) {
    opts = opts || {};
    unmount();
    var ticket = mounting;
    loadTexts().then(function () { if (ticket === mounting) build(opts); },
      function () { if (ticket === mounting) showFailure(opts); });
  }

  // Without its texts the API is unreachable, and so is the chat: an inline widget says so in
  // one line, a floating one does not show a button that could not work.
  function showFailure(opts) {
    var host = typeof opts.container === 'string' ? query(opts.container) : opts.container || null;
    if (!host) return;
    current = { dead: false, root: host.appendChild(attrs(el('p', 'gtg-failed', FAILED), { id: 'gtg-widget', lang: 'da', role: 'status' })) };
  }

  function build(opts) {
    var municipality = (opts.municipality || '').trim() || null;
    var host = typeof opts.container === 'string' ? query(opts.container) : opts.container || null;
    var inline = !!host;
    var state = loadState(municipality);
    var inst = { dead: false, pending: false, announced: null };
    current = inst;

    // Build the DOM (bot text only ever through textContent / text nodes).
    var root = attrs(el('div', 'gtg-root ' + (inline ? 'gtg-inline' : 'gtg-floating')), { id: 'gtg-widget', lang: 'da' });
    root.style.visibility = 'hidden';  // until widget.css has loaded, avoids a flash of raw markup
    var panel = attrs(el('div', 'gtg-panel'), { id: 'gtg-panel', 'aria-labelledby': 'gtg-title' });
    panel.setAttribute('role', inline ? 'region' : 'dialog');

    // <wbr> lets the long word break at 320 px without changing its text.
    var title = attrs(el('h2', 'gtg-title'), { id: 'gtg-title' });
    [].concat(T.title).forEach(function (part, i) { if (i) title.appendChild(el('wbr')); title.appendChild(document.createTextNode(part)); });
    var titles = add(el('div', 'gtg-titles'), title);
    if (municipality) titles.appendChild(el('p', 'gtg-subtitle', municipality));
    var header = add(el('div', 'gtg-header'), titles);
    var closeBtn = inline ? null : header.appendChild(attrs(el('button', 'gtg-close', T.close), { type: 'button' }));

    var area = attrs(el('div', 'gtg-messages'), { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', tabindex: '0', 'aria-label': T.log });
    var privacy = add(attrs(el('p', 'gtg-privacy'), { id: 'gtg-privacy' }), icon('shield'), el('span', null, T.privacy));
    var intro = el('p', 'gtg-intro', T.intro);
    var suggestions = lib.buttons('gtg-suggestions', 'gtg-suggestion', T.suggestions.map(function (s) { return { title: s }; }), pick);
    var list = el('div', 'gtg-list');
    // Visible "Skriver …" with dots; screen readers hear "Assistenten skriver" via the log.
    var dots = add(attrs(el('span', 'gtg-dots'), { 'aria-hidden': 'true' }), el('span', 'gtg-dot'), el('span', 'gtg-dot'), el('span', 'gtg-dot'));
    var typing = add(attrs(el('div', 'gtg-typing'), { hidden: '' }), dots,
      attrs(el('span', 'gtg-typing-text', T.typing), { 'aria-hidden': 'true' }), el('span', 'gtg-sr', T.typing_sr));
    add(area, privacy, intro, suggestions, list, typing);

    var input = attrs(el('textarea', 'gtg-input'), {
      id: 'gtg-input', rows: '2', maxlength: String(MAX_LEN), placeholder: T.placeholder,
      'aria-describedby': 'gtg-error gtg-privacy', autocomplete: 'off'
    });
    var sendBtn = attrs(el('button', 'gtg-send', T.send), { type: 'submit' });
    var error = attrs(el('p', 'gtg-error'), { id: 'gtg-error', role: 'alert' });
    var counter = attrs(el('p', 'gtg-counter'), { 'aria-hidden': 'true', hidden: '' });
    var counterSr = attrs(el('span', 'gtg-sr'), { 'aria-live': 'polite' });  // speaks only near the limit
    var restart = attrs(el('button', 'gtg-restart', T.restart), { type: 'button' });
    var form = add(attrs(el('form', 'gtg-form'), { novalidate: '' }),
      attrs(el('label', 'gtg-sr', T.label), { 'for': 'gtg-input' }),
      add(el('div', 'gtg-row'), input, sendBtn), error, add(el('div', 'gtg-foot'), counter, counterSr, restart));

    add(panel, header, area, form);
    var launcher = null;
    if (!inline) {
      launcher = add(attrs(el('button', 'gtg-launcher'), { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'gtg-panel' }),
        icon('chat'), el('span', null, T.launcher));
      root.appendChild(launcher);
    }
    root.appendChild(panel);

    // ---- Rendering messages ----
    function renderUser(text) { return add(el('div', 'gtg-msg gtg-msg-user'), el('p', 'gtg-bubble', text)); }

    // An answer reads well on a phone: its first sentence as a lead, then the rest, a quoted
    // passage of the standard apart with its section, the phone numbers as links to call.
    function renderBot(m, withButtons) {
      var wrap = attrs(el('div', 'gtg-msg gtg-msg-bot'), { 'data-reply-id': m.id || '' });
      var answer = !!ANSWERS[m.answered];
      var text = m.passage ? lib.withoutQuote(m.text, m.passage.text) : m.text;
      // "Det står i …, i afsnittet »…«:" only leads in to the quote: its caption says that.
      if (m.passage && /:$/.test(text) && !lib.leadSentence(text)[1]) text = '';
      var parts = answer ? lib.leadSentence(text) : [text, ''];
      var bubble = el('div', 'gtg-bubble');
      if (parts[0]) appendLinked(bubble.appendChild(el('p', parts[1] ? 'gtg-lead' : 'gtg-text')), parts[0], m.links);
      if (parts[1]) appendLinked(bubble.appendChild(el('p', 'gtg-text')), parts[1], m.links);
      if (m.passage) bubble.appendChild(lib.passage(m.passage, m.links, passageCaption(m.passage)));
      if (m.phones.length) bubble.appendChild(lib.phoneList(m.phones, T.phones));
      if (bubble.firstChild) wrap.appendChild(bubble);  // a reply of buttons only has none
      if (m.source) {
        // Folded by default: one click away for the citizen or caseworker who wants to check.
        var details = add(el('details', 'gtg-source'), el('summary', null, T.source));
        appendLinked(details.appendChild(el('p', 'gtg-source-text')), m.source, m.links);
        wrap.appendChild(details);
      }
      if (withButtons && m.buttons && m.buttons.length) wrap.appendChild(lib.buttons('gtg-quick-replies', 'gtg-quick-reply', m.buttons, pick));
      // Only answers (they carry a source) are rated, not greetings or questions back.
      if (m.id && (m.source || answer)) wrap.appendChild(renderFeedback(m));
      return wrap;
    }

    function passageCaption(p) {
      if (!p.section) return T.passage;
      return fill(p.municipality ? T.passage_municipality : T.passage_section, { municipality: p.municipality, section: p.section });
    }

    function renderFeedback(m) {
      var box = el('div', 'gtg-feedback');
      box.appendChild(el('span', 'gtg-feedback-q', T.feedback_question));
      var status = attrs(el('span', 'gtg-feedback-status'), { role: 'status' });
      var busy = false;
      function button(rating, label) {
        var b = attrs(el('button', 'gtg-feedback-btn gtg-feedback-' + rating), { type: 'button', 'aria-label': label, 'aria-pressed': String(m.rating === rating) });
        b.appendChild(icon('thumb', rating === 'down' ? 'gtg-flip' : ''));
        b.addEventListener('click', function () {
          if (busy || inst.dead) return;  // aria-busy rather than disabled: keeps keyboard focus
          busy = true;
          box.setAttribute('aria-busy', 'true');
          postJSON('api/feedback', { session_id: state.sessionId, reply_id: m.id, rating: rating }).then(function (r) {
            if (!r.ok) throw new Error('feedback');
            m.rating = rating;
            saveState(state);
            up.setAttribute('aria-pressed', String(rating === 'up'));
            down.setAttribute('aria-pressed', String(rating === 'down'));
            status.textContent = T.thanks;
          }).catch(function () { status.textContent = T.feedback_failed; }).then(function () {
            busy = false;
            box.removeAttribute('aria-busy');
          });
        });
        return b;
      }
      var up = button('up', T.up), down = button('down', T.down);
      return add(box, up, down, status);
    }

    // Full render from state: quick replies only for the replies after the last user message.
    function renderAll() {
      list.textContent = '';
      var lastUser = -1;
      state.messages.forEach(function (m, i) { if (m.who === 'user') lastUser = i; });
      state.messages.forEach(function (m, i) {
        list.appendChild(m.who === 'user' ? renderUser(m.text) : renderBot(m, i > lastUser));
      });
      suggestions.hidden = state.messages.length > 0;
      restart.hidden = !state.messages.length;
    }

    function scrollToEnd() { area.scrollTop = area.scrollHeight; }
    // Long answers: show the start of the new reply, not its end (people read from the top).
    function scrollToNode(n) { area.scrollTop = Math.max(0, n.offsetTop - 8); }

    function showError(text) { error.textContent = text; }
    function clearError() { error.textContent = ''; input.removeAttribute('aria-invalid'); }

    function setPending(on) {
      inst.pending = on;
      sendBtn.disabled = on;
      typing.hidden = !on;
      [].forEach.call(area.querySelectorAll('.gtg-quick-reply, .gtg-suggestion'), function (b) {
        b.setAttribute('aria-disabled', String(on));
      });
    }

    // ---- Sending ----
    function pick(b) { send(b.payload || b.title, b.title, true); }
    function send(message, shown, fromButton) {
      if (inst.pending) return;
      var text = String(message || '').trim();
      if (!text) {
        showError(T.empty);
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      clearError();
      var typed = fromButton ? null : input.value;
      if (!fromButton) { input.value = ''; updateCounter(); }
      var userNode = renderUser(shown || text);
      list.appendChild(userNode);
      suggestions.hidden = true;
      setPending(true);
      scrollToEnd();
      postJSON('api/chat', { session_id: state.sessionId, message: text.slice(0, MAX_LEN), municipality: municipality })
        .then(function (r) {
          if (inst.dead) return;
          if (!r.ok) throw { detail: typeof r.body.detail === 'string' && r.body.detail ? r.body.detail : T.generic };
          state.sessionId = r.body.session_id || state.sessionId;
          state.messages.push({ who: 'user', text: shown || text });
          [].forEach.call(list.querySelectorAll('.gtg-quick-replies'), function (q) { q.parentNode.removeChild(q); });
          var first = null;
          (Array.isArray(r.body.replies) ? r.body.replies : []).forEach(function (rep) {
            var m = lib.botMessage(rep);
            state.messages.push(m);
            var node = list.appendChild(renderBot(m, true));
            first = first || node;
          });
          saveState(state);
          restart.hidden = false;
          setPending(false);
          if (first) scrollToNode(first); else scrollToEnd();
          if (fromButton && (!document.activeElement || document.activeElement === document.body)) input.focus();
        })
        .catch(function (err) {
          if (inst.dead) return;
          list.removeChild(userNode);
          suggestions.hidden = state.messages.length > 0;
          setPending(false);
          showError(err && typeof err.detail === 'string' ? err.detail : T.network);
          // Keep what the citizen typed, unless they have started on a new message meanwhile.
          if (typed != null && !input.value) { input.value = typed; updateCounter(); }
        });
    }

    function updateCounter() {
      var left = MAX_LEN - input.value.length;
      counter.hidden = left > ANNOUNCE_AT[0];
      counter.textContent = charsLeft(left);
      // Announce only when a threshold is crossed, not on every keystroke.
      var step = null;
      ANNOUNCE_AT.forEach(function (t) { if (left <= t) step = t; });
      if (step !== inst.announced) {
        inst.announced = step;
        counterSr.textContent = step === null ? '' : charsLeft(left);
      }
    }

    // ---- Events ----
    form.addEventListener('submit', function (e) { e.preventDefault(); send(input.value, null, false); });
    input.addEventListener('keydown', function (e) {
      // Enter sends; Shift+Enter makes a new line; never while composing (IME).
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(input.value, null, false); }
    });
    input.addEventListener('input', function () { updateCounter(); if (input.value.trim()) clearError(); });
    restart.addEventListener('click', function () {
      if (inst.pending) return;
      state = { v: 1, municipality: municipality, sessionId: null, messages: [], open: state.open };
      saveState(state);
      clearError();
      renderAll();
      input.focus();
    });

    function setOpen(open, moveFocus) {
      if (inline) return;
      panel.hidden = !open;
      launcher.setAttribute('aria-expanded', String(open));
      root.classList.toggle('gtg-is-open', open);
      state.open = open;
      saveState(state);
      if (moveFocus) (open ? input : launcher).focus();
      if (open) scrollToEnd();
    }
    if (!inline) {
      launcher.addEventListener('click', function () { setOpen(panel.hidden, true); });
      closeBtn.addEventListener('click', function () { setOpen(false, true); });
      root.addEventListener('keydown', function (e) {
        if ((e.key === 'Escape' || e.key === 'Esc') && !panel.hidden) { e.preventDefault(); setOpen(false, true); }
      });
    }

    // ---- Attach ----
    renderAll();
    if (!inline) setOpen(!!state.open, false); // restore an open panel without stealing focus
    (inline ? host : document.body).appendChild(root);
    inst.root = root;
    scrollToEnd();
    ensureCss(function () { root.style.visibility = ''; });
    return inst;
  }

  function unmount() {
    mounting++;  // a mount still waiting for its texts is not built
    if (!current) return;
    current.dead = true;  // late responses for this instance are ignored
    if (current.root && current.root.parentNode) current.root.parentNode.removeChild(current.root);
    current = null;
  }

  window.Genoptraeningsguiden = { mount: mount, unmount: unmount, clearConversation: clearConversation };

  function autoStart() {
    // data-container given but not found: fall back to the floating button rather than nothing.
    if (tagOpts.container && !query(tagOpts.container)) tagOpts.container = null;
    mount(tagOpts);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', autoStart);
  else autoStart();
})();
