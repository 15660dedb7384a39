// Tidings capture: injected into the clicked tab by the background (scripting.executeScript
// with files: ['capture.js'], in the extension's isolated world); the value of its last
// expression is the snapshot. It serializes what the page shows: the document, with each open
// shadow root (element.shadowRoot; closed roots are not reachable and stay out) flattened in
// place inside <div data-tidings-shadow="open"> (its slots filled with the host's assigned
// children), and each same-origin frame's body (contentDocument readable) in place of the frame
// inside <div data-tidings-frame="…">. Cross-origin frames are left as they are (the core drops
// them). Declarative shadow DOM (<template shadowrootmode="open">) is attached by the browser's
// parser, so it is captured as a live shadow root. The walk is iterative and bounded: past
// MAX_NODES elements or MAX_CHARS characters it gives up and falls back to the plain outerHTML;
// past MAX_DEPTH only the text of deeper subtrees is written. Subtrees with nothing of that kind
// in them are written by the browser's own serializer.
(() => {
  const MAX_NODES = 400000;
  const MAX_DEPTH = 900;
  const MAX_CHARS = 48 * 1024 * 1024;
  const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
  // Elements whose text is written as it is (as outerHTML writes it).
  const RAW = new Set(['style', 'script', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript']);
  const esc = (s, attr) => s.replace(attr ? /[&"\u00a0]/g : /[&<>\u00a0]/g,
    (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&nbsp;'));

  // The favicon travels only when the page has it inline: showing a remote one would make the
  // reader fetch it, and the browser's favicon cache takes a further permission.
  let favicon = '';
  for (const link of document.querySelectorAll('link[rel~="icon" i][href^="data:image/" i]')) {
    if (link.href.length <= 32768) { favicon = link.href; break; }
  }
  const base = {
    url: location.href,
    title: document.title,
    contentType: document.contentType,
    favicon,
  };
  const root = document.documentElement;
  if (!root) return { ...base, html: '' };
  const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>` : '';
  const docHtml = () => doctype + root.outerHTML;

  // The same-origin document of a frame, or null (cross-origin, sandboxed, not loaded).
  const frameDoc = (el) => {
    try {
      const d = el.contentDocument;
      return d && d.body ? d : null;
    } catch { return null; }
  };
  // What a <slot> shows: the nodes assigned to it, or its own fallback content.
  const slotted = (slot) => {
    const assigned = slot.assignedNodes({ flatten: true });
    return assigned.length ? assigned : Array.from(slot.childNodes);
  };

  // The elements the walk opens itself: open shadow hosts, same-origin frames, the slots of shadow
  // roots, and their ancestors (across shadow and frame boundaries). Every other subtree is
  // written by the browser's own serializer (outerHTML): the walk costs little more on a page
  // without shadow roots or frames than outerHTML does.
  const walked = new Set();
  const mark = (el) => { for (let n = el; n && !walked.has(n); n = n.parentNode || n.host) walked.add(n); };
  const scopes = [document];
  let seen = 0;
  for (let i = 0; i < scopes.length; i++) {
    const scope = scopes[i];
    for (const el of scope.querySelectorAll('*')) {
      if (++seen > MAX_NODES) return { ...base, html: docHtml(), capture: { limited: true, shadows: 0, frames: 0 } };
      const tag = el.localName;
      if (el.shadowRoot) { scopes.push(el.shadowRoot); mark(el); } else if (tag === 'iframe' || tag === 'frame') {
        const doc = frameDoc(el);
        if (doc) { scopes.push(doc); mark(el); }
      } else if (tag === 'slot' && scope instanceof ShadowRoot) mark(el);
    }
  }

  // Most pages have neither: the browser's serializer writes them whole.
  if (!walked.size) return { ...base, html: docHtml(), capture: { limited: false, shadows: 0, frames: 0 } };

  const out = [];
  let chars = 0;
  let nodes = 0;
  let shadows = 0;
  let frames = 0;
  const write = (s) => { out.push(s); chars += s.length; };
  // Work items: a node to write (with its depth), or a closing tag.
  const stack = [{ node: root, depth: 0 }];
  while (stack.length) {
    const item = stack.pop();
    if (item.close) { write(item.close); continue; }
    const { node, depth } = item;
    if (++nodes > MAX_NODES || chars > MAX_CHARS) {
      return { ...base, html: docHtml(), capture: { limited: true, shadows: 0, frames: 0 } };
    }
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentNode && node.parentNode.localName;
      write(RAW.has(parent) ? node.data.replace(/<\/(script|style)/gi, '<\\/$1') : esc(node.data, false));
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = node.localName;
    if (depth > MAX_DEPTH) { write(esc(node.textContent || '', false)); continue; }
    if (!walked.has(node)) { write(node.outerHTML); continue; }
    if (tag === 'slot' && node.getRootNode() instanceof ShadowRoot) {
      const kids = slotted(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], depth: depth + 1 });
      continue;
    }
    if (tag === 'iframe' || tag === 'frame') {
      const doc = frameDoc(node);
      if (doc) {
        frames++;
        write(`<div data-tidings-frame="${esc(node.getAttribute('src') || (node.hasAttribute('srcdoc') ? 'srcdoc' : ''), true)}">`);
        stack.push({ close: '</div>' });
        const kids = Array.from(doc.body.childNodes);
        for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], depth: depth + 1 });
        continue;
      }
    }
    let open = '<' + tag;
    for (const a of node.attributes) open += ` ${a.name}="${esc(a.value, true)}"`;
    write(open + '>');
    if (VOID.has(tag)) continue;
    stack.push({ close: `</${tag}>` });
    let kids;
    if (node.shadowRoot) {
      // An open root: what it shows replaces the light children (slots bring theirs in).
      shadows++;
      write('<div data-tidings-shadow="open">');
      stack.push({ close: '</div>' });
      kids = Array.from(node.shadowRoot.childNodes);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], depth: depth + 2 });
      continue;
    }
    kids = Array.from(tag === 'template' ? [] : node.childNodes);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], depth: depth + 1 });
  }
  return { ...base, html: doctype + out.join(''), capture: { limited: false, shadows, frames, nodes } };
})();
