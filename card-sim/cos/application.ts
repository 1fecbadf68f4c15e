/**
 * Applications extend the COS with their own commands (SSSE: 社会保障卡规范 part 5; PSE debit:
 * JR/T 0025.5). A DF in the image names its application (`app`); while that DF or one below it is
 * current, the application's commands are reachable, and the firewall keeps the others out.
 */
import type { CardContext, Handler, Reply } from './context.ts';

export interface CommandSpec {
  ins: number;
  /** Exact CLA values accepted, e.g. [0x00], [0x80], [0x04, 0x84] with secure messaging. */
  classes: readonly number[];
  handler: Handler;
}

export interface CardApplication {
  /** The name a DfImage.app refers to. */
  name: string;
  commands: readonly CommandSpec[];
  /** After a successful SELECT of one of its DFs: the application may qualify the answer (a blocked application's 6283). */
  onSelect?: (card: CardContext, reply: Reply) => Reply;
}
