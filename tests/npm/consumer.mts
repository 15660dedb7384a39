// A TypeScript consumer of the installed package: `tsc --noEmit` checks that
// the hand-written index.d.ts describes the API as a caller uses it.
import { extract, readerable, cite, styles, searchStyles, init, TidingsError } from 'tidings';
import type { Article, CslItem, Style, ErrorCode } from 'tidings';

export async function run(html: string): Promise<string | null> {
  await init();
  const ok: boolean = readerable(html);
  try {
    const a: Article = extract(html, { url: 'https://example.org/a', force: !ok });
    const words: number = a.wordCount;
    const published: string | null = a.publishedTime;
    const rules: string[] = a.removed.map((r) => r.rule);
    const list: Style[] = await styles();
    const csl = list.filter((s) => s.cslFile !== null).map((s) => s.name);
    const item: CslItem = { type: 'webpage', title: a.title, URL: 'https://example.org/a' };
    const html2: string = await cite(item, { style: csl[0], format: 'html' });
    // Every official style: search, the catalog's fields, any title with a locale.
    const found: Style[] = await searchStyles('nature', 5);
    const note: boolean = found.some((s) => s.class === 'note' || s.parent === 'nature' || s.common);
    const issn: string | undefined = found[0]?.issn;
    const nature: string = await cite(a, { style: 'Nature', form: 'citation', locale: 'de-DE' });
    return `${words} ${published} ${rules.length} ${html2} ${note} ${issn} ${nature} ${await cite(a, { style: 'apa', form: 'bibliography', accessed: '2025-01-01' })}`;
  } catch (e) {
    if (e instanceof TidingsError) {
      const code: ErrorCode | (string & {}) = e.code;
      if (code === 'no-article' || code === 'no-bibliography') return null;
    }
    throw e;
  }
}

// @ts-expect-error: extract wants a string, not bytes
extract(new Uint8Array(1));
// @ts-expect-error: no such format
void cite({ type: 'webpage' }, { format: 'rtf' });
// @ts-expect-error: the limit is a number
void searchStyles('nature', '5');
