/**
 * The PPSE of a dual-interface card (EMV Contactless Book B §3.3, JR/T 0025.12): SELECT 2PAY.SYS.DDF01
 * answers 6F { 84, A5 { BF0C { 61 { 4F, 50, 87 } } } } from the image (images/pse.ts ppse()). It has no
 * commands of its own.
 */
import type { CardApplication } from '../../cos/application.ts';

export const PPSE_APP: CardApplication = { name: 'ppse', commands: [] };
