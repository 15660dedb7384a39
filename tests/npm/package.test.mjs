// The packed npm package, installed from its tarball into an empty folder
// (scripts/test-npm.sh copies this file there), used from Node as a consumer
// would: `import ... from 'tidings'`. Checked against the CLI built from the
// same source (TIDINGS_BIN) on real pages: the same article object, the same
// error codes, the same citations.
//
// Environment (set by scripts/test-npm.sh): TIDINGS_ROOT (the repository),
// TIDINGS_BIN (the CLI), TIDINGS_CORPORA (the shared corpora; optional).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import * as tidings from 'tidings';
import { extract, readerable, cite, styles, searchStyles, TidingsError } from 'tidings';

const ROOT = process.env.TIDINGS_ROOT;
const BIN = process.env.TIDINGS_BIN;
const CORPORA = process.env.TIDINGS_CORPORA || join(ROOT, '..', 'shared', 'corpora');
const REAL = join(ROOT, 'tests', 'fixtures', 'real');
const SEED_HTML = join(ROOT, 'tests', 'fixtures', 'pages', 'shine-seed', 'source.html');
const SEED_URL = 'https://www.shine.cn/news/nation/2301104951/';
const SEED_TEXT = join(ROOT, 'tests', 'fixtures', 'seed', '000_cb51aec823b6ec93.txt');
const FAKEHOST = 'http://fakehost/test/page.html';

const cli = (args) => execFileSync(BIN, args, { encoding: 'utf8', maxBuffer: 256 << 20 });

/** The CLI's batch answer: one JSON object per file (`file` dropped), an error as {error: {code}}. */
function cliBatch(files, url) {
  const args = ['extract', '--format', 'json', ...(url ? ['--url', url] : []), ...files];
  const r = spawnSync(BIN, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.ok(r.status === 0 || r.status === 1, `CLI failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((line) => {
    const o = JSON.parse(line);
    delete o.file;
    return o;
  });
}

/** The package's answer in the same shape. */
function ours(file, url) {
  try {
    return extract(readFileSync(file, 'utf8'), { url });
  } catch (e) {
    assert.ok(e instanceof TidingsError, `not a TidingsError: ${e}`);
    return { error: { code: e.code, message: e.message } };
  }
}

function htmlFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.html')) out.push(p);
    }
  }
  return out.sort();
}

test('the package exports its API and nothing else', () => {
  assert.deepEqual(Object.keys(tidings).sort(), ['TidingsError', 'cite', 'extract', 'init', 'readerable', 'searchStyles', 'styles']);
  const pkg = JSON.parse(readFileSync(join(process.cwd(), 'node_modules', 'tidings', 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'tidings');
  assert.match(cli(['--version']).trim(), new RegExp(pkg.version.replace(/\./g, '\\.')));
});

test('extract gives the same object as `tidings extract --format json` on real pages', async (t) => {
  // The real pages copied into the repository (always there); readability's with its test URL,
  // the others without one (both paths of the URL handling).
  const groups = [
    [htmlFiles(join(REAL, 'readability-test-pages')), FAKEHOST],
    [[...htmlFiles(join(REAL, 'mercury-parser-fixtures')), ...htmlFiles(join(REAL, 'newspaper4k-tests'))], undefined],
  ];
  // The shared corpora's home pages (no article) when present: the error objects agree too.
  const homes = ['cnn_main_site', 'wired_main_site'].map((s) => join(CORPORA, 'newspaper4k-tests', 'html', s + '.html')).filter(existsSync);
  if (homes.length) groups.push([homes, 'https://example.org/']);
  else t.diagnostic('shared corpora absent: home pages skipped');
  let pages = 0;
  for (const [files, url] of groups) {
    assert.ok(files.length >= 2, 'the batch needs two files or more');
    const want = cliBatch(files, url);
    files.forEach((file, i) => {
      assert.deepStrictEqual(ours(file, url), want[i], file);
      pages++;
    });
  }
  assert.ok(pages >= 20, `only ${pages} pages compared`);
});

test('the seed page (Shanghai Daily): the article, its metadata, no licence or ICP footers', () => {
  const html = readFileSync(SEED_HTML, 'utf8');
  const a = extract(html, { url: SEED_URL });
  assert.deepStrictEqual(a, JSON.parse(cli(['extract', '--format', 'json', '--url', SEED_URL, SEED_HTML])));
  assert.equal(a.title, 'Chinese FM holds phone talks with S. Korean counterpart');
  assert.equal(a.siteName, 'Shanghai Daily');
  assert.equal(a.source, 'Xinhua');
  assert.equal(a.editor, 'Zhu Ying');
  assert.equal(a.publishedTime, '2023-01-10T10:31:00+08:00');
  const lines = a.text.split('\n');
  assert.equal(lines.length, 9, a.text);
  assert.match(lines[0], /^Chinese Foreign Minister Qin Gang on Monday held a phone conversation/);
  assert.match(lines[8], /exchanged Spring Festival greetings\.$/);
  for (const clutter of [/ICP/, /许可证/, /公网安备/, /Copyright|©/i, /EXPLORE SHINE/]) {
    assert.doesNotMatch(a.text, clutter);
    assert.doesNotMatch(a.content, clutter);
  }
  assert.ok(a.removed.some((r) => /ICP|许可证/.test(r.text)), 'the licence footer is among the removed blocks');
  assert.equal(readerable(html), true);
});

test('the seed text dump (input: text) matches `tidings extract --input text`', () => {
  const dump = readFileSync(SEED_TEXT, 'utf8');
  const a = extract(dump, { input: 'text', url: SEED_URL });
  assert.deepStrictEqual(a, JSON.parse(cli(['extract', '--format', 'json', '--input', 'text', '--url', SEED_URL, SEED_TEXT])));
  assert.equal(a.title, 'Chinese FM holds phone talks with S. Korean counterpart');
  assert.match(a.text, /^Chinese Foreign Minister Qin Gang on Monday/);
  assert.match(a.text, /exchanged Spring Festival greetings\.$/);
  assert.doesNotMatch(a.text, /ICP|许可证|公网安备|网络视听/);
});

test('errors are TidingsError with the CLI codes', (t) => {
  const code = (f) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof TidingsError && e instanceof Error, String(e));
      assert.equal(e.name, 'TidingsError');
      assert.ok(e.message.length > 0);
      return e.code;
    }
    assert.fail('no error');
  };
  // The CLI's code for an empty input.
  const dir = mkdtempSync(join(tmpdir(), 'tidings-npm-'));
  writeFileSync(join(dir, 'empty.html'), '');
  const [cliEmpty] = cliBatch([join(dir, 'empty.html'), SEED_HTML]);
  assert.equal(code(() => extract('')), cliEmpty.error.code);
  assert.equal(cliEmpty.error.code, 'not-html');
  // Hand-written hostile input (no real page nests 2,000 elements deep): the depth limit.
  assert.equal(code(() => extract('<div>'.repeat(2000) + 'x')), 'too-deep');
  assert.equal(code(() => extract(Buffer.from('<p>bytes</p>'))), 'bad-argument');
  assert.equal(code(() => extract('<p>x</p>', { input: 'pdf' })), 'bad-argument');
  // A real home page: no article, unless forced.
  const home = join(CORPORA, 'newspaper4k-tests', 'html', 'wired_main_site.html');
  if (existsSync(home)) {
    const html = readFileSync(home, 'utf8');
    assert.equal(code(() => extract(html)), 'no-article');
    assert.ok(extract(html, { force: true }).text.length > 0);
  } else t.diagnostic('shared corpora absent: the no-article case on a real home page skipped');
});

test('cite: APA and other styles as the CLI formats them; CSL items; errors', async () => {
  const a = extract(readFileSync(SEED_HTML, 'utf8'), { url: SEED_URL });
  const apa = await cite(a, { style: 'apa', accessed: '2025-01-01' });
  assert.equal(apa, 'Xinhua. (2023, January 10). Chinese FM holds phone talks with S. Korean counterpart. Shanghai Daily. https://www.shine.cn/news/nation/2301104951/');
  for (const s of (await styles()).filter((x) => x.common)) {
    for (const format of ['text', 'html']) {
      const want = cli(['cite', '--style', s.name, '--format', format, '--accessed', '2025-01-01', '--url', SEED_URL, SEED_HTML]).replace(/\n$/, '');
      assert.equal(await cite(a, { style: s.name, format, accessed: '2025-01-01' }), want, `${s.name} ${format}`);
    }
  }
  // The official id works as the name does; the default style is APA.
  assert.equal(await cite(a, { style: 'modern-language-association', accessed: '2025-01-01' }), await cite(a, { style: 'mla', accessed: '2025-01-01' }));
  assert.match(await cite(a), /^Xinhua\. \(2023, January 10\)/);

  // A CSL-JSON item (a reference manager's export) as `tidings cite --csl-json` formats it.
  const item = JSON.parse(cli(['cite', '--style', 'csl-json', '--accessed', '2025-01-01', '--url', SEED_URL, SEED_HTML]));
  const dir = mkdtempSync(join(tmpdir(), 'tidings-npm-'));
  writeFileSync(join(dir, 'item.json'), JSON.stringify(item));
  for (const style of ['apa', 'chicago-notes', 'gb7714', 'bibtex']) {
    const want = cli(['cite', '--style', style, '--csl-json', join(dir, 'item.json')]).replace(/\n$/, '');
    assert.equal(await cite(item, { style }), want, style);
  }
  // The item keeps its own access date unless one is given.
  assert.match(await cite(item, { style: 'ieee' }), /Accessed: Jan\. 01, 2025\./);
  assert.match(await cite(item, { style: 'ieee', accessed: '2024-02-03' }), /Accessed: Feb\. 03, 2024\./);

  const code = async (p) => {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof TidingsError, String(e));
      return e.code;
    }
    assert.fail('no error');
  };
  assert.equal(await code(cite(a, { style: 'no-such-style' })), 'unknown-style');
  // The citation form, as the CLI's `--form citation`.
  const inText = await cite(a, { style: 'apa', form: 'citation', accessed: '2025-01-01' });
  assert.equal(inText, cli(['cite', '--style', 'apa', '--form', 'citation', '--accessed', '2025-01-01', '--url', SEED_URL, SEED_HTML]).replace(/\n$/, ''));
  assert.equal(inText, '(Xinhua, 2023)');
  assert.equal(await code(cite(a, { locale: '' })), 'bad-argument');
  assert.equal(await code(cite(a, { form: 'footnote' })), 'bad-argument');
  assert.equal(await code(cite(a, { format: 'rtf' })), 'bad-argument');
  assert.equal(await code(cite(a, { accessed: '1 May 2025' })), 'bad-argument');
  assert.equal(await code(cite('not an article')), 'bad-argument');
  assert.equal(await code(cite({ type: 'webpage', author: 'not a list' }, { style: 'apa' })), 'bad-item');
});

test('styles() lists the common entries first, as `tidings styles` does, then every official style', async () => {
  const list = await styles();
  // `tidings styles` lists the menu's common entries (`= official-id` or `export`), then
  // every official style (id, title, class): one line each.
  const lines = cli(['styles']).trim().split('\n');
  const commonLines = lines.filter((l) => /(= \S+|export)\s*$/.test(l));
  const common = list.filter((s) => s.common);
  assert.deepEqual(common.map((s) => s.name), commonLines.map((l) => l.split(/\s+/)[0]));
  assert.deepEqual(list.slice(0, common.length), common, 'the common entries come first');
  const official = lines.slice(commonLines.length).map((l) => l.split(/\s+/)[0]);
  assert.ok(official.length > 10000, `only ${official.length} official styles listed by the CLI`);
  // Every official style once: the common CSL entries stand for their own ids.
  assert.deepEqual(list.filter((s) => s.title).map((s) => s.id).sort(), [...official].sort());
  assert.equal(new Set(list.filter((s) => s.title).map((s) => s.id)).size, official.length);
  // The official CSL style `bibtex` apart from the BibTeX export (which `style: 'bibtex'` means).
  assert.deepEqual(list.filter((s) => s.id === 'bibtex').map((s) => [s.common, s.class ?? null]), [[true, null], [false, 'in-text']]);
  const csl = join(process.cwd(), 'node_modules', 'tidings', 'csl');
  for (const s of common.filter((x) => x.cslFile)) {
    assert.ok(existsSync(join(csl, s.cslFile)), s.cslFile);
    assert.ok(existsSync(join(csl, s.localeFile)), s.localeFile);
    assert.equal(s.class, s.name.startsWith('chicago-notes') ? 'note' : 'in-text', s.name);
  }
  // The catalog's fields: Nature's ISSN; a dependent style's parent; a note style's class.
  const byId = new Map(list.map((s) => [s.id, s]));
  assert.deepEqual(
    { ...byId.get('nature') },
    { name: 'nature', id: 'nature', label: 'Nature', title: 'Nature', cslFile: null, localeFile: null, common: false, issn: '0028-0836', eissn: '1476-4687', class: 'in-text', format: 'numeric', locale: 'en-GB' },
  );
  assert.equal(byId.get('nature-communications').parent, 'nature');
  assert.equal(byId.get('mhra-notes').class, 'note');
  list[0].name = 'changed';
  assert.notEqual((await styles())[0].name, 'changed', 'callers get copies');
});

test('every official style: by id, title, ISSN, dependent ones, both forms, locales, items, as the CLI', async () => {
  const a = extract(readFileSync(SEED_HTML, 'utf8'), { url: SEED_URL });
  const want = (...args) => cli(['cite', ...args, '--accessed', '2025-01-01', '--url', SEED_URL, SEED_HTML]).replace(/\n$/, '');
  const at = { accessed: '2025-01-01' };
  // Nature, by id, title and ISSN, in both formats and both forms.
  const nature = await cite(a, { style: 'nature', ...at });
  assert.equal(nature, want('--style', 'nature'));
  assert.equal(nature, '1.  Xinhua. Chinese FM holds phone talks with S. Korean counterpart. Shanghai Daily (2023).');
  assert.equal(await cite(a, { style: 'Nature', ...at }), nature);
  assert.equal(await cite(a, { style: '0028-0836', ...at }), nature);
  assert.equal(await cite(a, { style: 'nature', format: 'html', ...at }), want('--style', 'nature', '--format', 'html'));
  assert.equal(await cite(a, { style: 'nature', form: 'citation', ...at }), want('--style', 'nature', '--form', 'citation'));
  // A dependent style by its title: its parent's rules.
  const [dep] = await searchStyles('Nature Communications', 1);
  assert.equal(dep.parent, 'nature');
  assert.equal(await cite(a, { style: 'Nature Communications', ...at }), want('--style', 'Nature Communications'));
  // The citation form of a note style: its first note.
  const note = await cite(a, { style: 'mhra-notes', form: 'citation', ...at });
  assert.equal(note, want('--style', 'mhra-notes', '--form', 'citation'));
  assert.match(note, /^Xinhua, ‘Chinese FM Holds Phone Talks with S\. Korean Counterpart’, .*10 January 2023 .*\[accessed 1 January 2025\]\.$/);
  // A style without a bibliography: a coded error for that form, its note for the other.
  const code = async (p) => {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof TidingsError, String(e));
      return [e.code, e.message];
    }
    assert.fail('no error');
  };
  const [noBib] = await code(cite(a, { style: 'leonardo', ...at }));
  assert.equal(noBib, 'no-bibliography');
  assert.equal(spawnSync(BIN, ['cite', '--style', 'leonardo', '--url', SEED_URL, SEED_HTML]).status, 2);
  assert.equal(await cite(a, { style: 'leonardo', form: 'citation', ...at }), want('--style', 'leonardo', '--form', 'citation'));
  // Another locale, for a common style too (then through the catalog, as the CLI does).
  for (const [style, locale] of [['apa', 'de-DE'], ['nature', 'fr-FR'], ['mhra-notes', 'zh-CN']]) {
    assert.equal(await cite(a, { style, locale, ...at }), want('--style', style, '--locale', locale), `${style} ${locale}`);
  }
  assert.notEqual(await cite(a, { style: 'apa', locale: 'de-DE', ...at }), await cite(a, { style: 'apa', ...at }));
  // A CSL-JSON item in any style and both forms, as `tidings cite --csl-json`.
  const item = JSON.parse(want('--style', 'csl-json'));
  const dir = mkdtempSync(join(tmpdir(), 'tidings-npm-'));
  writeFileSync(join(dir, 'item.json'), JSON.stringify(item));
  for (const [style, form] of [['nature', 'bibliography'], ['Nature Communications', 'citation'], ['mhra-notes', 'citation'], ['apa', 'citation'], ['leonardo', 'citation']]) {
    const cliItem = cli(['cite', '--style', style, '--form', form, '--csl-json', join(dir, 'item.json')]).replace(/\n$/, '');
    assert.equal(await cite(item, { style, form }), cliItem, `${style} ${form}`);
  }
  assert.equal((await code(cite(item, { style: 'leonardo' })))[0], 'no-bibliography');
  // The official CSL style `bibtex` by its title (`bibtex` is the export format).
  assert.equal(await cite(a, { style: 'BibTeX generic citation style', ...at }), want('--style', 'BibTeX generic citation style'));
  assert.match(await cite(a, { style: 'bibtex', ...at }), /^@/);
  // Many styles at once (more archives than the module keeps): the same as one by one.
  const spread = (await styles()).filter((s) => s.title && !s.common && !s.parent).filter((_, i) => i % 100 === 0);
  assert.ok(spread.length >= 20, `${spread.length} styles`);
  const settle = (p) => p.then((x) => x, (e) => `error ${e.code}`);
  const together = await Promise.all(spread.map((s) => settle(cite(a, { style: s.id, ...at }))));
  const alone = [];
  for (const s of spread) alone.push(await settle(cite(a, { style: s.id, ...at })));
  assert.deepEqual(together, alone);
  assert.ok(alone.filter((x) => x.startsWith('error ')).every((x) => x === 'error no-bibliography'), alone.join('\n'));
  // An unknown style: the CLI's message, naming the closest titles.
  const [unknown, message] = await code(cite(a, { style: 'Natur Jornal' }));
  assert.equal(unknown, 'unknown-style');
  const r = spawnSync(BIN, ['cite', '--style', 'Natur Jornal', '--url', SEED_URL, SEED_HTML], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(`tidings: ${message}`, r.stderr.trim());
  assert.match(message, /closest: .*"Nature" \(nature\)/);
  assert.equal((await code(cite(item, { style: 'Natur Jornal' })))[1], message);
});

test('searchStyles: titles in any script, ISSNs, ids, as `tidings styles --search`', async () => {
  const ids = (q) => cli(['styles', '--search', q]).trim().split('\n').map((l) => l.split(/\s+/)[0]);
  // A Chinese title word (matched anywhere in the title).
  const physics = await searchStyles('物理学报');
  assert.deepEqual(physics.map((s) => s.id), ['acta-physica-sinica']);
  assert.equal(physics[0].title, 'Acta Physica Sinica (物理学报)');
  const chinese = await searchStyles('中文', 100);
  assert.deepEqual(chinese.map((s) => s.id), ids('中文'));
  assert.ok(chinese.length >= 10 && chinese.every((s) => s.title.includes('中文')), chinese.map((s) => s.title).join('; '));
  assert.ok(chinese.some((s) => s.id === 'china-national-standard-gb-t-7714-2015-numeric' && s.common && s.name === 'gb7714'));
  // An ISSN, the limit, and no match.
  assert.deepEqual((await searchStyles('1476-4687')).map((s) => s.id), ['nature']);
  const nat = await searchStyles('nature', 5);
  assert.equal(nat.length, 5);
  assert.deepEqual(nat.map((s) => s.id), ids('nature').slice(0, 5));
  assert.deepEqual(await searchStyles('zzqx no such words'), []);
  await assert.rejects(searchStyles(42), (e) => e instanceof TidingsError && e.code === 'bad-argument');
});

test('require() (CommonJS) gives the same module', () => {
  const require = createRequire(join(process.cwd(), 'consumer.cjs'));
  const cjs = require('tidings');
  assert.equal(cjs.extract, extract);
  assert.equal(cjs.TidingsError, TidingsError);
});
