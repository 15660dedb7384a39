#!/usr/bin/env python3
"""Day and timestamp agreement of tidings' publishedTime with the three corpora's references."""
import json, os, re, subprocess, sys
from datetime import datetime, timezone, timedelta
HERE = os.path.dirname(os.path.abspath(__file__))
C = os.environ.get('TIDINGS_CORPORA') or os.path.join(HERE, '..', '..', 'shared', 'corpora')
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', 'target', 'release', 'tidings')

def run(path, url):
    args = [BIN, 'extract', '--format', 'json', '--force']
    if url: args += ['--url', url]
    p = subprocess.run(args + [path], capture_output=True, text=True)
    try: return json.loads(p.stdout)
    except Exception: return {}

def parse(s):
    """-> (date(y,m,d), (h,m) or None, offset minutes or None)"""
    if not s: return None
    s = s.strip()
    m = re.match(r'(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?', s)
    if not m: return None
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    t = (int(m[4]), int(m[5])) if m[4] else None
    off = None
    if m[7]:
        z = m[7]
        off = 0 if z == 'Z' else (1 if z[0]=='+' else -1) * (int(z[1:3])*60 + int(z[-2:]))
    return (y, mo, d), t, off

def utc(p):
    (y,mo,d), t, off = p
    dt = datetime(y,mo,d,t[0],t[1]) - timedelta(minutes=off)
    return dt

def judge(ours, exp, exp_has_time):
    o, e = parse(ours), parse(exp)
    if not e: return None
    if not o: return (False, False)
    day = o[0] == e[0]
    if not day and o[1] and o[2] is not None and e[1] and e[2] is not None:
        day = utc(o).date() == utc(e).date()
    ts = None
    if exp_has_time:
        if o[1] is None: ts = False
        elif o[2] is not None and e[2] is not None: ts = utc(o) == utc(e)
        else: ts = o[1] == e[1] and o[0] == e[0]
    return day, ts

rows = []
# mercury
for c in json.load(open(f'{C}/mercury-parser-fixtures/expected.json')):
    exp = c['expected'].get('date_published')
    a = run(f"{C}/mercury-parser-fixtures/{c['fixture']}", c['url'])
    rows.append(('merc', c['fixture'].split('/')[-1], a.get('lang') or '', exp, a.get('publishedTime'), True))
for slug in sorted(os.listdir(f'{C}/readability-test-pages')):
    mp = f'{C}/readability-test-pages/{slug}/expected-metadata.json'
    if not os.path.exists(mp): continue
    m = json.load(open(mp))
    exp = m.get('publishedTime')
    a = run(f'{C}/readability-test-pages/{slug}/source.html', 'http://fakehost/test/page.html')
    has_t = bool(exp and parse(exp) and parse(exp)[1])
    rows.append(('read', slug, m.get('lang') or a.get('lang') or '', exp, a.get('publishedTime'), has_t))
for f in sorted(os.listdir(f'{C}/newspaper4k-tests/metadata')):
    m = json.load(open(f'{C}/newspaper4k-tests/metadata/{f}'))
    h = f'{C}/newspaper4k-tests/html/{f[:-5]}.html'
    if not os.path.exists(h): continue
    exp = m.get('publish_date')
    a = run(h, m.get('url'))
    p = parse(exp) if exp else None
    has_t = bool(p and p[1] and p[1] != (0, 0))
    rows.append(('np4k', f[:-5], m.get('language') or a.get('lang') or '', exp, a.get('publishedTime'), has_t))

stats = {}
for src, name, lang, exp, ours, has_t in rows:
    grp = 'zh' if lang.startswith('zh') else ('en' if lang.startswith('en') else 'other')
    if not exp:
        if ours: print(f'EXTRA {src} {name} [{lang}] ours={ours}')
        continue
    day, ts = judge(ours, exp, has_t)
    for g in (grp, 'all'):
        s = stats.setdefault(g, [0,0,0,0])
        s[0] += 1; s[1] += day
        if ts is not None: s[2] += 1; s[3] += ts
    if not day or ts is False:
        print(f"{'DAY ' if not day else 'TIME'} {src} {name} [{lang}] exp={exp} ours={ours}")
for g, (n, d, nt, t) in stats.items():
    print(f'{g}: day {d}/{n} = {100*d/max(n,1):.1f}%  timestamp {t}/{nt} = {100*t/max(nt,1):.1f}%')
