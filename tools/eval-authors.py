#!/usr/bin/env python3
"""Author agreement with the reference answers of the three corpora.

Usage: tools/eval-authors.py target/release/tidings OUT.json [CORPORA_DIR]
Names are compared as sets after dropping "By"/"Par"/"Von", case and punctuation;
OUT.json lists every page with expected, got, source and editor."""
import json, os, re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
C=sys.argv[3] if len(sys.argv) > 3 else '../shared/corpora'
BIN=sys.argv[1]; OUT=sys.argv[2]
def run(path,url):
    try:
        p=subprocess.run([BIN,'extract','--format','json','--url',url,path],capture_output=True,timeout=60)
        return json.loads(p.stdout) if p.stdout else {}
    except Exception as e:
        return {}
def norm_names(s):
    if s is None: return set()
    if isinstance(s,list): parts=[]; [parts.extend(norm_list(x)) for x in s]; return set(parts)
    return set(norm_list(s))
def norm_list(s):
    s=re.sub(r'^\s*(by|written by|par|von)\s*[:]?\s*','',s.strip(),flags=re.I)
    parts=re.split(r',|\band\b|&|;|、|，| · ',s,flags=re.I)
    out=[]
    for p in parts:
        p=re.sub(r'^\s*by\s+','',p.strip(),flags=re.I)
        k=re.sub(r'[\W_]+','',p.lower())
        if k: out.append(k)
    return out
cases=[]
e=json.load(open(f'{C}/mercury-parser-fixtures/expected.json'))
for i,c in enumerate(e):
    if 'author' not in c['expected']: continue
    cases.append(('mercury',c['fixture']+'#'+str(i),f"{C}/mercury-parser-fixtures/{c['fixture']}",c['url'],c['expected']['author']))
for d in sorted(x for x in os.listdir(f'{C}/readability-test-pages') if os.path.isdir(f'{C}/readability-test-pages/'+x)):
    m=json.load(open(f'{C}/readability-test-pages/{d}/expected-metadata.json'))
    cases.append(('readability',d,f'{C}/readability-test-pages/{d}/source.html','http://fakehost/test/page.html',m.get('byline')))
for f in sorted(os.listdir(f'{C}/newspaper4k-tests/metadata')):
    m=json.load(open(f'{C}/newspaper4k-tests/metadata/{f}'))
    h=f'{C}/newspaper4k-tests/html/'+f.replace('.json','.html')
    if os.path.exists(h):
        cases.append(('n4k',f,h,m.get('url') or 'http://example.com/',m.get('authors')))
with ThreadPoolExecutor(2) as ex:
    res=list(ex.map(lambda c: run(c[2],c[3]),cases))
rows=[]
for c,r in zip(cases,res):
    got=r.get('byline'); src=r.get('source')
    gs=norm_names(got); es=norm_names(c[4])
    ok = gs==es
    rows.append(dict(corpus=c[0],case=c[1],expected=c[4],got=got,source=src,editor=r.get('editor'),authors=r.get('authors'),ok=ok,site=r.get('siteName')))
json.dump(rows,open(OUT,'w'),ensure_ascii=False,indent=1)
for corp in ['mercury','readability','n4k']:
    rs=[x for x in rows if x['corpus']==corp]
    print(corp, sum(x['ok'] for x in rs),'/',len(rs), '%.1f%%'%(100*sum(x['ok'] for x in rs)/len(rs)))
