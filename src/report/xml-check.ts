/** Tests' strict XML 1.0 reader (saxes): throws on anything not well-formed, forbidden characters included. */
import { SaxesParser } from 'saxes';

export function parseXml(doc: string): { attr?: string; text: string } {
  const p = new SaxesParser();
  let attr: string | undefined;
  let text = '';
  p.on('error', (e) => {
    throw e;
  });
  p.on('opentag', (t) => (attr ??= (t.attributes as Record<string, string>).m));
  p.on('text', (t) => (text += t));
  p.write(doc).close();
  return { ...(attr === undefined ? {} : { attr }), text };
}
