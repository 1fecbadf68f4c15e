/**
 * The reference POS's application usage control check (JR/T 0025.5 §10.3.2), a step of processing
 * restrictions (§10.3) after the dates: a POS (not an ATM) selling goods, in the terminal's country
 * (PosParameters.country, default China). With its defects (reference-terminal/defects.ts).
 */
import type { PbocKernel } from '../../src/pboc/kernel.ts';
import { setBit, TVR } from '../../src/pboc/tvr.ts';
import { CHINA, usageControlFailures } from '../../src/pboc/usage-control.ts';

export function checkUsageControl(k: PbocKernel, country: string | undefined, has: (defect: string) => boolean): void {
  // Defect tm-fin-ignores-usage-control: the step is left out.
  if (has('tm-fin-ignores-usage-control')) return;
  const auc = k.data.get('9F07');
  const issuer = k.data.get('5F28');
  const here = country ?? CHINA;
  // Defect tm-fin-auc-always-domestic: the terminal takes every card for a domestic one.
  const terminalCountry = has('tm-fin-auc-always-domestic') && issuer ? Buffer.from(issuer).toString('hex') : here;
  // Defect tm-fin-auc-declines-every-foreign-card: a country mismatch alone refuses the service, whatever the AUC allows.
  if (has('tm-fin-auc-declines-every-foreign-card') && issuer && Buffer.from(issuer).toString('hex').toUpperCase() !== here.toUpperCase()) {
    setBit(k.tvr, TVR.SERVICE_NOT_ALLOWED);
    return;
  }
  // Defect tm-fin-auc-no-terminal-check: step 2 (ATM / other terminals) is left out.
  const failures = usageControlFailures(auc, issuer, { terminalCountry, atm: false, service: 'goods' })
    .filter((f) => !(has('tm-fin-auc-no-terminal-check') && f.includes('is not valid at')));
  if (failures.length) setBit(k.tvr, TVR.SERVICE_NOT_ALLOWED);
}
