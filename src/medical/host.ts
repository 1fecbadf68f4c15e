/**
 * A simulated medical-insurance host (医保中心) for 帐户划入 (社会保障卡规范 part 7 §11.3–11.5) and for the
 * TAC check of both transactions (§11.9, §12.6): it holds the roots of DLK and DTK, diversifies them
 * to the card through the three levels (part 9 §7.3) and checks MAC1, gives MAC2, checks TACs.
 */
import { equal } from '../bytes/hex.ts';
import type { SsAlgorithm } from '../sscard/crypto.ts';
import type { CardIdentity } from '../sscard/keys.ts';
import { MAX_AMOUNT, type PurchaseAmounts, loadMac1Input, loadMac2Input, loadSessionKey, loadTacInput, medicalMac, purchaseTacInput, tac } from './crypto.ts';
import { medicalCardKey } from './keys.ts';

export interface LoadRequest {
  balance: number;
  loadSeq: number;
  random: Uint8Array;
  mac1: Uint8Array;
  amount: number;
  terminal: Uint8Array;
}

export class MedicalHost {
  constructor(
    private readonly alg: SsAlgorithm,
    private readonly card: CardIdentity,
    private readonly roots: Readonly<Record<string, string>> = {},
  ) {}

  private seslk(r: LoadRequest): Uint8Array {
    return loadSessionKey(this.alg, medicalCardKey(this.alg, this.roots, 'DLK', this.card), r.random, r.loadSeq);
  }

  /** Step 7.3: is the card's MAC1 of INITIALIZE FOR LOAD right? */
  loadMac1Valid(r: LoadRequest): boolean {
    return equal(medicalMac(this.alg, this.seslk(r), loadMac1Input(r)), r.mac1);
  }

  /** Step 7.5: MAC2 over amount ‖ type ‖ terminal ‖ host time (given only for a right MAC1). */
  loadMac2(r: LoadRequest, hostTime: Uint8Array): Uint8Array | undefined {
    if (!this.loadMac1Valid(r)) return undefined;
    return medicalMac(this.alg, this.seslk(r), loadMac2Input(r.amount, r.terminal, hostTime));
  }

  /** The TAC a right card answers CREDIT FOR LOAD with; none for a load no right card accepts (past FFFFFFFF). */
  loadTac(r: LoadRequest, hostTime: Uint8Array): Uint8Array | undefined {
    if (r.balance + r.amount > MAX_AMOUNT) return undefined;
    return tac(this.alg, medicalCardKey(this.alg, this.roots, 'DTK', this.card), loadTacInput(r.balance + r.amount, r.loadSeq, r.amount, r.terminal, hostTime));
  }

  /** The TAC a right card answers DEBIT FOR PURCHASE with. */
  purchaseTac(a: PurchaseAmounts, terminal: Uint8Array, terminalSeq: Uint8Array, time: Uint8Array): Uint8Array {
    return tac(this.alg, medicalCardKey(this.alg, this.roots, 'DTK', this.card), purchaseTacInput(a, terminal, terminalSeq, time));
  }
}
