#!/usr/bin/env python3
"""Title, site name and language agreement of `tidings extract` with the reference answers of the three corpora.

Usage: python3 tools/site_title_lang_eval.py [TIDINGS_BINARY] [CORPORA_DIR] [-v]
Titles agree when equal after normalising quotes, dashes, case and spaces, or
when the reference is ours plus a site suffix (Readability keeps those).
Site names are compared where readability-test-pages and newspaper4k give
one; languages case-insensitively (newspaper4k: primary subtag only).
The references are a guide, not truth: -v lists every disagreement to judge.
"""
import json, glob, os, subprocess, sys
args = [a for a in sys.argv[1:] if a != '-v']
verbose = '-v' in sys.argv
BIN = args[0] if args else 'target/release/tidings'
C = args[1] if len(args) > 1 else '../shared/corpora'
out = []
def run(url, f):
    try:
        r = subprocess.run([BIN, 'extract', '--format', 'json', '--force', '--url', url, f], capture_output=True, timeout=60)
        return json.loads(r.stdout) if r.stdout else {}
    except Exception as e:
        return {}
for d in sorted(glob.glob(C + '/readability-test-pages/*/')):
    if not os.path.exists(d + 'source.html'): continue
    m = json.load(open(d + 'expected-metadata.json'))
    a = run('http://fakehost/test/page.html', d + 'source.html')
    out.append(dict(corpus='rd', page=os.path.basename(d[:-1]), file=d + 'source.html', url='http://fakehost/test/page.html',
        ref_title=m.get('title'), ref_site=m.get('siteName'), ref_lang=m.get('lang'),
        title=a.get('title'), site=a.get('siteName'), lang=a.get('lang'), text=(a.get('text') or ''), byline=a.get('byline'), pub=a.get('publishedTime'), ref_author=None, ref_date=None))
for c in json.load(open(C + '/mercury-parser-fixtures/expected.json')):
    f = C + '/mercury-parser-fixtures/' + c['fixture']
    a = run(c['url'], f)
    out.append(dict(corpus='mp', page=os.path.basename(c['fixture']), file=f, url=c['url'], ref_title=c['expected'].get('title'),
        ref_site=None, ref_lang=None, title=a.get('title'), site=a.get('siteName'), lang=a.get('lang'), text=(a.get('text') or ''), byline=a.get('byline'), pub=a.get('publishedTime'), ref_author=c['expected'].get('author'), ref_date=c['expected'].get('date_published')))
for f in sorted(glob.glob(C + '/newspaper4k-tests/html/*.html')):
    name = os.path.basename(f)[:-5]
    mf = C + '/newspaper4k-tests/metadata/' + name + '.json'
    m = json.load(open(mf)) if os.path.exists(mf) else {}
    url = m.get('url') or 'http://example.com/' + name
    a = run(url, f)
    out.append(dict(corpus='n4', page=name, file=f, url=url, ref_title=m.get('title'), ref_site=m.get('meta_site_name'),
        ref_lang=m.get('language') or m.get('meta_lang'), title=a.get('title'), site=a.get('siteName'), lang=a.get('lang'), text=(a.get('text') or ''), byline=a.get('byline'), pub=a.get('publishedTime'), ref_author=None, ref_date=None))
d = out

import re, unicodedata
def norm(s):
    s = unicodedata.normalize('NFKC', s or '')
    s = s.replace('\u2019', "'").replace('\u2018', "'").replace('\u201c', '"').replace('\u201d', '"').replace('\u2014','-').replace('\u2013','-')
    s = re.sub(r'\s+', ' ', s).strip().lower()
    return s
SEPS = [' | ', ' - ', ' – ', ' — ', ' :: ', ' » ', ' · ', '_', '｜', '|', '--', ' / ', ' : ', ' ：', '：', ' – ']
def title_ok(ours, ref):
    o, r = norm(ours), norm(ref)
    if not o: return False
    if o == r: return True
    # reference keeps a site suffix/prefix
    for s in SEPS:
        s = norm(s) if s.strip() else s
        if r.startswith(o) and r[len(o):].lstrip().startswith(s.strip()): return True
        if r.endswith(o) and r[:-len(o)].rstrip().endswith(s.strip()): return True
    return False
def cjk(s): return sum(1 for c in s or '' if '\u4e00' <= c <= '\u9fff') > 3
res = {}
for x in d:
    zh = cjk(x['ref_title']) and not re.search('[\u3040-\u30ff]', x['ref_title'] or '')
    key = 'zh' if zh else 'other'
    if x['ref_title']:
        ok = title_ok(x['title'], x['ref_title'])
        res.setdefault(('title', key, x['corpus']), []).append(ok)
        if not ok and verbose: print('TITLE', x['corpus'], x['page'], '|', x['title'], '|| ref:', x['ref_title'])
    if x['ref_lang']:
        ok = (x['lang'] or '').lower().replace('_','-') == x['ref_lang'].lower().replace('_','-') or (x['lang'] or '').lower().split('-')[0] == x['ref_lang'].lower().split('-')[0] and x['corpus']=='n4'
        res.setdefault(('lang', 'all', x['corpus']), []).append(ok)
        if not ok and verbose: print('LANG', x['corpus'], x['page'], x['lang'], '|| ref:', x['ref_lang'])
    if x['ref_site']:
        ok = norm(x['site']) == norm(x['ref_site'])
        res.setdefault(('site', 'all', x['corpus']), []).append(ok)
        if not ok and verbose: print('SITE', x['corpus'], x['page'], x['site'], '|| ref:', x['ref_site'])
for k in sorted(res):
    v = res[k]; print(k, f'{sum(v)}/{len(v)} = {100*sum(v)/len(v):.0f}%')
