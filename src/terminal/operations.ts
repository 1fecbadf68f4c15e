/**
 * One operation of the reference terminal, as a driver asks it (TerminalRequest → TerminalOutcome):
 * the social-security API calls (LD/T 33, with the PSAM), a financial purchase (JR/T 0025 kernel, no
 * PSAM) and, on an integrated terminal (全业务功能终端), both in one card session. The reference driver
 * and the example external terminal program both run it; only the way they reach the card differs.
 * Everything in `TerminalConfig` is plain JSON, so that the command driver can hand it over.
 */
import { fromHex } from '../bytes/hex.ts';
import { PART17 } from '../crypto/index.ts';
import type { PbocCaKey } from '../profile/profile.ts';
import type { TerminalOutcome, TerminalRequest } from './driver.ts';
import { caKeyOf } from '../pboc/oda-sm2.ts';
import { SimulatedHost, type HostRule } from '../pboc/host.ts';
import { PbocIssuer } from '../pboc/issuer.ts';
import { FinancialTerminal, seededPercent, type FinancialTerminalConfig, type PosParameters } from '../../reference-terminal/index.ts';
import { iReadCardBas, type SsTerminalConfig, terminalRules } from '../../reference-terminal/index.ts';
import { SS_OPERATIONS, performSsOperation } from '../../reference-terminal/index.ts';
import { SETTLEMENT_OPERATIONS, medicalSettlement } from '../../reference-terminal/index.ts';
import type { ApduPort } from '../sscard/psam.ts';
import { SsTerminal } from '../sscard/terminal.ts';

/** The financial side of the terminal's configuration (profile terminal.pboc, keys.pboc). */
export interface PbocTerminalSettings extends PosParameters {
  tac: { denial: string; online: string; default: string };
  /** The CA public keys for RID A000000333 (keys.pboc.ca and terminal.pboc.caKeys). */
  caKeys: PbocCaKey[];
  /** The simulated host's issuer master keys (keys.pboc), used with 3DES or SM4 as each card's IAD says. */
  imk: { ac: string; mac: string; enc: string };
  sm4Variant?: { udkInput?: 'part17' | 'part5'; acFold?: 'part17' | 'part7' };
  /** What the simulated host does per PAN (decline, bad ARPC, scripts). */
  host: Record<string, HostRule>;
  seed: string;
}

export interface TerminalConfig extends SsTerminalConfig {
  type: 'social-security' | 'financial' | 'integrated';
  pboc?: PbocTerminalSettings;
}

/** purchase: debit (消费); ecPurchase: electronic cash (电子现金消费, JR/T 0025.13), 9F7A = 1 in the PDOL data. */
export const FINANCIAL_OPERATIONS = ['purchase', 'ecPurchase'] as const;
/** medicalSettlement: the medical account, then the bank card for the rest (reference-terminal/integrated/settlement.ts). */
export const INTEGRATED_OPERATIONS = ['iReadCardBas+purchase', ...SETTLEMENT_OPERATIONS] as const;

/** Parameters a scenario may set for one transaction, as a lab loads them into the terminal. */
const OVERRIDES = ['floorLimit', 'targetPercent', 'maxTargetPercent', 'threshold'] as const;

export function financialConfig(
  s: PbocTerminalSettings,
  today: string,
  defects: ReadonlySet<string>,
  params: TerminalRequest['params'] = {},
): FinancialTerminalConfig {
  const n = (k: (typeof OVERRIDES)[number], d: number) => (params[k] !== undefined ? Number(params[k]) : d);
  const variant = { udkInput: s.sm4Variant?.udkInput ?? PART17.udkInput, acFold: s.sm4Variant?.acFold ?? PART17.acFold };
  const { tac, caKeys, imk, host, seed, sm4Variant: _variant, ...plain } = s;
  return {
    ...plain,
    floorLimit: n('floorLimit', s.floorLimit),
    randomSelection: {
      threshold: n('threshold', s.randomSelection.threshold),
      targetPercent: n('targetPercent', s.randomSelection.targetPercent),
      maxTargetPercent: n('maxTargetPercent', s.randomSelection.maxTargetPercent),
    },
    tac: { denial: fromHex(tac.denial), online: fromHex(tac.online), default: fromHex(tac.default) },
    date: today.slice(2, 8),
    caKeys: caKeys.map((c) => ({ index: parseInt(c.index, 16), key: caKeyOf(c) })),
    host: new SimulatedHost({ '3DES': new PbocIssuer(imk, '3DES'), SM4: new PbocIssuer(imk, 'SM4', variant) }, host),
    // The terminal's country, as a lab sets it for one transaction (usage control, JR/T 0025.5 §10.3.2).
    ...(params['country'] !== undefined ? { country: String(params['country']) } : {}),
    random: seededPercent(`${seed}:${String(params['sequence'] ?? 0)}`),
    defects,
  };
}

async function purchase(request: TerminalRequest, card: ApduPort, config: TerminalConfig, ec = false): Promise<TerminalOutcome> {
  if (!config.pboc) return { result: 'error', message: 'this terminal has no financial configuration (profile terminal.pboc)' };
  const amount = request.amount ?? 0;
  const settings = { ...config.pboc, ecSupport: config.pboc.ecSupport && ec };
  const t = new FinancialTerminal((apdu) => card.send(apdu), financialConfig(settings, config.today, config.defects, request.params), amount);
  return t.purchase(amount, request.pin);
}

/**
 * Integrated terminal (总体方案: 全业务功能终端): read the card's social-security data through the SSSE
 * with the PSAM, then pay through the PSE in the same card session. The PSAM serves the SSSE only.
 */
async function integratedPurchase(request: TerminalRequest, card: ApduPort, psam: ApduPort, atr: Uint8Array, config: TerminalConfig): Promise<TerminalOutcome> {
  const ss = await iReadCardBas(new SsTerminal(card, psam, atr), config);
  const rules = terminalRules(config.defects);
  if (ss.result !== 'success' && rules.payOnlyAcceptedCard) return ss;
  let port = card;
  if (!rules.psamServesSsseOnly) {
    // GET CHALLENGE to the PSAM once the payment has begun.
    port = {
      send: async (apdu) => {
        const r = await card.send(apdu);
        await psam.send(fromHex('0084000008'));
        return r;
      },
    };
  }
  const pay = await purchase(request, port, config);
  return { ...pay, output: ss.output, fields: { ...ss.fields, ...pay.fields } };
}

export async function performOperation(
  request: TerminalRequest,
  card: ApduPort,
  psam: ApduPort,
  atr: Uint8Array,
  config: TerminalConfig,
): Promise<TerminalOutcome> {
  const op = request.operation;
  const financial = config.type !== 'social-security';
  const social = config.type !== 'financial';
  if ((SS_OPERATIONS as readonly string[]).includes(op) && social) return performSsOperation(request, card, psam, atr, config);
  if ((FINANCIAL_OPERATIONS as readonly string[]).includes(op) && financial) return purchase(request, card, config, op === 'ecPurchase');
  if (op === 'medicalSettlement' && config.type === 'integrated') {
    return medicalSettlement(request, card, psam, atr, config, (amount, pin, port) =>
      purchase({ ...request, operation: 'purchase', amount, ...(pin !== undefined ? { pin } : {}) }, port, config),
    );
  }
  if ((INTEGRATED_OPERATIONS as readonly string[]).includes(op) && config.type === 'integrated') return integratedPurchase(request, card, psam, atr, config);
  return { result: 'error', code: -13, message: `a ${config.type} terminal does not offer ${op}` };
}
