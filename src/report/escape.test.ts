import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consoleText, xmlAttr, xmlText } from './escape.ts';
import { parseXml } from './xml-check.ts';

const HOSTILE = [
  '\x1b[2J\x1b[H',
  '\x1b]0;PASS\x07',
  '\x1b]52;c;ZWNobw==\x07',
  '\x9b31m',
  '\u202eFAIL',
  'a\r349 cases: 349 PASS\n',
  '\u2066x\u2069',
  '\ud800',
  '\x00\x08\x7f',
];

describe('consoleText', () => {
  it('leaves no control, C1, bidi or separator character to interpret, and keeps ordinary text', () => {
    for (const h of HOSTILE) {
      const s = consoleText(h);
      expect(s).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
      expect(s.length).toBeGreaterThan(0);
    }
    expect(consoleText('\x1b[2J')).toBe('\\x1b[2J');
    expect(consoleText('\u202e')).toBe('\\u202e');
    expect(consoleText('卡号 "D2143569X" 张伟 ✓ 😀')).toBe('卡号 "D2143569X" 张伟 ✓ 😀');
  });
  it('property: the output of any string is free of terminal controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(consoleText(s))),
      { numRuns: 2000 },
    );
  });
});

describe('xmlText and xmlAttr', () => {
  it('give well-formed XML 1.0 for the hostile strings, and the markup characters round-trip', () => {
    for (const h of [...HOSTILE, '<a href="x">&amp;\'</a>', ']]>']) {
      const r = parseXml(`<r m="${xmlAttr(h)}">${xmlText(h)}</r>`);
      expect(r.attr).toBeDefined();
    }
    expect(parseXml(`<r m="${xmlAttr('<&>"\'\n')}">${xmlText('<&>')}</r>`)).toEqual({ attr: '<&>"\'\n', text: '<&>' });
  });
  it('property: any string, in an attribute and as content, is well-formed XML', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        parseXml(`<r m="${xmlAttr(s)}">${xmlText(s)}</r>`);
      }),
      { numRuns: 2000 },
    );
  });
});
