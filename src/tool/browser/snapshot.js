// The page as compact text for the model (run by the `browser` tool's `snapshot` action).
// MAX is replaced by the character cap before the script runs. Each interactive element gets a
// ref (`e1`, `e2`, …) kept in a WeakMap, so an element keeps its ref across snapshots of the same
// document; a new document starts again at e1.
(() => {
  const MAX_CHARS = __MAX__;
  const S = Symbol.for('openclaw.refs');
  const st = window[S] || (window[S] = { next: 1, byRef: new Map(), byEl: new WeakMap() });
  const out = [];
  let size = 0;
  let cut = false;
  let total = 0;
  let line = '';
  const emit = (text) => {
    total += text.length + 1;
    if (cut) return;
    if (size + text.length + 1 > MAX_CHARS) { cut = true; return; }
    out.push(text);
    size += text.length + 1;
  };
  const flush = () => {
    const t = line.replace(/\s+/g, ' ').trim();
    if (t) emit(t);
    line = '';
  };
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const short = (s, n) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
  const refOf = (el) => {
    let r = st.byEl.get(el);
    if (!r) {
      r = 'e' + st.next++;
      st.byEl.set(el, r);
      st.byRef.set(r, new WeakRef(el));
    }
    return r;
  };
  const hidden = (el) => {
    if (el.hidden || el.getAttribute('aria-hidden') === 'true') return true;
    const s = getComputedStyle(el);
    return s.display === 'none' || s.visibility === 'hidden';
  };
  const labelOf = (el) => {
    const aria = el.getAttribute('aria-label');
    if (aria) return clean(aria);
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const t = by.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean)
        .map((e) => e.textContent).join(' ');
      if (clean(t)) return clean(t);
    }
    if (el.labels && el.labels.length) {
      const t = Array.from(el.labels).map((l) => l.textContent).join(' ');
      if (clean(t)) return clean(t);
    }
    return clean(el.getAttribute('placeholder') || el.getAttribute('title') || el.getAttribute('name') || '');
  };
  const q = (s) => JSON.stringify(short(s, 200));
  const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'NAV', 'MAIN', 'ASIDE',
    'UL', 'OL', 'LI', 'TABLE', 'TR', 'FORM', 'FIELDSET', 'BLOCKQUOTE', 'PRE', 'BR', 'HR', 'DL', 'DT',
    'DD', 'FIGURE', 'FIGCAPTION', 'DETAILS', 'SUMMARY', 'LABEL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'SVG', 'CANVAS']);
  const TEXTY = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date',
    'datetime-local', 'month', 'week', 'time', 'color', '']);

  const interactive = (el) => {
    const tag = el.tagName;
    const role = el.getAttribute('role');
    const r = refOf(el);
    if (tag === 'A') {
      const href = el.getAttribute('href') || '';
      const name = clean(el.innerText || el.textContent) || labelOf(el) || href;
      return `[${r}] link ${q(name)}` + (href && !href.startsWith('javascript:') ? ` -> ${short(el.href, 200)}` : '');
    }
    if (tag === 'SELECT') {
      const opts = Array.from(el.options).map((o) => clean(o.textContent) || o.value);
      const chosen = el.selectedOptions.length ? clean(el.selectedOptions[0].textContent) : '';
      return `[${r}] select ${q(labelOf(el))} value=${q(chosen)} options: ${short(opts.join(' | '), 400)}`;
    }
    if (tag === 'TEXTAREA') {
      return `[${r}] textbox ${q(labelOf(el))}` + (el.value ? ` value=${q(el.value)}` : '');
    }
    if (tag === 'INPUT') {
      const type = (el.getAttribute('type') || '').toLowerCase();
      if (type === 'checkbox' || type === 'radio') {
        return `[${r}] ${type} ${q(labelOf(el))}` + (el.checked ? ' (checked)' : '');
      }
      if (['submit', 'button', 'reset', 'image'].includes(type)) {
        return `[${r}] button ${q(el.value || labelOf(el) || type)}`;
      }
      if (type === 'file') return `[${r}] file input ${q(labelOf(el))}`;
      const value = type === 'password' ? (el.value ? '••••' : '') : el.value;
      return `[${r}] ${type === 'password' ? 'password' : 'textbox'} ${q(labelOf(el))}` +
        (value ? ` value=${q(value)}` : '') + (el.disabled ? ' (disabled)' : '');
    }
    const name = clean(el.innerText || el.textContent) || labelOf(el);
    if (tag === 'BUTTON' || role === 'button') return `[${r}] button ${q(name)}` + (el.disabled ? ' (disabled)' : '');
    if (el.isContentEditable) return `[${r}] textbox ${q(labelOf(el))} value=${q(name)}`;
    return `[${r}] ${role || 'clickable'} ${q(name)}`;
  };
  const isInteractive = (el) => {
    const tag = el.tagName;
    if (tag === 'A') return el.hasAttribute('href');
    if (tag === 'BUTTON' || tag === 'SELECT' || tag === 'TEXTAREA') return true;
    if (tag === 'INPUT') return (el.getAttribute('type') || '').toLowerCase() !== 'hidden';
    const role = el.getAttribute('role');
    if (role && ['button', 'link', 'checkbox', 'radio', 'tab', 'menuitem', 'option', 'switch', 'textbox',
      'combobox'].includes(role)) return true;
    if (el.isContentEditable && !(el.parentElement && el.parentElement.isContentEditable)) return true;
    return false;
  };

  const walk = (node) => {
    if (cut) return;
    if (node.nodeType === 3) { line += node.nodeValue; return; }
    if (node.nodeType !== 1) return;
    const el = node;
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag) || hidden(el)) return;
    if (isInteractive(el)) {
      flush();
      emit(interactive(el));
      return;
    }
    if (/^H[1-6]$/.test(tag)) {
      flush();
      const t = clean(el.innerText || el.textContent);
      if (t) emit('#'.repeat(Number(tag[1])) + ' ' + t);
      return;
    }
    if (tag === 'IMG') {
      const alt = clean(el.getAttribute('alt'));
      if (alt) line += ` [image: ${alt}] `;
      return;
    }
    if (tag === 'IFRAME') {
      flush();
      let doc = null;
      try { doc = el.contentDocument; } catch (e) { doc = null; }
      if (doc && doc.body) walk(doc.body); else emit(`[frame ${short(el.src || '', 200)}]`);
      flush();
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    if (tag === 'LI') line += '- ';
    if (tag === 'TD' || tag === 'TH') line += ' | ';
    for (const child of el.shadowRoot ? el.shadowRoot.childNodes : []) walk(child);
    for (const child of el.childNodes) walk(child);
    if (block) flush();
  };
  if (document.body) walk(document.body);
  flush();
  return { title: document.title, url: location.href, text: out.join('\n'), cut, total };
})()
