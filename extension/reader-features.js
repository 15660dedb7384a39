// The reader's features of issue 16, wired into the page once the article is shown: read aloud
// (listen.js), highlights with notes (highlights.js) and footnotes in place (footnotes.js). Each
// stays usable when another fails; a failure is logged and shown, never a dead control.
import { attachFootnotes } from './footnotes.js';
import { attachListen } from './listen.js';
import { attachHighlights } from './highlights.js';

let attached = false;

/** `api` is the extension API (storage.local), or null on the www demo (nothing kept). */
export async function attachReaderFeatures({ article, body, cite, pageUrl, t, api }) {
  if (attached || !body) return;
  attached = true;
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
    attachFootnotes(body, { t });
  } catch (e) {
    console.error('tidings: footnotes', e);
  }
  try {
    attachListen({ root: body.closest('.article-wrap') || body, toolbar, before, lang: article.lang, t, store: storage, uiLang: document.documentElement.lang });
  } catch (e) {
    console.error('tidings: read aloud', e);
  }
  try {
    await attachHighlights({
      body, toolbar, before, article, pageUrl, storage, t,
      citation: async () => (cite ? cite.citation() : { name: 'apa', text: '', html: '' }),
    });
  } catch (e) {
    console.error('tidings: highlights', e);
  }
}
