/** Decoded APDU exchanges for reports: command by name, status word explained, response TLV expanded. */
import { describeSw } from '../apdu/sw.ts';
import { fromHex } from '../bytes/hex.ts';
import { describeTlv, parseTlv } from '../tlv/ber.ts';
import type { TraceEntry, TraceParty } from '../trace/trace.ts';
import { maskCommand } from './mask.ts';

export interface DecodedApdu {
  name: string;
  command: string;
  response: string;
  sw: string;
  swMeaning: { en: string; zh: string };
  us: number;
  /** Wire exchanges, when the T=0 layer needed more than one. */
  wire?: Array<{ command: string; response: string; us: number }>;
  /** The response data as BER-TLV, one line per object, when it parses as such. */
  tlv?: string[];
  error?: string;
  /** Index of the case's step that sent it (ReportCase.steps). */
  step?: number;
  /** Another party than the card under test: the PSAM the terminal worked with. */
  party?: TraceParty;
}

export function decodeTrace(entries: TraceEntry[], showSecrets: boolean): DecodedApdu[] {
  return entries.map((e) => {
    const mask = (h: string) => (showSecrets ? h : maskCommand(h));
    const sw = e.sw ? parseInt(e.sw, 16) : NaN;
    const out: DecodedApdu = {
      name: e.name,
      command: mask(e.command),
      response: e.response,
      sw: e.sw,
      swMeaning: Number.isNaN(sw) ? { en: 'no response', zh: '无响应' } : { en: describeSw(sw).en, zh: describeSw(sw).zh },
      us: e.us,
    };
    if (e.wire.length > 1) out.wire = e.wire.map((w) => ({ command: mask(w.command), response: w.response, us: w.us }));
    if (e.error) out.error = e.error;
    if (e.party) out.party = e.party;
    const data = e.response.split(' ').slice(0, -2).join('');
    if (data.length >= 4) {
      try {
        const tlv = parseTlv(fromHex(data), { skipPadding: false });
        if (tlv.length) out.tlv = describeTlv(tlv);
      } catch {
        /* not BER-TLV: shown as hex only */
      }
    }
    return out;
  });
}
