// Saving the article (Markdown, standalone HTML) and quoting a selection with its citation.

function mdEscape(s) {
  return s.replace(/([\\`*_[\]<>#])/g, '\\$1');
}

function inline(node) {
  let out = '';
  for (const n of node.childNodes) {
    if (n.nodeType === Node.TEXT_NODE) { out += mdEscape(n.nodeValue.replace(/\s+/g, ' ')); continue; }
    if (n.nodeType !== Node.ELEMENT_NODE) continue;
    const inner = inline(n);
    switch (n.tagName) {
      case 'STRONG': case 'B': out += inner.trim() ? `**${inner.trim()}**` : ''; break;
      case 'EM': case 'I': out += inner.trim() ? `*${inner.trim()}*` : ''; break;
      case 'CODE': out += '`' + n.textContent.replace(/`/g, '\u02cb') + '`'; break;
      case 'A': out += n.getAttribute('href') ? `[${inner.trim()}](${n.href})` : inner; break;
      case 'IMG': out += n.getAttribute('src') ? `![${mdEscape(n.alt || '')}](${n.src})` : ''; break;
      case 'BR': out += '  \n'; break;
      default: out += inner;
    }
  }
  return out;
}

function blocks(node, prefix = '') {
  const out = [];
  for (const n of node.childNodes) {
    if (n.nodeType === Node.TEXT_NODE) { if (n.nodeValue.trim()) out.push(mdEscape(n.nodeValue.trim())); continue; }
    if (n.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = n.tagName;
    if (/^H[1-6]$/.test(tag)) out.push('#'.repeat(+tag[1]) + ' ' + inline(n).trim());
    else if (tag === 'P' || tag === 'FIGCAPTION') out.push(inline(n).trim());
    else if (tag === 'PRE') out.push('```\n' + n.textContent.replace(/\n$/, '') + '\n```');
    else if (tag === 'BLOCKQUOTE') out.push(blocks(n).split('\n').map((l) => '> ' + l).join('\n'));
    else if (tag === 'UL' || tag === 'OL') {
      let i = 1;
      out.push(Array.from(n.children).filter((li) => li.tagName === 'LI')
        .map((li) => (tag === 'OL' ? `${i++}. ` : '- ') + blocks(li).replace(/\n/g, '\n   ')).join('\n'));
    } else if (tag === 'HR') out.push('---');
    else if (tag === 'TABLE') {
      const rows = Array.from(n.rows).map((r) => '| ' + Array.from(r.cells).map((c) => inline(c).trim().replace(/\|/g, '\\|')).join(' | ') + ' |');
      if (rows.length) rows.splice(1, 0, '|' + ' --- |'.repeat(n.rows[0].cells.length));
      out.push(rows.join('\n'));
    } else if (tag === 'IMG' || tag === 'A' || tag === 'EM' || tag === 'STRONG' || tag === 'SPAN' || tag === 'CODE') out.push(inline({ childNodes: [n] }));
    else out.push(blocks(n));
  }
  return out.filter((s) => s && s.trim()).join('\n\n');
}

function byline(article) {
  if (article.byline) return article.byline;
  return (article.authors || []).map((a) => a.literal || [a.given, a.family].filter(Boolean).join(' ')).filter(Boolean).join(', ');
}

// YAML double-quoted scalar.
function yaml(s) {
  return '"' + String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/[\u0000-\u001f]/g, ' ') + '"';
}

// Front matter shared by both formats: what was saved, from where, and how to cite it.
function frontMatter(article, citationText, pageUrl) {
  return [
    ['title', article.title],
    ['author', byline(article)],
    ['site', article.siteName || article.publisher],
    ['date', (article.publishedTime || '').slice(0, 10)],
    ['url', article.canonicalUrl || pageUrl],
    ['accessed', article.accessed],
    ['lang', article.lang],
    ['citation', citationText],
  ].filter(([, v]) => v);
}

export function toMarkdown(article, body, citationText, pageUrl) {
  const fm = '---\n' + frontMatter(article, citationText, pageUrl).map(([k, v]) => `${k}: ${yaml(v)}`).join('\n') + '\n---\n\n';
  const head = [`# ${mdEscape(article.title || '')}`];
  const meta = [byline(article), article.siteName, article.publishedTime && article.publishedTime.slice(0, 10)].filter(Boolean).join(' · ');
  if (meta) head.push(`*${mdEscape(meta)}*`);
  const url = article.canonicalUrl || pageUrl;
  if (url) head.push(`<${url}>`);
  if (citationText) head.push(`> ${mdEscape(citationText).replace(/\n/g, '\n> ')}`);
  return fm + head.join('\n\n') + '\n\n' + blocks(body) + '\n';
}

export function toHtml(article, body, citation, pageUrl) {
  const esc = (s) => String(s || '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  const url = article.canonicalUrl || pageUrl || '';
  const metaTags = frontMatter(article, citation && citation.text, pageUrl)
    .map(([k, v]) => `<meta name="${k === 'citation' ? 'citation' : 'dc.' + k}" content="${esc(v)}">`).join('\n');
  const cite = citation && (citation.html || esc(citation.text));
  return `<!DOCTYPE html>
<html lang="${esc(article.lang || 'en')}" dir="${esc(article.dir || 'ltr')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https: data:; style-src 'unsafe-inline'">
<title>${esc(article.title)}</title>
${metaTags}
${url ? `<link rel="canonical" href="${esc(url)}">` : ''}
<style>body{font:1.15rem/1.6 Georgia,'Noto Serif',serif;max-width:65ch;margin:2rem auto;padding:0 1rem;color:#222}img{max-width:100%;height:auto}pre{white-space:pre;overflow-x:auto}.meta,.citation{color:#555;font-size:.9em}.citation{border-left:3px solid #ccc;padding-left:1em}</style>
</head>
<body>
<header>
<h1>${esc(article.title)}</h1>
<p class="meta">${esc([byline(article), article.siteName, (article.publishedTime || '').slice(0, 10)].filter(Boolean).join(' · '))}</p>
${cite ? `<p class="citation">${cite}</p>` : ''}
${url ? `<p><a href="${esc(url)}">${esc(url)}</a></p>` : ''}
</header>
<article>${body.innerHTML}</article>
</body>
</html>
`;
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function fileStem(article) {
  return (article.title || 'article').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'article';
}

// https://wicg.github.io/scroll-to-text-fragment/: dashes, commas and ampersands must be escaped.
function fragmentPart(s) {
  return encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
}

export function textFragmentUrl(url, quote) {
  const words = quote.replace(/\s+/g, ' ').trim().split(' ');
  const spec = words.length <= 12 ? fragmentPart(words.join(' '))
    : fragmentPart(words.slice(0, 5).join(' ')) + ',' + fragmentPart(words.slice(-5).join(' '));
  return url.replace(/#.*$/, '') + '#:~:text=' + spec;
}

// { text, html } for "quote, citation, link".
export function quoteWithCitation(quote, article, citationText, citationHtml, pageUrl) {
  const q = quote.replace(/\s+/g, ' ').trim();
  const url = textFragmentUrl(article.canonicalUrl || pageUrl || '', q);
  const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  return {
    text: `“${q}”\n\n${citationText}\n${url}`,
    html: `<blockquote cite="${esc(url)}"><p>${esc(q)}</p></blockquote><p>${citationHtml || esc(citationText)} <a href="${esc(url)}">${esc(url)}</a></p>`,
  };
}
