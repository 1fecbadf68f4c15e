/**
 * Financial test cards for terminal tests (issue 7): the reference card (SSSE + PSE) with its debit
 * application personalised to provoke one terminal behaviour each: application priority and
 * confirmation, a blocked application, no PSE, ODA methods and bad certificates, CVM lists of each
 * kind, a PIN try counter at 0, dates, velocity limits, and PANs the simulated host and the terminal's
 * exception file know (profiles/terminal-*.yaml). Each card is re-signed, so only the named property
 * differs. Test data only.
 */
import { encodeCn } from '../../../src/bytes/bcd.ts';
import { fromHex, toHex } from '../../../src/bytes/hex.ts';
import { deriveUdk } from '../../../src/crypto/index.ts';
import { buildTlv, parseTlv, type Tlv } from '../../../src/tlv/ber.ts';
import type { CardImage, DfImage, EfImage } from '../../cos/image.ts';
import { cardMf, withMasterKey } from '../environments.ts';
import { buildCerts, PBOC_AID, PBOC_AIP, PBOC_AIP_CDA, PBOC_CDOL1, PBOC_CDOL2, PBOC_PDOL, PBOC_TEST_IMK, pse } from '../pse.ts';
import { PBOC_TEST_OTHER_ICC_KEY } from '../pboc-keys.ts';
import { ssse20 } from '../ssse.ts';

/** UnionPay credit (贷记) AID, the second application of the two-application cards. */
export const PBOC_CREDIT_AID = 'A000000333010102';

export interface FinancialAppOptions {
  aid?: string;
  fid?: string;
  label?: string;
  /** Application priority indicator 87: b8 cardholder confirmation, b4–b1 priority (EMV Book 1 §12.2.3). */
  priority?: string;
  pan?: string;
  aip?: string;
  /** Data objects of SFI 1 record 1 to set (hex value) or leave out (null). */
  record1?: Record<string, string | null>;
  /** Break a signature, as a wrongly personalised card has it. */
  corrupt?: 'issuer-cert' | 'ssad';
  /** CDA as well as SDA and DDA (AIP 7D00; JR/T 0025.7 §5.3.6). */
  cda?: boolean;
  /** CA public key index 8F (SFI 2 record 1), hex: one the terminal does not hold. */
  caIndex?: string;
  appData?: Record<string, unknown>;
}

const child = (df: DfImage, fid: string) => df.children.find((c) => c.fid === fid);
const flip = (b: Uint8Array) => {
  const c = b.slice();
  c[c.length - 10] = (c[c.length - 10] as number) ^ 0x01;
  return c;
};

/** The debit ADF of pse(), re-personalised. */
export function financialApp(o: FinancialAppOptions = {}): DfImage {
  const base = structuredClone(child(pse({ cda: o.cda === true }), '7F11') as DfImage);
  const pan = o.pan ?? (base.appData?.['pan'] as string);
  const psn = base.appData?.['psn'] as string;
  const aip = o.aip ?? (o.cda ? PBOC_AIP_CDA : PBOC_AIP);
  const ef = (sfi: number) => base.children.find((c): c is EfImage => c.kind === 'EF' && c.sfi === sfi) as EfImage;
  // SFI 1 record 1: the ODA data.
  const rec1 = parseTlv(fromHex(ef(1).records?.[0] as string))[0] as Tlv;
  const objects = new Map((rec1.children ?? []).map((t) => [t.tag, t.value]));
  objects.set('5A', encodeCn(pan, 8));
  for (const [tag, v] of Object.entries(o.record1 ?? {})) {
    if (v === null) objects.delete(tag);
    else objects.set(tag, fromHex(v));
  }
  const record1 = buildTlv(
    '70',
    [...objects].map(([t, v]) => buildTlv(t, v)),
  );
  const staticData = new Uint8Array([...(parseTlv(record1)[0] as Tlv).value, ...fromHex(aip)]);
  const certs = buildCerts(staticData, pan);
  const issuerCert = o.corrupt === 'issuer-cert' ? flip(certs.issuerCert) : certs.issuerCert;
  const ssad = o.corrupt === 'ssad' ? flip(certs.ssad) : certs.ssad;
  const replace = (sfi: number, rec: number, tag: string, value: Uint8Array) => {
    const e = ef(sfi);
    const r = parseTlv(fromHex(e.records?.[rec] as string))[0] as Tlv;
    (e.records as string[])[rec] = toHex(
      buildTlv(
        '70',
        (r.children ?? []).map((t) => buildTlv(t.tag, t.tag === tag ? value : t.value)),
      ),
    );
  };
  (ef(1).records as string[])[0] = toHex(record1);
  replace(2, 0, '90', issuerCert);
  if (o.caIndex) replace(2, 0, '8F', fromHex(o.caIndex));
  replace(2, 1, '93', ssad);
  replace(3, 0, '9F46', certs.iccCert);
  const aid = o.aid ?? PBOC_AID;
  const label = o.label ?? 'PBOC DEBIT';
  const a = base.appData as Record<string, unknown>;
  const udk = (key: string) => toHex(deriveUdk(a['algorithm'] as '3DES', fromHex(key), pan, psn));
  return {
    ...base,
    fid: o.fid ?? base.fid,
    name: aid,
    label,
    fciProprietary: toHex(
      new Uint8Array(
        parseTlv(fromHex(base.fciProprietary as string)).flatMap((t) => [
          ...buildTlv(t.tag, t.tag === '50' ? Buffer.from(label, 'ascii') : t.tag === '87' ? fromHex(o.priority ?? '01') : t.value),
        ]),
      ),
    ),
    appData: { ...a, pan, aip, udkAc: udk(PBOC_TEST_IMK.ac), udkMac: udk(PBOC_TEST_IMK.mac), udkEnc: udk(PBOC_TEST_IMK.enc), ...o.appData },
  };
}

/** The PSE with a directory entry per application (label, priority as in its FCI); `named: false` leaves 1PAY.SYS.DDF01 out. */
export function financialPse(apps: DfImage[], named = true): DfImage {
  const base = pse();
  const directory = child(base, 'EF01') as EfImage;
  const entries = apps.map((app) => {
    const fci = parseTlv(fromHex(app.fciProprietary as string));
    const get = (tag: string) => fci.find((t) => t.tag === tag)?.value as Uint8Array;
    return toHex(buildTlv('70', [buildTlv('61', [buildTlv('4F', fromHex(app.name as string)), buildTlv('50', get('50')), buildTlv('87', get('87'))])]));
  });
  const { name: _name, ...unnamed } = base;
  return { ...(named ? base : unnamed), children: [{ ...directory, records: entries }, ...apps] };
}

/** A test card whose files (and certificates) are built when a run first uses it. */
function card(name: string, description: string, serial: string, pseDf: () => DfImage): CardImage {
  let mf: DfImage | undefined;
  return {
    name,
    description,
    atr: `3B6D0000 0099 2611 01 0099 2611220${serial}`,
    protocol: 'T=0',
    get mf() {
      return (mf ??= cardMf([withMasterKey(ssse20(), 'ssse'), withMasterKey(pseDf(), 'pse')]));
    },
  };
}

const one = (o: FinancialAppOptions = {}) => financialPse([financialApp(o)]);
const credit = (priority: string) => financialApp({ aid: PBOC_CREDIT_AID, fid: '7F12', label: 'PBOC CREDIT', priority, pan: '6250000000000013' });

/** PANs the terminal profiles name (exception file, simulated host rules). */
export const FIN_PANS = {
  exception: '6230000000000058',
  scripts: '6230000000000033',
  decline: '6230000000000041',
  badArpc: '6230000000000066',
} as const;

/** Offline plaintext PIN when amount > X = 100.00 (condition 07), else no CVM (EMV Book 3 Annex C3). */
const CVM_PIN_ABOVE_X = '00002710' + '00000000' + '0107' + '1F00';

export const FINANCIAL_TEST_CARDS: readonly CardImage[] = [
  card('fin-two-apps', 'Debit (priority 2) listed before credit (priority 1)', '00101', () => financialPse([financialApp({ priority: '02' }), credit('01')])),
  card('fin-confirmation', 'Debit needs cardholder confirmation (87 = 81), credit priority 2', '00102', () =>
    financialPse([financialApp({ priority: '81' }), credit('02')]),
  ),
  card('fin-blocked-debit', 'Debit blocked (SELECT answers 6283), credit priority 2', '00103', () =>
    financialPse([financialApp({ appData: { blocked: true } }), credit('02')]),
  ),
  card('fin-no-pse', 'No 1PAY.SYS.DDF01: the terminal must select from its list of AIDs', '00104', () => financialPse([financialApp()], false)),
  card('fin-bad-issuer-cert', 'DDA card whose issuer public key certificate does not verify', '00105', () => one({ corrupt: 'issuer-cert' })),
  card('fin-sda', 'SDA only (AIP 5C00)', '00106', () => one({ aip: '5C00' })),
  card('fin-sda-bad-ssad', 'SDA only, signed static application data that does not verify', '00107', () => one({ aip: '5C00', corrupt: 'ssad' })),
  card('fin-no-oda', 'AIP offers no offline data authentication (1C00)', '00108', () => one({ aip: '1C00' })),
  card('fin-expired', 'Application expired 2025-12-31; IAC-denial has the expired-application bit', '00109', () =>
    one({ record1: { '5F24': '251231', '9F0E': '0040000000' } }),
  ),
  card('fin-not-effective', 'Application effective from 2027-01-01', '00110', () => one({ record1: { '5F25': '270101' } })),
  card('fin-cvm-online-pin', 'CVM list: online PIN, else no CVM', '00111', () => one({ record1: { '8E': '0000000000000000' + '4203' + '1F03' } })),
  card('fin-cvm-signature', 'CVM list: signature, else no CVM', '00112', () => one({ record1: { '8E': '0000000000000000' + '5E03' + '1F03' } })),
  card('fin-cvm-amount', 'CVM list: offline PIN above 100.00, no CVM otherwise', '00113', () => one({ record1: { '8E': CVM_PIN_ABOVE_X } })),
  card('fin-pin-blocked', 'PIN try counter 9F17 at 0', '00114', () => one({ appData: { pinTries: 0 } })),
  card('fin-velocity', 'Velocity limits: lower consecutive offline limit 0, upper 5; never online', '00115', () =>
    one({ record1: { '9F14': '00', '9F23': '05' } }),
  ),
  card('fin-exception', 'PAN on the terminal exception file', '00116', () => one({ pan: FIN_PANS.exception })),
  card('fin-scripts', 'PAN for which the host sends issuer scripts (71 and 72)', '00117', () => one({ pan: FIN_PANS.scripts })),
  card('fin-decline', 'PAN the host declines (8A = 05)', '00118', () => one({ pan: FIN_PANS.decline })),
  card('fin-bad-arpc', 'PAN for which the host answers an ARPC that does not verify', '00119', () => one({ pan: FIN_PANS.badArpc })),
  card('fin-ec-low', 'Electronic cash balance 5.00', '00120', () => one({ appData: { ecBalance: 500 } })),
  card('fin-cda-wrong-key', 'CDA card personalised with an ICC private key its certificate does not name', '00121', () =>
    one({ cda: true, appData: { iccKey: PBOC_TEST_OTHER_ICC_KEY } }),
  ),
  // Usage control (JR/T 0025.5 §10.3.2): the reference card carries AB00, domestic use only (总体方案 二(三)).
  card(
    'fin-auc-international',
    "Usage control FF00: valid abroad too (not a social security card's; the terminal must not refuse it for its country)",
    '00122',
    () => one({ record1: { '9F07': 'FF00' } }),
  ),
  card('fin-auc-atm-only', 'Usage control AA00: valid at ATMs only, not at other terminals', '00123', () => one({ record1: { '9F07': 'AA00' } })),
  card('fin-unknown-ca', 'DDA card whose CA public key index 8F (99) names no key the terminal holds', '00124', () => one({ caIndex: '99' })),
  card('fin-only-blocked', 'Its one application, the debit one, blocked (SELECT answers 6283)', '00125', () => one({ appData: { blocked: true } })),
  // Wrongly personalised cards whose application refuses a command of the transaction (6700): the data the
  // terminal builds from the FCI's PDOL, from 8C or from 8D is not what the application expects.
  card('fin-gpo-refused', "Its application expects PDOL data the FCI's PDOL 9F38 does not name: GET PROCESSING OPTIONS answers 6700", '00126', () =>
    one({ appData: { pdol: `${PBOC_PDOL}9F4E14` } }),
  ),
  card('fin-gac1-refused', 'CDOL1 8C names 9F4E, which its application does not expect: the first GENERATE AC answers 6700', '00127', () =>
    one({ record1: { '8C': `${PBOC_CDOL1}9F4E14` } }),
  ),
  card('fin-gac2-refused', 'CDOL2 8D names 9F4E, which its application does not expect: the second GENERATE AC answers 6700', '00128', () =>
    one({ record1: { '8D': `${PBOC_CDOL2}9F4E14` } }),
  ),
];
