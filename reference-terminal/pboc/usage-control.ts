/**
 * The reference POS's application usage control check (JR/T 0025.5 §10.3.2), a step of processing
 * restrictions (§10.3) after the dates: a POS (not an ATM) selling goods, in the terminal's country
 * (PosParameters.country, default China). Its rules: reference-terminal/rules.ts.
 */
import type { PbocKernel } from '../../src/pboc/kernel.ts';
import { setBit, TVR } from '../../src/pboc/tvr.ts';
import { CHINA, usageControlFailures } from '../../src/pboc/usage-control.ts';
import type { TerminalRules } from '../rules.ts';

export function checkUsageControl(k: PbocKernel, country: string | undefined, rules: TerminalRules): void {
  if (!rules.checkUsageControl) return;
  const auc = k.data.get('9F07');
  const issuer = k.data.get('5F28');
  const here = country ?? CHINA;
  const terminalCountry = !rules.usageControlUsesTerminalCountry && issuer ? Buffer.from(issuer).toString('hex') : here;
  // A terminal that never takes a card for a domestic one judges every card by the international bits.
  const judgedCountry = !rules.usageControlRecognisesDomestic ? 'FFFF' : terminalCountry;
  if (!rules.usageControlFollowsAuc && issuer && Buffer.from(issuer).toString('hex').toUpperCase() !== here.toUpperCase()) {
    setBit(k.tvr, TVR.SERVICE_NOT_ALLOWED);
    return;
  }
  const failures = usageControlFailures(auc, issuer, { terminalCountry: judgedCountry, atm: false, service: 'goods' }).filter(
    (f) => rules.usageControlChecksTerminalType || f.id !== 'auc.terminalType',
  );
  if (failures.length) setBit(k.tvr, TVR.SERVICE_NOT_ALLOWED);
}
