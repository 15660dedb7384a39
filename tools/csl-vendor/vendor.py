#!/usr/bin/env python3
"""Regenerates csl/all/ (every official CSL style and locale, compressed) from the
pinned tarballs in ../shared/csl-all/ (or the two paths given).

Output (deterministic for a given zstd version):
  index.tsv.zst    one line per style (independent and dependent), tab-separated:
                   id, title, title-short, issn, eissn, parent, default-locale,
                   class (in-text|note), citation-format, fields (comma-separated),
                   chunk (the styles-NN.zst holding an independent style; empty for
                   a dependent one, which is resolved to its parent), aliases (other
                   names to search by, from tools/csl-vendor/aliases.tsv, ' | '-separated)
  styles-NN.zst    independent styles, records `id\\n<byte length>\\n<xml>`, grouped
                   by their macro names so similar styles share a chunk (about
                   0.9 MB each decoded: formatting in a new style decodes one chunk)
  locales.zst      the 62 locale files and locales.json, same record layout
                   (`locales-xx-YY.xml`, `locales.json`)

Usage: tools/csl-vendor/vendor.py [STYLES.tar.xz LOCALES.tar.xz]  (needs the zstd tool)
"""
import io
import os
import re
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'csl', 'all')
NS = '{http://purl.org/net/xbiblio/csl}'
# Decoded bytes per chunk: the first citation in a new style decodes one chunk.
CHUNK_BYTES = 900_000
ZSTD = ['zstd', '-19', '-q', '-c', '--no-check']


def members(path):
    with tarfile.open(path, 'r:xz') as tar:
        for m in tar.getmembers():
            if m.isfile():
                yield m.name, tar.extractfile(m).read()


def clean(s):
    return re.sub(r'\s+', ' ', s or '').strip()


def info(xml):
    root = ET.fromstring(xml)
    inf = root.find(NS + 'info')
    get = lambda tag: clean(inf.findtext(NS + tag)) if inf is not None else ''
    parent = ''
    fields, fmt = [], ''
    for link in inf.findall(NS + 'link'):
        if link.get('rel') == 'independent-parent':
            parent = link.get('href', '').rstrip('/').rsplit('/', 1)[-1]
    for cat in inf.findall(NS + 'category'):
        if cat.get('field'):
            fields.append(cat.get('field'))
        if cat.get('citation-format'):
            fmt = cat.get('citation-format')
    sid = get('id').rstrip('/').rsplit('/', 1)[-1]
    return {
        'id': sid, 'title': get('title'), 'short': get('title-short'),
        'issn': get('issn'), 'eissn': get('eissn'), 'parent': parent,
        'locale': root.get('default-locale', ''), 'class': root.get('class', ''),
        'format': fmt, 'fields': ','.join(fields),
    }


def record(name, data):
    return name.encode() + b'\n' + str(len(data)).encode() + b'\n' + data


def zstd(data):
    return subprocess.run(ZSTD, input=data, capture_output=True, check=True).stdout


def main():
    shared = os.path.join(ROOT, '..', 'shared', 'csl-all')
    styles_tar, locales_tar = (sys.argv[1:3] if len(sys.argv) == 3 else
                               (os.path.join(shared, 'styles-0819c0e0.tar.xz'),
                                os.path.join(shared, 'locales-938c09c1.tar.xz')))
    independent, dependent = {}, {}
    for name, data in members(styles_tar):
        if not name.endswith('.csl'):
            continue
        stem = os.path.basename(name)[:-4]
        (dependent if name.startswith('dependent/') else independent)[stem] = data
    rows, by_id = [], {}
    for stem, data in sorted(independent.items()):
        i = info(data)
        assert i['id'] == stem, (stem, i['id'])
        by_id[stem] = i
    # Similar styles next to each other: sorted by their macro names, then id.
    def macros(stem):
        return b' '.join(re.findall(rb'<macro name="([^"]+)"', independent[stem]))
    order = sorted(independent, key=lambda s: (macros(s), s))
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith('.zst'):
            os.remove(os.path.join(OUT, f))
    chunk, buf, n = {}, [], 0
    def flush():
        nonlocal buf
        if buf:
            open(os.path.join(OUT, f'styles-{n:02}.zst'), 'wb').write(zstd(b''.join(buf)))
            buf = []
    size = 0
    for stem in order:
        buf.append(record(stem, independent[stem]))
        chunk[stem] = n
        size += len(independent[stem])
        if size >= CHUNK_BYTES:
            flush()
            n += 1
            size = 0
    if buf:
        flush()
        n += 1
    for stem, i in by_id.items():
        rows.append({**i, 'chunk': str(chunk[stem])})
    missing = 0
    for stem, data in sorted(dependent.items()):
        i = info(data)
        assert i['id'] == stem, (stem, i['id'])
        p = by_id.get(i['parent'])
        if p is None:
            missing += 1
            continue
        i['class'] = p['class']
        if not i['format']:
            i['format'] = p['format']
        rows.append({**i, 'chunk': ''})
    aliases = {}
    for line in open(os.path.join(os.path.dirname(__file__), 'aliases.tsv'), encoding='utf-8'):
        if line.strip() and not line.startswith('#'):
            name, sid = line.rstrip('\n').split('\t')
            aliases.setdefault(sid, []).append(name)
    known = {r['id'] for r in rows}
    assert set(aliases) <= known, set(aliases) - known
    for r in rows:
        r['aliases'] = ' | '.join(aliases.get(r['id'], []))
    rows.sort(key=lambda r: r['id'])
    cols = ['id', 'title', 'short', 'issn', 'eissn', 'parent', 'locale', 'class', 'format', 'fields',
            'chunk', 'aliases']
    text = ''.join('\t'.join(r[c].replace('\t', ' ') for c in cols) + '\n' for r in rows)
    open(os.path.join(OUT, 'index.tsv.zst'), 'wb').write(zstd(text.encode()))
    locs = sorted((os.path.basename(nm), d) for nm, d in members(locales_tar)
                  if nm.endswith('.xml') or nm.endswith('locales.json'))
    open(os.path.join(OUT, 'locales.zst'), 'wb').write(zstd(b''.join(record(nm, d) for nm, d in locs)))
    rs = ['//! The vendored style data, compiled into the native library (feature `bundled-styles`).',
          '//! Generated by tools/csl-vendor/vendor.py: do not edit.', '',
          '/// `csl/all/index.tsv.zst`: every style\'s catalog line.',
          'pub static INDEX: &[u8] = include_bytes!("../../csl/all/index.tsv.zst");',
          '/// `csl/all/locales.zst`: every locale file.',
          'pub static LOCALES: &[u8] = include_bytes!("../../csl/all/locales.zst");',
          '/// `csl/all/styles-NN.zst`: the independent styles, chunk NN at index NN.',
          'pub static CHUNKS: &[&[u8]] = &[']
    rs += [f'    include_bytes!("../../csl/all/styles-{i:02}.zst"),' for i in range(n)]
    rs += ['];', '']
    open(os.path.join(ROOT, 'src', 'cite', 'vendored.rs'), 'w').write('\n'.join(rs))
    print(f'{len(by_id)} independent styles in {n} chunks, {len(rows) - len(by_id)} dependent '
          f'({missing} without a parent skipped), {len(locs)} locale files')


if __name__ == '__main__':
    main()
