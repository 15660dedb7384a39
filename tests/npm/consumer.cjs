// A CommonJS consumer of the installed package (scripts/test-npm.sh runs it
// in the empty folder the tarball was installed into).
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { extract, cite, TidingsError } = require('tidings');

const page = path.join(process.env.TIDINGS_ROOT, 'tests', 'fixtures', 'pages', 'shine-seed', 'source.html');
const article = extract(readFileSync(page, 'utf8'), { url: 'https://www.shine.cn/news/nation/2301104951/' });
assert.equal(article.title, 'Chinese FM holds phone talks with S. Korean counterpart');
assert.doesNotMatch(article.text, /ICP|许可证/);
assert.throws(() => extract(''), (e) => e instanceof TidingsError && e.code === 'not-html');
cite(article, { style: 'apa', accessed: '2025-01-01' }).then(async (apa) => {
  assert.match(apa, /^Xinhua\. \(2023, January 10\)\. Chinese FM holds phone talks/);
  // An official style outside the common ones, by title: the catalog's archives load too.
  assert.equal(await cite(article, { style: 'Nature', accessed: '2025-01-01' }), '1.  Xinhua. Chinese FM holds phone talks with S. Korean counterpart. Shanghai Daily (2023).');
  console.log('consumer.cjs: require("tidings") works');
});
