/**
 * Card and terminal data are data (issue 18): text that came from a card or a terminal program is
 * made harmless for each place it is shown. One function per kind of output, used everywhere.
 *
 * - consoleText: every C0 and C1 control (ESC, OSC, CSI 9B, BEL, CR, LF …), DEL, the Unicode
 *   bidirectional controls and the line/paragraph separators become visible \xNN / \uNNNN escapes, so
 *   a card cannot clear the screen, fake a summary line, set the title or write the clipboard.
 * - xmlText / xmlAttr: XML 1.0 §2.2 forbids most C0 controls, U+FFFE/U+FFFF and lone surrogates even as
 *   character references; they are written as visible \uNNNN text, and the markup characters escaped.
 */

/** C0, DEL, C1, bidi embeddings/overrides/isolates and marks, U+2028/U+2029, lone surrogates. */
const CONSOLE_UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(c: string): string {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** One line of console text: nothing in it is interpreted by a terminal emulator. */
export function consoleText(s: string): string {
  return String(s).replace(CONSOLE_UNSAFE, visible);
}

/** Characters XML 1.0 does not allow at all (§2.2 Char), lone surrogates included. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Allowed but best shown: C1 controls and the bidi controls, as in consoleText. */
const XML_SHOWN = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const MARKUP: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/** Element content. */
export function xmlText(s: string): string {
  return String(s)
    .replace(XML_FORBIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(XML_SHOWN, visible)
    .replace(/[<>&"']/g, (c) => MARKUP[c] as string);
}

/** Attribute value: also tab, CR and LF as references (attribute-value normalisation would eat them). */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Several lines of console text: each line as consoleText, the line breaks kept. */
export function consoleLines(s: string): string {
  return String(s).split('\n').map(consoleText).join('\n');
}
