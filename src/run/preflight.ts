/**
 * Pre-flight and post-flight: what the card under test tells of its own state before the first scenario
 * and after the last (PIN try counters, whether its applications are blocked, ATC, EC balance), and
 * checks of the profile's keys and PIN that cost the sample nothing, or at most one PIN try which the
 * next correct VERIFY gives back. A real sample keeps its state between scenarios and runs: a wrong PIN
 * in the profile would otherwise block it by the third scenario.
 *
 * Sources: 社会保障卡规范 part 5 §6.14 (VERIFY without data answers 63Cx, the tries left), JR/T 0025.5
 * B.7 (GET DATA 9F17 PIN try counter, 9F36 ATC, 9F13 last online ATC), JR/T 0025.13 (9F79 EC balance),
 * JR/T 0025.5 §6.3.5 (a blocked application answers SELECT with 6283), Annex E (the AAC a card gives
 * when asked for one: it costs an ATC step and nothing else).
 */
import { SW, triesLeft } from '../apdu/sw.ts';
import { swHex } from '../apdu/response.ts';
import { equal, fromHex, toHex, toUint } from '../bytes/hex.ts';
import { encodeGbk } from '../bytes/text.ts';
import * as iso from '../iso7816/commands.ts';
import type { Profile } from '../profile/profile.ts';
import { profileIssuer } from '../profile/issuer.ts';
import { PbocKernel } from '../pboc/kernel.ts';
import { SSSE_DF_NAME } from '../sscard/terminal.ts';
import { pinCn } from '../sscard/commands.ts';
import type { CardSession } from '../apdu/session.ts';
import { NonConformance, diagnosisOf } from '../verdict/errors.ts';
import { type Diagnosis, type Lang, dx, renderDiagnosis } from '../verdict/messages.ts';

/** The SSSE PIN's reference (社会保障卡规范 part 5 §6.14: VERIFY P2 00). */
const SSSE_PIN_REF = 0x00;
const DEBIT_AID = 'A000000333010101';

export interface CardState {
  ssse?: { select: string; pinTriesLeft?: number; pinBlocked?: boolean };
  pboc?: { select: string; blocked: boolean; pinTriesLeft?: number; atc?: number; lastOnlineAtc?: number; ecBalance?: number };
}

export interface Preflight {
  /** The state the card told before anything else was sent. */
  start: CardState;
  /** What was checked (for the report, in either language). */
  checks: Diagnosis[];
  /** What stops the run: the profile or the card is not fit for the plan. */
  problems: Diagnosis[];
  /** What the checks cost the sample (an ATC step, a PIN try). */
  cost: Diagnosis[];
}

/** The plan needs these from the card (tags of the planned scenarios that apply). */
export interface PlanNeeds {
  ssse: boolean;
  pboc: boolean;
  pin: boolean;
}

/** 9000 as the card state writes it. */
const OK = swHex(SW.NO_ERROR);

/** The card's state as it tells it, sending nothing that changes it (SELECT, VERIFY without data, GET DATA). */
export async function readCardState(session: CardSession, profile: Profile): Promise<CardState> {
  const state: CardState = {};
  if (profile.ics.sscardVersion) {
    const s = await session.send(iso.selectByName(encodeGbk(SSSE_DF_NAME)));
    state.ssse = { select: swHex(s.sw) };
    if (s.sw === SW.NO_ERROR && profile.keys?.pin !== undefined) {
      const v = await session.send(iso.verify(SSSE_PIN_REF));
      const tries = triesLeft(v.sw);
      if (tries !== undefined) state.ssse.pinTriesLeft = tries;
      if (v.sw === SW.AUTHENTICATION_METHOD_BLOCKED || tries === 0) state.ssse.pinBlocked = true;
    }
  }
  if (profile.ics.pboc === '2.0' || profile.ics.pboc === '3.0') {
    const aid = fromHex(profile.keys?.pboc?.aid?.replace(/\s/g, '') ?? DEBIT_AID);
    const s = await session.send(iso.selectByName(aid));
    state.pboc = { select: swHex(s.sw), blocked: s.sw === SW.WARNING_SELECTED_FILE_INVALIDATED };
    if (s.sw === SW.NO_ERROR || s.sw === SW.WARNING_SELECTED_FILE_INVALIDATED) {
      const k = new PbocKernel((apdu) => session.send(apdu));
      const number = async (tag: string, bcd: boolean): Promise<number | undefined> => {
        try {
          const v = await k.getDataValue(tag);
          return bcd ? Number(toHex(v)) : toUint(v);
        } catch {
          return undefined; // not offered by this card: the state leaves it out
        }
      };
      const pin = await number('9F17', false);
      if (pin !== undefined) state.pboc.pinTriesLeft = pin;
      const atc = await number('9F36', false);
      if (atc !== undefined) state.pboc.atc = atc;
      const last = await number('9F13', false);
      if (last !== undefined) state.pboc.lastOnlineAtc = last;
      if (profile.ics.electronicCash) {
        const ec = await number('9F79', true);
        if (ec !== undefined && Number.isFinite(ec)) state.pboc.ecBalance = ec;
      }
    }
  }
  return state;
}

/**
 * Before the first scenario: the card's state, the profile's PBOC keys by an AAC (no try), the PIN by one
 * VERIFY when the counter has a try to spare. Problems stop the run before any scenario (exit 2).
 */
export async function preflight(session: CardSession, profile: Profile, needs: PlanNeeds): Promise<Preflight> {
  const out: Preflight = { start: await readCardState(session, profile), checks: [], problems: [], cost: [] };
  const { ssse, pboc } = out.start;
  if (needs.ssse && ssse && ssse.select !== OK) out.problems.push(dx('pre.ssseSelect', { sw: ssse.select }));
  if (needs.pboc && pboc?.blocked) out.problems.push(dx('pre.debitBlocked'));
  else if (needs.pboc && pboc && pboc.select !== OK) out.problems.push(dx('pre.debitSelect', { sw: pboc.select }));

  // The PBOC keys: ask for an AAC and check it with keys.pboc (costs one ATC step, no try).
  if (needs.pboc && pboc && !pboc.blocked && pboc.select === OK && profile.keys?.pboc?.imk) {
    const k = new PbocKernel((apdu) => session.send(apdu));
    const aid = fromHex(profile.keys.pboc.aid?.replace(/\s/g, '') ?? DEBIT_AID);
    const gpo = (await k.selectApplication(aid)).sw === SW.NO_ERROR ? await k.gpo() : undefined;
    if (gpo?.sw === SW.NO_ERROR) {
      await k.readApplicationData();
      const { response, result } = await k.generateAc('AAC');
      // A card whose data lacks what the check needs (no PAN 5A): the check is not made; the scenarios report it.
      const unreadable = result ? cardDataProblem(() => [k.pan, k.psn]) : undefined;
      if (result && unreadable) out.checks.push(dx('pre.pbocNotChecked', { why: unreadable }));
      else if (result) {
        const expected = profileIssuer(profile, result.iad).expectedAc(k.pan, k.psn, result.atc, result.acData);
        out.cost.push(dx('pre.costAtc', { atc: result.atc }));
        if (equal(expected, result.ac)) out.checks.push(dx('pre.pbocOk'));
        else out.problems.push(dx('pre.pbocWrong', { ac: toHex(result.ac), expected: toHex(expected) }));
      } else out.checks.push(dx('pre.pbocNotChecked', { why: dx('pre.gacAnswered', { sw: swHex(response.sw) }) }));
    } else out.checks.push(dx('pre.pbocNotChecked', { why: dx('pre.gpoAnswered', { sw: gpo ? swHex(gpo.sw) : dx('pre.selectFailed') }) }));
  }

  // The PIN: one VERIFY, and only with a try to spare; a right PIN puts the counter back at its limit.
  const pin = profile.keys?.pin;
  if (needs.pin && pin !== undefined && ssse?.select === OK) {
    if (ssse.pinBlocked) out.problems.push(dx('pre.pinBlocked'));
    else if (ssse.pinTriesLeft !== undefined && ssse.pinTriesLeft < 2) out.problems.push(dx('pre.pinOneTry', { n: ssse.pinTriesLeft }));
    else {
      await session.send(iso.selectByName(encodeGbk(SSSE_DF_NAME)));
      const v = await session.send(iso.verify(SSSE_PIN_REF, pinCn(pin)));
      if (v.sw === SW.NO_ERROR) out.checks.push(dx('pre.pinOk'));
      else {
        const left = triesLeft(v.sw);
        out.problems.push(dx('pre.pinWrong', { sw: swHex(v.sw) }));
        out.cost.push(dx('pre.costPin', { left: left !== undefined ? dx('pre.left', { n: left }) : '' }));
      }
    }
  }
  return out;
}

/** One line of a card state, for the console (English) and the report (either language). */
export function describeState(s: CardState, lang: Lang = 'en'): string {
  const parts: Diagnosis[] = [];
  const tries = (n: number | undefined) => (n !== undefined ? dx('state.pinTries', { n }) : '');
  if (s.ssse)
    parts.push(dx('state.ssse', { select: s.ssse.select, tries: tries(s.ssse.pinTriesLeft), blocked: s.ssse.pinBlocked ? dx('state.pinBlocked') : '' }));
  if (s.pboc) {
    const p = s.pboc;
    parts.push(
      dx('state.debit', {
        select: p.blocked ? dx('state.debitBlocked') : p.select,
        tries: tries(p.pinTriesLeft),
        atc: p.atc !== undefined ? dx('state.atc', { atc: p.atc }) : '',
        ec: p.ecBalance !== undefined ? dx('state.ec', { ec: p.ecBalance }) : '',
      }),
    );
  }
  return parts.map((d) => renderDiagnosis(d, lang)).join('; ') || renderDiagnosis(dx('state.nothing'), lang);
}

/** The card's malformed data as text (a NonConformance the kernel raised), or undefined when `read` works. */
function cardDataProblem(read: () => unknown): string | Diagnosis | undefined {
  try {
    read();
    return undefined;
  } catch (e) {
    if (e instanceof NonConformance) return diagnosisOf(e) ?? e.message;
    throw e;
  }
}
