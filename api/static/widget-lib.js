/* Genoptræningsguiden – the widget's DOM helpers (served in front of widget.js as one file).
 *
 * Text only ever reaches the page as text nodes; links only for exact, known http(s), mailto and
 * tel URLs. Exposed as window.GenoptraeningsguidenLib for widget.js, nothing else.
 */
(function () {
  'use strict';

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text != null) n.textContent = text;  // always text, never HTML
    return n;
  }
  function query(sel) { try { return document.querySelector(sel); } catch (e) { return null; } }
  function attrs(n, a) { for (var k in a) n.setAttribute(k, a[k]); return n; }
  function add(parent) { for (var i = 1; i < arguments.length; i++) parent.appendChild(arguments[i]); return parent; }

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var ICONS = {
    thumb: 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06' +
      'L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22' +
      'l3.02-7.05c.09-.23.14-.47.14-.73v-2z',
    chat: 'M20 2H4c-1.1 0-2 .9-2 2v18l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2zM6 9h12v2H6V9z' +
      'm8 5H6v-2h8v2zm4-6H6V6h12v2z',
    shield: 'M12 1 3 5v6c0 5.55 3.84 10.74 9 12 5.16-1.26 9-6.45 9-12V5l-9-4zm-1 6h2v6h-2V7z' +
      'm0 8h2v2h-2v-2z'
  };
  function icon(name, cls) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    attrs(svg, { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false', 'class': 'gtg-icon ' + (cls || '') });
    var p = document.createElementNS(SVG_NS, 'path');
    p.setAttribute('d', ICONS[name]);
    p.setAttribute('fill', 'currentColor');
    svg.appendChild(p);
    return svg;
  }

  function safeHref(url) {
    try { var u = new URL(url); return /^(https?|mailto|tel):$/.test(u.protocol) ? u.href : null; }
    catch (e) { return null; }
  }

  // Appends `text` to `parent`; only exact URLs from the reply's `links` become anchors.
  // Phone numbers ("87 94 84 16") get no-break spaces so a number never splits over lines.
  function appendLinked(parent, text, links) {
    var usable = (links || []).filter(function (l) { return l && typeof l.url === 'string' && l.url && safeHref(l.url); });
    var rest = String(text || '').replace(/\b(\d{2}) (\d{2}) (\d{2}) (\d{2})\b/g, '$1\u00a0$2\u00a0$3\u00a0$4');
    while (rest) {
      var best = null;
      usable.forEach(function (l) {
        var i = rest.indexOf(l.url);
        if (i >= 0 && (!best || i < best.i || (i === best.i && l.url.length > best.url.length))) best = { i: i, url: l.url };
      });
      if (!best) { parent.appendChild(document.createTextNode(rest)); break; }
      if (best.i) parent.appendChild(document.createTextNode(rest.slice(0, best.i)));
      var a = attrs(el('a', 'gtg-link', best.url), { href: safeHref(best.url), rel: 'noopener', target: '_blank' });
      parent.appendChild(a);
      rest = rest.slice(best.i + best.url.length);
    }
  }

  // Words a full stop follows without ending the sentence ("fx.", "stk. 1", "kl. 8").
  var ABBREVIATIONS = /^(fx|f\.eks|bl\.a|jf|stk|nr|kl|kr|ca|evt|dvs|mv|m\.m|osv|pkt|tlf|inkl|ekskl|mht|vedr|hhv|ang|iflg)$/i;
  var SENTENCE_END = /[.!?](?=\s+["»„(]?[A-ZÆØÅ0-9])|\n/g;

  // Splits off the first sentence, so the answer can be shown first: [lead, rest], or
  // [text, ''] when the text is one sentence. A section number ("»4. Hvad koster …«") and the
  // abbreviations above end no sentence.
  function leadSentence(text) {
    text = String(text || '').trim();
    var match;
    SENTENCE_END.lastIndex = 0;
    while ((match = SENTENCE_END.exec(text))) {
      var before = text.slice(0, match.index);
      var word = (/(\S+)$/.exec(before) || ['', ''])[1];
      if (match[0] === '.' && (ABBREVIATIONS.test(word.replace(/^[»„"(]/, '')) || /^[»„"]\d+(\.\d+)*$/.test(word))) continue;
      var end = match.index + (match[0] === '\n' ? 0 : 1);
      var rest = text.slice(end).trim();
      return rest ? [text.slice(0, end).trim(), rest] : [text, ''];
    }
    return [text, ''];
  }

  // Removes a quoted passage from a text that quotes it in full (it is shown apart), with the
  // quotation marks around it.
  function withoutQuote(text, quote) {
    text = String(text || '');
    quote = String(quote || '').trim();
    var at = quote ? text.indexOf(quote) : -1;
    if (at < 0) return text;
    var start = at, end = at + quote.length;
    if (/[»„"“]/.test(text.charAt(start - 1)) && /[«“"”]/.test(text.charAt(end))) { start--; end++; }
    return (text.slice(0, start).replace(/[ \t]+$/, '') + text.slice(end).replace(/^[ \t]+/, ' '))
      .replace(/ +\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  }

  // A tel: link only for a plain international or Danish number ("+4546464945").
  function telHref(tel) { return typeof tel === 'string' && /^\+?[0-9]{3,15}$/.test(tel) ? 'tel:' + tel : null; }

  // A quoted passage of the standard, set apart, with its caption ("Fra …, afsnit »…«") first.
  function passage(p, links, caption) {
    var quote = el('blockquote', 'gtg-quote');
    appendLinked(quote.appendChild(el('p')), p.text, links);
    return add(el('figure', 'gtg-passage'), el('figcaption', 'gtg-passage-caption', caption), quote);
  }

  // Phone numbers to call: who answers and the number as one tel: link, the hours under it.
  function phoneList(phones, title) {
    var list = el('ul', 'gtg-phone-list');
    phones.forEach(function (ph) {
      var href = telHref(ph.tel);
      var call = href ? attrs(el('a', 'gtg-phone'), { href: href }) : el('span', 'gtg-phone');
      if (ph.label) call.appendChild(el('span', 'gtg-phone-label', ph.label));
      // No-break spaces: a number never splits over two lines.
      call.appendChild(el('span', 'gtg-phone-number', ph.number.replace(/ /g, '\u00a0')));
      var item = add(el('li'), call);
      if (ph.hours) item.appendChild(el('span', 'gtg-phone-hours', ph.hours));
      list.appendChild(item);
    });
    return add(el('div', 'gtg-phones'), el('p', 'gtg-phones-title', title), list);
  }

  // Buttons the citizen taps instead of typing (quick replies, suggestions): a group holding
  // one button per {title, payload}; onPick gets the one tapped.
  function buttons(groupCls, cls, items, onPick) {
    var group = el('div', groupCls);
    items.forEach(function (b) {
      group.appendChild(attrs(el('button', cls, b.title), { type: 'button' }))
        .addEventListener('click', function () { onPick(b); });
    });
    return group;
  }

  // A reply of the API as the widget keeps it (sessionStorage): only the fields it shows,
  // each of the expected type, so an odd reply or an old stored conversation cannot break it.
  function str(v) { return typeof v === 'string' && v ? v : null; }
  function botMessage(rep) {
    rep = rep && typeof rep === 'object' ? rep : {};
    var p = rep.passage && typeof rep.passage === 'object' && str(rep.passage.text) ? rep.passage : null;
    return {
      who: 'bot', id: str(rep.id), text: str(rep.text) || '', source: str(rep.source),
      buttons: Array.isArray(rep.buttons) ? rep.buttons : [],
      links: Array.isArray(rep.links) ? rep.links : [],
      passage: p && { text: p.text, section: str(p.section), municipality: str(p.municipality) },
      phones: (Array.isArray(rep.phones) ? rep.phones : []).filter(function (ph) { return ph && str(ph.number); })
        .map(function (ph) { return { label: str(ph.label), number: ph.number, tel: str(ph.tel), hours: str(ph.hours) }; }),
      answered: rep.answered_by && str(rep.answered_by.kind) || str(rep.answered),
      rating: str(rep.rating)
    };
  }

  window.GenoptraeningsguidenLib = {
    el: el, query: query, attrs: attrs, add: add, icon: icon, appendLinked: appendLinked,
    leadSentence: leadSentence, withoutQuote: withoutQuote, telHref: telHref,
    passage: passage, phoneList: phoneList, buttons: buttons, botMessage: botMessage
  };
}());
