// Tidings background: capture the page the reader clicked on and open the reader view in the same tab.
// Runs as a service worker in Chrome and as an event page (background.scripts) in Firefox.
'use strict';

const api = globalThis.browser ?? globalThis.chrome;

// Firefox without storage.session, or a page too large for its quota: keep snapshots here and
// hand them to the reader page by message. Lost if the background is shut down, which is why
// storage.session is preferred.
const memory = new Map();
const MAX_MEMORY = 8;

function freshId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function remember(id, snapshot) {
  try {
    if (api.storage && api.storage.session) {
      // Keep the last few snapshots (so reloading a reader tab works), drop older ones.
      const { snaps = [] } = await api.storage.session.get('snaps');
      const keep = [...snaps, id].slice(-MAX_MEMORY);
      const drop = snaps.filter((s) => !keep.includes(s)).map((s) => 'snap:' + s);
      if (drop.length) await api.storage.session.remove(drop);
      await api.storage.session.set({ ['snap:' + id]: snapshot, snaps: keep });
      return;
    }
  } catch (e) {
    console.warn('tidings: storage.session refused the snapshot, keeping it in memory', e);
  }
  memory.set(id, snapshot);
  while (memory.size > MAX_MEMORY) memory.delete(memory.keys().next().value);
}

async function openReader(tabId, { stayOnFailure = false } = {}) {
  let results;
  try {
    // capture.js runs in the page (activeTab grants it for the clicked tab).
    results = await api.scripting.executeScript({ target: { tabId }, files: ['capture.js'] });
  } catch (e) {
    // The next page of an article, opened from the reader: without access it stays as it is.
    if (stayOnFailure) return { ok: true, reader: false, error: String(e && e.message || e) };
    // Pages the extension may not script (the store, about:, other extensions' pages, PDFs).
    const id = freshId();
    await remember(id, { error: 'cannot-capture', message: String(e && e.message || e), at: Date.now() });
    await api.tabs.update(tabId, { url: api.runtime.getURL('reader.html?id=' + id) });
    return { ok: false, id, error: String(e && e.message || e) };
  }
  const snapshot = results && results[0] && results[0].result;
  const id = freshId();
  await remember(id, { ...(snapshot || { html: '', url: '', title: '' }), at: Date.now() });
  await api.tabs.update(tabId, { url: api.runtime.getURL('reader.html?id=' + id) });
  return { ok: true, reader: true, id };
}

// "Continue: page 2 of N" in the reader (the person's click): load that page in the reader's tab,
// then open the reader on it where the browser still lets the extension read the tab. Chrome and
// Firefox drop the activeTab grant when the tab leaves the clicked page for the reader, so with
// activeTab alone the page itself stays open, its toolbar button badged with the page number: one
// more click (or Alt+Shift+R) reads it. Nothing is fetched before the click.
function loaded(tabId) {
  return new Promise((resolve) => {
    const done = () => { api.tabs.onUpdated.removeListener(listen); clearTimeout(timer); resolve(); };
    const listen = (id, info) => { if (id === tabId && info.status === 'complete') done(); };
    const timer = setTimeout(done, 30000);
    api.tabs.onUpdated.addListener(listen);
  });
}

async function openNext(tabId, { url, page, of }) {
  const ready = loaded(tabId);
  await api.tabs.update(tabId, { url });
  await ready;
  const res = await openReader(tabId, { stayOnFailure: true });
  if (!res.reader && Number.isInteger(page)) {
    const title = Number.isInteger(of)
      ? api.i18n.getMessage('continueBadgeTitleOf', [String(page), String(of)])
      : api.i18n.getMessage('continueBadgeTitle', [String(page)]);
    await api.action.setBadgeText({ tabId, text: String(page) }).catch(() => {});
    await api.action.setTitle({ tabId, title }).catch(() => {});
  }
  return res;
}

api.action.onClicked.addListener((tab) => {
  if (tab && tab.id != null) openReader(tab.id).catch((e) => console.error('tidings:', e));
});

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg !== 'object') return false;
  // Only our own pages talk to us (no externally_connectable, no content scripts).
  if (sender && sender.id && sender.id !== api.runtime.id) return false;
  if (msg.type === 'open-reader' && Number.isInteger(msg.tabId)) {
    openReader(msg.tabId).then(sendResponse, (e) => sendResponse({ ok: false, error: String(e) }));
    return true;
  }
  if (msg.type === 'open-next' && typeof msg.url === 'string' && /^https?:\/\//i.test(msg.url) && sender && sender.tab) {
    openNext(sender.tab.id, msg).then(sendResponse, (e) => sendResponse({ ok: false, error: String(e) }));
    return true;
  }
  if (msg.type === 'get-snapshot' && typeof msg.id === 'string') {
    const snap = memory.get(msg.id) || null;
    sendResponse({ snapshot: snap });
    return false;
  }
  return false;
});
