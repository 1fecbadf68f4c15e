/** Defects of the card level: the firewall between SSSE and PSE and the master keys (features/dual-app). */
import type { Defect } from '../../src/defects/defect.ts';
import { type CardDefectImpl, rule, wrap } from './kinds.ts';
import { type LoadedKey, loadedKeys } from '../apps/card-manager.ts';
import { findKey, ssseOf } from '../apps/sscard/keys.ts';
import { MASTER_KEY_ID } from '../../src/personalisation/keys.ts';
import { SW } from '../../src/apdu/sw.ts';
import { buildTlv, findTlv, parseTlv } from '../../src/tlv/ber.ts';
import { personaliseMarked, recordValueSigned } from './pboc-faults.ts';

export const DUAL_APP_DEFECTS = [
  {
    id: 'card-mk-controls-environment',
    area: 'dual-app',
    title: 'The card master key still controls an environment after its master key is loaded',
    description: 'WRITE KEY in the SSSE or the PSE is accepted under the card master key (社会保障卡规范 part 4 §5.2).',
    mustFail: ['DA-CMK-001', 'DA-CMK-002', 'DA-PERS-003', 'DA-PERS-006'],
  },
  {
    id: 'card-mk-state-kept-in-environment',
    area: 'dual-app',
    title: 'EXTERNAL AUTHENTICATE with the card master key still counts after SELECT of an environment',
    description: 'The MF security state follows the terminal into the SSSE, where it authorises CREATE FILE (part 4 §5.2, §5.5).',
    mustFail: ['DA-CMK-003'],
  },
  {
    id: 'master-key-replace-ignored',
    area: 'dual-app',
    title: 'Replacing a master key answers 9000 but keeps the old key',
    description: 'WRITE KEY with P1 01 does not write (part 4 §5.2–5.4: each master key may update itself; part 10 §5.2.6).',
    mustFail: ['DA-CMK-004', 'DA-EMK-001', 'DA-EMK-002', 'DA-PERS-001', 'DA-PERS-002', 'DA-PERS-003', 'DA-PERS-004'],
  },
  {
    id: 'master-key-failure-not-counted',
    area: 'dual-app',
    title: 'A failed EXTERNAL AUTHENTICATE with a master key does not spend a try',
    description: 'The card answers 63Cx with the tries it had: a wrong key can be tried for ever (part 5 §6.4 table 15: x is the tries left).',
    mustFail: ['DA-CMK-004', 'DA-EMK-001', 'DA-EMK-002'],
  },
  {
    id: 'loaded-key-not-stored',
    area: 'dual-app',
    title: 'An application key loaded under the environment master key is not stored',
    description: 'WRITE KEY of a new key answers 9000 but the key cannot be used (part 4 §5.3, §7.3).',
    mustFail: ['DA-EMK-003', 'DA-CMK-006'],
  },
  {
    id: 'write-key-new-key-refused-once-one-loaded',
    area: 'dual-app',
    title: 'WRITE KEY of a new key is refused once another key of the DF was loaded',
    description:
      'WRITE KEY with P1 00 adds a key and answers 6A89 only when that key (its identifier and version) is there already (part 4 §5.3, §7.3). This card answers 6A89 to any new key after the first one it loaded.',
    mustFail: ['DA-EMK-003', 'DA-CMK-006'],
  },
  {
    id: 'firewall-sfi-crosses-environment',
    area: 'dual-app',
    title: 'A short EF identifier the current DF lacks is found in the other environment',
    description: 'READ RECORD by SFI in the SSSE returns a record of the PSE (firewall, part 4 §5.5, §6.1).',
    mustFail: ['DA-FW-001'],
  },
  {
    id: 'firewall-fid-crosses-environment',
    area: 'dual-app',
    title: 'SELECT by file identifier searches the whole card',
    description: 'From the PSE, SELECT by the FID of an SSSE file selects it (firewall, part 4 §5.5, §6.1).',
    mustFail: ['DA-FW-002'],
  },
  {
    id: 'pin-shared-across-environments',
    area: 'dual-app',
    title: 'The social security PIN is reachable from the PSE',
    description: 'VERIFY with the SS PIN reference in the PSE reaches the SSSE PIN and its try counter (part 4 §5.5).',
    mustFail: ['DA-FW-003'],
  },
  {
    id: 'pin-state-kept-across-environments',
    area: 'dual-app',
    title: 'A verified PIN stays verified when the terminal goes to the other environment and back',
    description: 'SELECT does not clear the PIN status of a DF left behind (ISO/IEC 7816-4 §5.4; part 4 §5.5).',
    mustFail: ['DA-FW-004'],
  },
  {
    id: 'keys-cross-environment',
    area: 'dual-app',
    title: 'A key of the SSSE authenticates in the PSE',
    description: 'EXTERNAL AUTHENTICATE in the PSE finds the SSSE read key RK (part 4 §5.5, §7.1 key independence).',
    mustFail: ['DA-FW-005'],
  },
  {
    id: 'transport-key-still-active',
    area: 'dual-app',
    title: 'The transport key still authenticates after the card master key replaced it',
    description: 'The MF keeps the COS default key (part 10 §5.2.1, §5.2.6).',
    mustFail: ['DA-PERS-002'],
  },
  {
    id: 'duplicate-df-name-accepted',
    area: 'dual-app',
    title: 'CREATE FILE accepts a DF name the card already has',
    description: 'A second SSSE can be created, so SELECT by name no longer names one environment (ISO/IEC 7816-4 §5.3.1.2; part 4 §5.2).',
    mustFail: ['DA-PERS-004'],
  },
  {
    id: 'create-file-without-authentication',
    area: 'dual-app',
    title: 'CREATE FILE works without the master key',
    description: 'An environment can be created at the MF without EXTERNAL AUTHENTICATE of the card master key (part 4 §5.2).',
    mustFail: ['DA-PERS-005', 'DA-CMK-003'],
  },
  {
    id: 'pin-counters-shared',
    area: 'dual-app',
    title: 'Blocking the social security PIN blocks the bank PIN too',
    description: 'The two applications share one PIN state across the firewall (part 4 §5.5; 总体方案: the SS PIN and the bank PIN are independent).',
    mustFail: ['DA-PIN-001', 'DA-PIN-002'],
  },
  {
    id: 'pboc-auc-international',
    area: 'dual-app',
    title: 'The usage control allows international use (9F07 = FF00)',
    description:
      'The debit application was personalised, and signed, with an AUC valid abroad; the financial function of a social security card is for use in China only (总体方案 二(三); JR/T 0025.5 §10.3.2 table 19).',
    mustFail: ['DA-FIN-001'],
  },
  {
    id: 'pboc-issuer-country-not-china',
    area: 'dual-app',
    title: 'The issuer country code is not China (5F28 = 0344)',
    description:
      'The issuer country code, against which a terminal tells domestic from international use (JR/T 0025.5 §10.3.2), names another country; the card is issued in China (总体方案 二(三)).',
    mustFail: ['DA-FIN-002'],
  },
  {
    id: 'pboc-currency-not-rmb',
    area: 'dual-app',
    title: 'The application currency code is not RMB (9F42 = 0344)',
    description:
      'The financial application of a social security card is an RMB debit application (总体方案 二(三), 人民币借记应用); its application currency code must be 0156.',
    mustFail: ['DA-FIN-003'],
  },
  {
    id: 'pboc-credit-application',
    area: 'dual-app',
    title: 'A credit application beside the debit one, listed in the PSE',
    description:
      'The card holds UnionPay credit A000000333010102 too and the PSE directory offers it; the financial function is debit only (总体方案 二(三): 暂不支持贷记功能).',
    mustFail: ['DA-FIN-004', 'DA-FIN-005'],
  },
  {
    id: 'master-key-auth-without-challenge',
    area: 'dual-app',
    title: 'EXTERNAL AUTHENTICATE with the card master key works without a challenge',
    description: 'With no GET CHALLENGE before it the card computes over eight 00 bytes and counts a try, instead of 6984 (part 5 §6.4.5, §6.5.1).',
    mustFail: ['DA-CMK-005'],
  },
  {
    id: 'master-key-replace-loads-missing-key',
    area: 'dual-app',
    title: 'Replacing the master key of an environment that has none loads it',
    description:
      'WRITE KEY with P1 01 (replace) of the master key of a new environment DF answers 9000 and stores the key, instead of 6A88: the card master key only loads an environment master key (part 4 §5.2, §7.3 装载 and 更新; docs/dual-app.md).',
    mustFail: ['DA-PERS-006'],
  },
  {
    id: 'ss-key-search-past-ssse',
    area: 'dual-app',
    title: 'EXTERNAL AUTHENTICATE in the SSSE finds a key the card master key loaded into the MF',
    description:
      'The SSSE looks a key up past its own DF, at the card level: a key the card master key loads into the MF authenticates in the SSSE, so the card master key keeps control over the environment (part 4 §5.2, §5.5, §7.1).',
    mustFail: ['DA-FW-006'],
  },
  {
    id: 'card-mk-loads-application-key-in-new-environment',
    area: 'dual-app',
    title: 'In an environment without its master key the card master key loads application keys too',
    description:
      "WRITE KEY of an application key (not 00) in a new environment DF is accepted under the card master key: the card master key loads the environment master key only, the rest is that key's (part 4 §5.2, §5.3).",
    mustFail: ['DA-PERS-006'],
  },
  {
    id: 'duplicate-df-fid-accepted',
    area: 'dual-app',
    title: 'CREATE FILE makes a second DF with a file identifier already used in the same DF',
    description:
      'Two DFs directly under the MF get the same FID: SELECT by that FID can reach only one of them (ISO/IEC 7816-4 §5.3.1.1, 6A89 file already exists).',
    mustFail: ['DA-PERS-007'],
  },
  {
    id: 'mf-external-auth-takes-first-key',
    area: 'dual-app',
    title: 'EXTERNAL AUTHENTICATE in the MF checks the first loaded key, whatever key P2 names',
    description:
      'P2 of EXTERNAL AUTHENTICATE names the key (社会保障卡规范 part 5 §6.4); this COS takes the first key loaded into the current DF, so of two keys loaded into the MF only the first authenticates.',
    mustFail: ['DA-CMK-006'],
  },
  {
    id: 'create-file-16-byte-df-name-refused',
    area: 'dual-app',
    title: 'CREATE FILE refuses a DF name of 16 bytes',
    description: 'The COS allows DF names of at most 15 bytes and answers 6A80 to one of 16; a DF name has 1 to 16 bytes (ISO/IEC 7816-4 §5.3.1.2).',
    mustFail: ['DA-PERS-007'],
  },
  {
    id: 'create-file-one-byte-fid-accepted',
    area: 'dual-app',
    title: 'CREATE FILE takes a one-byte file identifier',
    description:
      'Tag 83 of the FCP with one byte is read as a file identifier (padded with 00) instead of being refused with 6A80; a file identifier has two bytes (ISO/IEC 7816-4 §5.1.1, §5.3.3 table 12).',
    mustFail: ['DA-PERS-007'],
  },
  {
    id: 'create-file-short-df-name-refused',
    area: 'dual-app',
    title: 'CREATE FILE refuses a DF name shorter than 5 bytes',
    description:
      'The COS takes every DF name for an AID (5 to 16 bytes) and answers 6A80 to a shorter one; a DF name has 1 to 16 bytes (ISO/IEC 7816-4 §5.3.1.2).',
    mustFail: ['DA-PERS-007'],
  },
  {
    id: 'write-key-sm4-des-blocks',
    area: 'dual-app',
    title: 'With SM4 card management, WRITE KEY checks its data in 8-byte DES blocks',
    description:
      'An SM4 cryptogram is whole 16-byte blocks (part 4 §8.3); this card takes one of 8 or 24 bytes and the MAC as a well-formed WRITE KEY instead of answering 6700 (docs/dual-app.md).',
    mustFail: ['DA-PERS-008'],
  },
] as const satisfies readonly Defect[];

/** Each defect's implementation (kinds: card-sim/defects/kinds.ts). */
/** A field of CREATE FILE's FCP (tag 62), or undefined when the data is no FCP. */
function fcpField(data: Uint8Array, tag: string): Uint8Array | undefined {
  try {
    return findTlv(parseTlv(data), tag)?.value;
  } catch {
    return undefined;
  }
}

export const DUAL_APP_IMPLEMENTATIONS: Record<(typeof DUAL_APP_DEFECTS)[number]['id'], CardDefectImpl> = {
  'card-mk-controls-environment': rule('environmentMkTakesOver'),
  'card-mk-state-kept-in-environment': rule('cardMkStateLostOnSelect'),
  'master-key-replace-ignored': rule('masterKeyReplaceStores'),
  'master-key-failure-not-counted': rule('masterKeyFailureCounts'),
  'loaded-key-not-stored': rule('loadedKeyStored'),
  'firewall-sfi-crosses-environment': rule('sfiStaysInEnvironment'),
  'firewall-fid-crosses-environment': rule('selectFidStaysInEnvironment'),
  'pin-shared-across-environments': rule('pinSearchStopsAtFirewall'),
  'pin-state-kept-across-environments': rule('pinStateLostOnLeavingDf'),
  'keys-cross-environment': rule('keysStayInEnvironment'),
  'transport-key-still-active': rule('transportKeyRetired'),
  'duplicate-df-name-accepted': rule('createFileRefusesDuplicateName'),
  'create-file-without-authentication': rule('createFileNeedsMasterKey'),
  'pin-counters-shared': rule('pinCountersSeparate'),
  'pboc-auc-international': recordValueSigned('9F07', 'FF00'),
  'pboc-issuer-country-not-china': recordValueSigned('5F28', '0344'),
  'pboc-currency-not-rmb': recordValueSigned('9F42', '0344'),
  'pboc-credit-application': personaliseMarked('pboc-credit-application'),
  'write-key-new-key-refused-once-one-loaded': ['card-mf', 'card-manager'].map((app) =>
    wrap(
      app,
      0xd4,
      (spec) => (cmd, card) => (cmd.p1 === 0x00 && cmd.p2 !== MASTER_KEY_ID && loadedKeys(card.currentDf).length > 0 ? { sw: 0x6a89 } : spec(cmd, card)),
    ),
  ),
  'master-key-replace-loads-missing-key': rule('masterKeyReplaceNeedsKey'),
  // The key search goes on past the SSSE to the MF: the MF's loaded key is looked up as if the SSSE held it.
  'ss-key-search-past-ssse': wrap('sscard', 0x82, (spec) => (cmd, card) => {
    const ssse = ssseOf(card.currentDf);
    const atMf = loadedKeys(card.mf).find((k) => k.id === cmd.p2);
    if (!ssse || !atMf || cmd.p2 === MASTER_KEY_ID || findKey(card.currentDf, cmd.p2)) return spec(cmd, card);
    const st = ssse.state as { loadedKeys?: LoadedKey[] };
    const own = st.loadedKeys;
    st.loadedKeys = [...(own ?? []), atMf];
    try {
      return spec(cmd, card);
    } finally {
      if (own === undefined) delete st.loadedKeys;
      else st.loadedKeys = own;
    }
  }),
  'card-mk-loads-application-key-in-new-environment': rule('cardMkLoadsOnlyEnvironmentMk'),
  'duplicate-df-fid-accepted': rule('createFileRefusesDuplicateFid'),
  'mf-external-auth-takes-first-key': ['card-mf', 'card-manager'].map((app) =>
    wrap(app, 0x82, (spec) => (cmd, card) => {
      const first = loadedKeys(card.currentDf)[0];
      return spec(cmd.p2 !== MASTER_KEY_ID && first ? { ...cmd, p2: first.id } : cmd, card);
    }),
  ),
  'create-file-16-byte-df-name-refused': ['card-mf', 'card-manager'].map((app) =>
    wrap(app, 0xe0, (spec) => (cmd, card) => (fcpField(cmd.data, '84')?.length === 16 ? { sw: SW.INCORRECT_DATA } : spec(cmd, card))),
  ),
  'create-file-one-byte-fid-accepted': ['card-mf', 'card-manager'].map((app) =>
    wrap(app, 0xe0, (spec) => (cmd, card) => {
      const fid = fcpField(cmd.data, '83');
      if (fid?.length !== 1) return spec(cmd, card);
      const name = fcpField(cmd.data, '84') ?? new Uint8Array(0);
      const data = buildTlv('62', [buildTlv('82', Uint8Array.of(0x38)), buildTlv('83', Uint8Array.of(0x00, fid[0] as number)), buildTlv('84', name)]);
      return spec({ ...cmd, data }, card);
    }),
  ),
  'create-file-short-df-name-refused': ['card-mf', 'card-manager'].map((app) =>
    wrap(app, 0xe0, (spec) => (cmd, card) => {
      const name = fcpField(cmd.data, '84');
      return name !== undefined && name.length >= 1 && name.length < 5 ? { sw: SW.INCORRECT_DATA } : spec(cmd, card);
    }),
  ),
  'write-key-sm4-des-blocks': rule('writeKeyBlocksOfAlgorithm'),
  'master-key-auth-without-challenge': wrap('card-mf', 0x82, (spec) => (cmd, card) => {
    card.challenge ??= new Uint8Array(8);
    return spec(cmd, card);
  }),
};
