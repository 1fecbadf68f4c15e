/** One entry of the defect catalogue. */
export interface Defect {
  id: string;
  /** The suite area whose scenarios catch it: iso7816, sscard, pboc, dual-app, lifecycle, terminal. */
  area: string;
  title: string;
  /** What the card does wrong, and which requirement that breaks. */
  description: string;
  /** @TC ids that must fail with this defect on. */
  mustFail: string[];
  /**
   * Areas whose scenarios may also fail, because they rely on the broken function as a precondition
   * (an SSSE flow cannot run on a card whose FCI lacks the DF name). Failures there are reported, not
   * held against the defect; failures in any other area are.
   */
  collateralAreas?: string[];
  /**
   * Applicability tags (src/plan/applicability.ts) the profile must meet for the defect to exist on its
   * card: a missing RSA remainder (92) is no defect of an SM2-only card, so `['@ics:rsa']`. Where they
   * do not hold, `defects verify` leaves the defect out, as one none of whose scenarios applies.
   */
  ics?: string[];
  /**
   * Scenarios that must also fail on cards where an applicability tag holds: on a 3.0 card EF06 sits
   * behind RK SSSE, so more scenarios rest on the broken function (`{ '@sscard:3.0': [...] }`).
   */
  mustFailWhere?: Record<string, string[]>;
}
