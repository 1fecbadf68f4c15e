/**
 * Steps of the financial terminal's usage control scenarios (features/terminal/financial-limits.feature):
 * the terminal's country, as a lab sets it for one transaction (the manual driver shows it to the
 * operator); the verdicts are the financial steps' (TVR in GENERATE AC, the cryptogram asked).
 */
import { Given } from '@cucumber/cucumber';
import type { CardWorld } from './world.ts';

Given("the terminal's country code is {word}", function (this: CardWorld, country: string) {
  if (!/^\d{4}$/.test(country)) throw new Error(`country code ${country} is not n3 in 4 digits (e.g. 0344)`);
  this.slot.params = { ...(this.slot.params ?? {}), country };
});
