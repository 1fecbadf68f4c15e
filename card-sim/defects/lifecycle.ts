/** Defects of the card life cycle as the card sees it (features/lifecycle): issuer scripts that block and unblock. */
import type { Defect } from '../../src/defects/defect.ts';
import { type CardDefectImpl, rule } from './kinds.ts';

export const LIFECYCLE_DEFECTS = [
  {
    id: 'pboc-script-before-online-accepted',
    area: 'lifecycle',
    title: 'An issuer script is executed before any online cryptogram',
    description: 'Script MACs are computed over the ATC and the AC sent online; before one the card must answer 6985 (annex B.1, C.2.4).',
    mustFail: ['LC-LOSS-005'],
  },
  {
    id: 'pboc-blocked-select-answers-9000',
    area: 'lifecycle',
    title: 'SELECT of a blocked debit application answers 9000',
    description: 'A blocked application answers 6283 with its FCI (JR/T 0025.5 annex B.1).',
    mustFail: ['LC-LOSS-001', 'LC-LOSS-006', 'LC-CANCEL-002', 'LC-UNRP-002', 'PB-SC-016'],
  },
  {
    id: 'pboc-blocked-app-still-goes-online',
    area: 'lifecycle',
    title: 'A blocked debit application still gives an ARQC',
    description: 'After APPLICATION BLOCK the card gives only AAC (JR/T 0025.5 annex B.1).',
    mustFail: ['LC-LOSS-002', 'LC-UNRP-001', 'LC-UNRP-002', 'PB-SC-001', 'PB-SC-002'],
  },
  {
    id: 'pboc-app-block-not-persistent',
    area: 'lifecycle',
    title: 'APPLICATION BLOCK is forgotten at the next reset',
    description: 'The block must hold until APPLICATION UNBLOCK (JR/T 0025.5 annex B.1).',
    // PB-SC-016 blocks the application, resets and SELECTs an absent AID expecting the blocked answer path.
    mustFail: [
      'LC-LOSS-006',
      'LC-UNRP-001',
      'LC-CANCEL-002',
      'PB-SC-002',
      'LC-LOSS-001',
      'LC-LOSS-002',
      'LC-LOSS-003',
      'LC-UNRP-002',
      'PB-SC-001',
      'PB-SC-016',
    ],
  },
  {
    id: 'pboc-app-unblock-ignored',
    area: 'lifecycle',
    title: 'APPLICATION UNBLOCK answers 9000 but the application stays blocked',
    description: 'Unreport (解挂) never reaches the card (JR/T 0025.5 annex B.2).',
    mustFail: ['LC-UNRP-001', 'PB-SC-002', 'LC-LOSS-001', 'LC-LOSS-002', 'LC-LOSS-003', 'LC-LOSS-006', 'LC-UNRP-002', 'PB-SC-001', 'PB-SC-016'],
  },
  {
    id: 'debit-block-blocks-ssse',
    area: 'lifecycle',
    title: 'Blocking the debit application blocks the social security application too',
    description: 'The COS keeps one block flag for the card: a loss report at the bank stops the SS application (社会保障卡规范 part 4 §5.5; 总体方案).',
    mustFail: ['LC-LOSS-003'],
  },
  {
    id: 'ssse-block-blocks-debit',
    area: 'lifecycle',
    title: 'Blocking the social security application blocks the debit application too',
    description: 'Cancellation of the SS application first must leave the financial one working until it is cancelled in turn (总体方案; part 4 §5.5).',
    mustFail: ['LC-CANCEL-001'],
  },
] as const satisfies readonly Defect[];

/** Each defect's implementation (kinds: card-sim/defects/kinds.ts). */
export const LIFECYCLE_IMPLEMENTATIONS: Record<(typeof LIFECYCLE_DEFECTS)[number]['id'], CardDefectImpl> = {
  'pboc-script-before-online-accepted': rule('scriptNeedsOnlineCryptogram'),
  'pboc-blocked-select-answers-9000': rule('blockedSelectAnswers6283'),
  'pboc-blocked-app-still-goes-online': rule('blockedAppAacOnly'),
  'pboc-app-block-not-persistent': rule('appBlockPersistent'),
  'pboc-app-unblock-ignored': rule('appUnblockHonoured'),
  'debit-block-blocks-ssse': rule('ssseBlockSeparate'),
  'ssse-block-blocks-debit': rule('debitBlockSeparate'),
};
