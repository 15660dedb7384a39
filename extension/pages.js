// Multi-page articles: the core's `nextPage` ({url, page, of}) becomes "Continue: page 2 of N"
// at the end of the article. Following it is the reader's click: the background loads that page
// in this tab and, where the browser still lets the extension read it, opens the reader on it;
// otherwise the page itself stays open with the toolbar button badged (one more click reads it;
// see background.js). Nothing is fetched before the click.
import { el } from './view.js';

const api = globalThis.browser ?? globalThis.chrome;

export function renderNextPage(body, article, { t }) {
  const next = article && article.nextPage;
  document.getElementById('next-page-nav')?.remove();
  if (!next || !/^https?:\/\//i.test(next.url || '')) return null;
  const label = next.of ? t('continuePageOf', [String(next.page), String(next.of)]) : t('continuePage', [String(next.page)]);
  const link = el('a', { href: next.url, id: 'next-page', class: 'next-page', rel: 'next noopener noreferrer', text: label });
  const status = el('span', { class: 'next-page-status', role: 'status', 'aria-live': 'polite' });
  link.addEventListener('click', async (e) => {
    e.preventDefault();
    status.textContent = t('continueLoading');
    try {
      const res = await api.runtime.sendMessage({ type: 'open-next', url: next.url, page: next.page, of: next.of || null });
      if (!res || !res.ok) throw new Error((res && res.error) || 'no answer');
    } catch (err) {
      // The background could not take the tab there: go there as a link would.
      console.warn('tidings: opening the next page through the background failed', err);
      location.assign(next.url);
    }
  });
  const nav = el('nav', { id: 'next-page-nav', class: 'next-page-nav', 'aria-label': t('pagesLabel') }, link, ' ', status);
  body.after(nav);
  return nav;
}
