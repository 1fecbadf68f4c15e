/**
 * One operation of a social-security terminal on a card and a PSAM, as a driver asks it
 * (TerminalRequest → TerminalOutcome). The reference driver and the example external terminal program
 * both run it; only the way they reach the card differs.
 */
import type { TerminalOutcome, TerminalRequest } from '../../src/protocol/terminal.ts';
import type { ApduPort } from '../../src/sscard/psam.ts';
import { fromHex } from '../../src/bytes/hex.ts';
import { type SsTerminalConfig, iChangePIN, iReadCardBas, iReloadPIN, iUnblockPIN, iVerifyPIN, iWriteCard } from './api.ts';
import { SsTerminal } from '../../src/sscard/terminal.ts';
import { MEDICAL_OPERATIONS, iDoDebit, iReadDebitRecord } from './medical.ts';

export const SS_OPERATIONS = ['iReadCardBas', 'iVerifyPIN', 'iChangePIN', 'iReloadPIN', 'iUnblockPIN', 'iWriteCard', ...MEDICAL_OPERATIONS] as const;

export async function performSsOperation(
  request: TerminalRequest,
  card: ApduPort,
  psam: ApduPort,
  atr: Uint8Array,
  config: SsTerminalConfig,
): Promise<TerminalOutcome> {
  const t = new SsTerminal(card, psam, atr);
  switch (request.operation) {
    case 'iReadCardBas':
      return iReadCardBas(t, config);
    case 'iVerifyPIN':
      return iVerifyPIN(t, request.pin ?? '', config.defects);
    case 'iChangePIN':
      return iChangePIN(t, request.pin ?? '', String(request.params?.newPin ?? ''), config.defects);
    case 'iReloadPIN':
      return iReloadPIN(t, String(request.params?.newPin ?? ''), config.defects);
    case 'iUnblockPIN':
      return iUnblockPIN(t, config.defects);
    case 'iWriteCard':
      return iWriteCard(t, parseInt(String(request.params?.item ?? '0'), 16), fromHex(String(request.params?.value ?? '')), config.defects);
    case 'iDoDebit':
      return iDoDebit(card, psam, atr, request, config);
    case 'iReadDebitRecord':
      return iReadDebitRecord(card, psam, atr, request, config);
    default:
      return { result: 'error', code: -13, message: `operation ${request.operation} is not supported (${SS_OPERATIONS.join(', ')})` };
  }
}
