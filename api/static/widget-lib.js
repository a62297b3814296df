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

  window.GenoptraeningsguidenLib = {
    el: el, query: query, attrs: attrs, add: add, icon: icon, appendLinked: appendLinked
  };
}());
