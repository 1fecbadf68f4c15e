/**
 * Application usage control 9F07 (JR/T 0025.5 §10.3.2, table 19; EMV Book 3 §10.4.2): the bits, the
 * terminal's check of them against the issuer country code 5F28, and the domestic-only RMB debit card
 * the 总体方案 of the social security card with financial function asks for (docs/dual-app.md).
 */
import { type Diagnosis, dx } from '../verdict/messages.ts';
import type { Bit } from './tvr.ts';

/** Table 19: byte 1 and byte 2 of the AUC; a 1 allows the use. */
export const AUC = {
  DOMESTIC_CASH: [0, 0x80],
  INTERNATIONAL_CASH: [0, 0x40],
  DOMESTIC_GOODS: [0, 0x20],
  INTERNATIONAL_GOODS: [0, 0x10],
  DOMESTIC_SERVICES: [0, 0x08],
  INTERNATIONAL_SERVICES: [0, 0x04],
  ATM: [0, 0x02],
  OTHER_TERMINALS: [0, 0x01],
  DOMESTIC_CASHBACK: [1, 0x80],
  INTERNATIONAL_CASHBACK: [1, 0x40],
} as const satisfies Record<string, Bit>;

/** China (ISO 3166 / ISO 4217 numeric, n3 in 2 bytes): the issuer country 5F28 and the currency 9F42 / 5F2A. */
export const CHINA = '0156';
export const RMB = '0156';

export type Service = 'cash' | 'goods' | 'services' | 'cashback';

export interface UsageContext {
  /** Terminal country code 9F1A, hex n3 ("0156"). */
  terminalCountry: string;
  atm: boolean;
  service: Service;
}

const on = (auc: Uint8Array, [i, m]: Bit) => ((auc[i] ?? 0) & m) !== 0;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

const SERVICE_NAME = { cash: 'CASH', goods: 'GOODS', services: 'SERVICES', cashback: 'CASHBACK' } as const satisfies Record<Service, string>;

const BIT_OF: Record<Service, { domestic: Bit; international: Bit }> = {
  cash: { domestic: AUC.DOMESTIC_CASH, international: AUC.INTERNATIONAL_CASH },
  goods: { domestic: AUC.DOMESTIC_GOODS, international: AUC.INTERNATIONAL_GOODS },
  services: { domestic: AUC.DOMESTIC_SERVICES, international: AUC.INTERNATIONAL_SERVICES },
  cashback: { domestic: AUC.DOMESTIC_CASHBACK, international: AUC.INTERNATIONAL_CASHBACK },
};

/**
 * §10.3.2: when the card gave both the AUC and the issuer country code, step 1 (domestic: the two country
 * codes equal, the domestic bit of the service; else the international bit) and step 2 (the ATM bit at
 * an ATM, else "other terminals"). Returns what failed; empty when the service is allowed or the check
 * does not apply. Any failure sets "requested service not allowed for card product" (TVR byte 2 b5).
 */
export function usageControlFailures(auc: Uint8Array | undefined, issuerCountry: Uint8Array | undefined, c: UsageContext): Diagnosis[] {
  if (!auc || auc.length !== 2 || !issuerCountry) return [];
  const failures: Diagnosis[] = [];
  const domestic = hex(issuerCountry) === c.terminalCountry.toUpperCase();
  const bit = BIT_OF[c.service][domestic ? 'domestic' : 'international'];
  if (!on(auc, bit))
    failures.push(
      dx('auc.service', {
        auc: hex(auc),
        use: dx(`auc.${domestic ? 'DOMESTIC' : 'INTERNATIONAL'}_${SERVICE_NAME[c.service]}`),
        issuer: hex(issuerCountry),
        terminal: c.terminalCountry,
      }),
    );
  if (!on(auc, c.atm ? AUC.ATM : AUC.OTHER_TERMINALS))
    failures.push(dx('auc.terminalType', { auc: hex(auc), where: dx(c.atm ? 'auc.atms' : 'auc.otherTerminals') }));
  return failures;
}

/**
 * The AUC of a domestic-only debit card (总体方案 二(三): 境内使用): no international use of any kind
 * (cash, goods, services, cashback) and the domestic cash, goods and services a debit card offers
 * (现金存取、转账、消费) at ATMs and other terminals. Returns what is wrong, empty when it fits.
 */
export function domesticOnlyProblems(auc: Uint8Array | undefined): Diagnosis[] {
  if (!auc) return [dx('auc.none')];
  if (auc.length !== 2) return [dx('auc.length', { length: auc.length })];
  const problems: Diagnosis[] = [];
  for (const name of ['INTERNATIONAL_CASH', 'INTERNATIONAL_GOODS', 'INTERNATIONAL_SERVICES', 'INTERNATIONAL_CASHBACK'] as const) {
    if (on(auc, AUC[name])) problems.push(dx('auc.allows', { auc: hex(auc), use: dx(`auc.${name}`) }));
  }
  for (const name of ['DOMESTIC_CASH', 'DOMESTIC_GOODS', 'DOMESTIC_SERVICES', 'ATM', 'OTHER_TERMINALS'] as const) {
    if (!on(auc, AUC[name])) problems.push(dx('auc.disallows', { auc: hex(auc), use: dx(`auc.${name}`) }));
  }
  return problems;
}
