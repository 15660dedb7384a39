// The reader's features of issue 16, wired into the page once the article is shown: read aloud
// (listen.js), highlights with notes (highlights.js) and footnotes in place (footnotes.js). Each
// stays usable when another fails; a failure is logged and shown, never a dead control.
// The reader shows an article again after "Not the right text?" (a new body): each call first
// takes the previous article's features down (controls, listeners, player, popover, dialogs) and
// attaches them to the new body, so there is always exactly one set.
import { attachFootnotes } from './footnotes.js';
import { attachListen } from './listen.js';
import { attachHighlights } from './highlights.js';

let life = null;

/** `api` is the extension API (storage.local), or null on the www demo (nothing kept). */
export async function attachReaderFeatures({ article, body, cite, pageUrl, t, api }) {
  if (!body) return;
  if (life) life.abort();
  life = new AbortController();
  const { signal } = life;
  const toolbar = document.querySelector('.toolbar');
  const before = document.getElementById('quote');
  const local = api && api.storage && api.storage.local;
  const storage = local ? {
    get: async (k) => (await local.get(k))[k],
    set: (k, v) => local.set({ [k]: v }),
    remove: (k) => local.remove(k),
    all: () => local.get(null),
  } : null;
  try {
    attachFootnotes(body, { t, signal });
  } catch (e) {
    console.error('tidings: footnotes', e);
  }
  try {
    const player = attachListen({ root: body.closest('.article-wrap') || body, toolbar, before, lang: article.lang, t, store: storage, uiLang: document.documentElement.lang, signal });
    // The pick view hides the article: reading it aloud stops (pick.js says when it opens).
    document.addEventListener('tidings-pick-open', () => player.stop(), { signal });
  } catch (e) {
    console.error('tidings: read aloud', e);
  }
  try {
    await attachHighlights({
      body, toolbar, before, article, pageUrl, storage, t, signal,
      citation: async () => (cite ? cite.citation() : { name: 'apa', text: '', html: '' }),
    });
  } catch (e) {
    console.error('tidings: highlights', e);
  }
}
