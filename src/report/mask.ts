/**
 * No secret in any output unless the profile marks its keys as test keys (issue 18). The one place
 * that knows what a profile's secrets are (keys.pin, keys.sscardRoots, keys.pboc.imk, keys.masterKeys)
 * and how they may show (digits, hex in either case, hex with spaces between bytes as traces print it,
 * the PBOC plaintext PIN block, base64), and masks them in text, in the profile written into plan.json,
 * and in every string of every message of messages.ndjson. APDU commands that carry a PIN or key
 * (VERIFY, CHANGE PIN, PIN CHANGE/UNBLOCK, WRITE KEY) keep only their header (maskCommand).
 */
import type { Profile } from '../profile/profile.ts';
import { APDU_TRACE_MEDIA_TYPE } from '../trace/trace.ts';

export const MASK = '******';
/** What plan.json holds instead of a secret value: `sscc run --plan` takes the keys from the profile file. */
export const MASKED_VALUE = '(masked: testKeys is false; the key is in the profile file)';

/** Instructions whose data field carries a PIN or key material (VERIFY, CHANGE PIN, PIN CHANGE/UNBLOCK, WRITE KEY). */
const SECRET_INS = new Set([0x20, 0x24, 0x5e, 0x2c, 0xd4]);

/** A command APDU as hex with spaces between bytes (the trace's form), its data field masked when it carries a secret. */
export function maskCommand(hex: string): string {
  const bytes = hex.split(' ');
  if (bytes.length <= 5 || !SECRET_INS.has(parseInt(bytes[1] ?? '0', 16))) return hex;
  return [...bytes.slice(0, 5), ...bytes.slice(5).map(() => '**')].join(' ');
}

export interface Masker {
  /** True when nothing is masked (the profile's keys are test keys). */
  readonly clear: boolean;
  text(s: string): string;
  /** Any JSON value: every string masked; ids (keys `id`, `…Id`) left alone so that references hold. */
  value<T>(v: T): T;
  /** The profile with its secret values replaced by MASKED_VALUE. */
  profile(p: Profile): Profile;
}

function hexSpaced(hex: string): string {
  return hex.match(/../g)?.join(' ') ?? hex;
}

/** The secret values of a profile, as given. */
export function secretsOf(p: Profile): { pins: string[]; keys: string[] } {
  const k = p.keys ?? {};
  const pins = k.pin ? [k.pin] : [];
  const keys = [...Object.values(k.sscardRoots ?? {}), ...Object.values(k.pboc?.imk ?? {}), ...Object.values(k.masterKeys ?? {})].filter(
    (x): x is string => typeof x === 'string' && x.length > 0,
  );
  return { pins, keys };
}

/** Every form a secret may take in an output (for masking here, and for the test that greps for them). */
export function secretForms(p: Profile): string[] {
  const { pins, keys } = secretsOf(p);
  const out = new Set<string>();
  for (const pin of pins) {
    out.add(pin);
    const cn = pin.length % 2 ? `${pin}F` : pin; // BCD, F-padded (cn)
    const block = `2${pin.length.toString(16)}${pin}`.padEnd(16, 'F'); // JR/T 0025 plaintext PIN block
    for (const h of [cn, block]) {
      out.add(h.toUpperCase());
      out.add(h.toLowerCase());
      out.add(hexSpaced(h.toUpperCase()));
    }
  }
  for (const key of keys) {
    const h = key.replace(/\s/g, '');
    out.add(h.toUpperCase());
    out.add(h.toLowerCase());
    out.add(hexSpaced(h.toUpperCase()));
    out.add(hexSpaced(h.toLowerCase()));
    if (/^([0-9a-fA-F]{2})+$/.test(h)) out.add(Buffer.from(h, 'hex').toString('base64'));
  }
  return [...out].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function masker(p: Profile): Masker {
  if (p.keys?.testKeys === true) return { clear: true, text: (s) => s, value: (v) => v, profile: (x) => x };
  const forms = secretForms(p);
  const re = forms.length ? new RegExp(forms.map(escapeRe).join('|'), 'g') : undefined;
  // Any PIN a diagnosis names ("VERIFY of PIN 975312 answered 63C1"), the profile's or one derived from it.
  const pinInText = /\b(PIN\s*:?\s*)"?\d{4,12}"?/gi;
  const text = (s: string) => (re ? s.replace(re, MASK) : s).replace(pinInText, `$1${MASK}`);
  const value = <T>(v: T, key = ''): T => {
    if (typeof v === 'string') return (key === 'id' || key.endsWith('Id') ? v : text(v)) as T;
    if (Array.isArray(v)) return v.map((x) => value(x)) as T;
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      // An APDU trace attachment: its commands lose their secret data fields before the text masking.
      if (o.mediaType === APDU_TRACE_MEDIA_TYPE && typeof o.body === 'string') {
        try {
          const entries = JSON.parse(o.body) as Array<{ command?: string; wire?: Array<{ command?: string }> }>;
          for (const e of entries) {
            if (typeof e.command === 'string') e.command = maskCommand(e.command);
            for (const w of e.wire ?? []) if (typeof w.command === 'string') w.command = maskCommand(w.command);
          }
          return Object.fromEntries(Object.entries({ ...o, body: JSON.stringify(entries) }).map(([k, x]) => [k, value(x, k)])) as T;
        } catch {
          /* not a trace after all: masked as text below */
        }
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, value(x, k)])) as T;
    }
    return v;
  };
  const profile = (x: Profile): Profile => {
    const k = x.keys;
    if (!k) return x;
    const hide = <V>(r: V): V =>
      r && typeof r === 'object' ? (Object.fromEntries(Object.entries(r).map(([n, val]) => [n, typeof val === 'string' ? MASKED_VALUE : val])) as V) : r;
    return {
      ...x,
      keys: {
        ...k,
        ...(k.pin !== undefined ? { pin: MASKED_VALUE } : {}),
        ...(k.sscardRoots ? { sscardRoots: hide(k.sscardRoots) } : {}),
        ...(k.masterKeys ? { masterKeys: hide(k.masterKeys) } : {}),
        ...(k.pboc ? { pboc: { ...k.pboc, imk: hide(k.pboc.imk) } } : {}),
      },
    };
  };
  return { clear: false, text, value: (v) => value(v), profile };
}
