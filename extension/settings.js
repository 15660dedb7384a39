// Reader display settings: theme, font, size, width, line height. Stored in extension storage
// (or localStorage on the www demo) and mirrored to localStorage for early.js.

export const CHOICES = {
  theme: ['system', 'light', 'sepia', 'dark', 'contrast'],
  font: ['serif', 'sans', 'dyslexic'],
  size: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
  width: ['narrow', 'medium', 'wide'],
  leading: ['tight', 'normal', 'loose'],
};
export const DEFAULTS = { theme: 'system', font: 'serif', size: '5', width: 'medium', leading: 'normal' };

export function apply(settings) {
  const d = document.documentElement.dataset;
  for (const key of Object.keys(CHOICES)) {
    const v = String(settings[key] ?? DEFAULTS[key]);
    d[key] = CHOICES[key].includes(v) ? v : DEFAULTS[key];
  }
}

export function current() {
  const d = document.documentElement.dataset;
  return Object.fromEntries(Object.keys(CHOICES).map((k) => [k, d[k] || DEFAULTS[k]]));
}

// store: {get(key) → Promise<value>, set(key, value) → Promise}
export async function load(store) {
  const saved = (await store.get('settings')) || {};
  const settings = { ...DEFAULTS, ...saved };
  apply(settings);
  mirror(settings);
  return current();
}

export async function save(store, patch) {
  apply({ ...current(), ...patch });
  const settings = current();
  mirror(settings);
  await store.set('settings', settings);
  return settings;
}

export function step(key, delta) {
  const list = CHOICES[key];
  const i = list.indexOf(current()[key]);
  return list[Math.min(list.length - 1, Math.max(0, i + delta))];
}

function mirror(settings) {
  try { localStorage.setItem('tidings-settings', JSON.stringify(settings)); } catch { /* private mode */ }
}

// Builds the settings controls (labelled selects and A−/A+ buttons) into `root`.
export function renderControls(root, store, t) {
  const s = current();
  const make = (key, labelKey) => {
    const id = 'set-' + key;
    const select = document.createElement('select');
    select.id = id;
    for (const v of CHOICES[key]) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = t(key + '_' + v) || v;
      select.append(o);
    }
    select.value = s[key];
    select.addEventListener('change', () => save(store, { [key]: select.value }));
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = t(labelKey);
    const row = document.createElement('div');
    row.className = 'setting';
    row.append(label, select);
    return row;
  };
  const sizeRow = document.createElement('div');
  sizeRow.className = 'setting';
  const sizeLabel = document.createElement('span');
  sizeLabel.id = 'size-label';
  sizeLabel.textContent = t('fontSize');
  sizeRow.append(sizeLabel);
  for (const [delta, text, key] of [[-1, 'A−', 'smaller'], [1, 'A+', 'larger']]) {
    const b = document.createElement('button');
    b.type = 'button';
    b.id = 'size-' + key;
    b.textContent = text;
    b.setAttribute('aria-label', t(key));
    b.addEventListener('click', () => save(store, { size: step('size', delta) }));
    sizeRow.append(b);
  }
  root.replaceChildren(make('theme', 'theme'), make('font', 'font'), sizeRow, make('width', 'width'), make('leading', 'leading'));
}
