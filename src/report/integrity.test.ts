import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';
import { reportDigest, seal, signReport, verifyReport } from './integrity.ts';

const pem = (k: { export(o: object): string | Buffer }) => k.export({ type: 'pkcs8', format: 'pem' }).toString();
const pub = (k: { export(o: object): string | Buffer }) => k.export({ type: 'spki', format: 'pem' }).toString();

describe('canonical JSON (RFC 8785 member order, no whitespace)', () => {
  it('sorts members by key at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: undefined, ä: 2, Z: 3 }] })).toBe('{"a":[true,null,{"Z":3,"d":"x","ä":2}],"b":1}');
  });
  it('writes numbers and strings as RFC 8785 does for these values (its appendix B examples)', () => {
    expect(canonicalJson([1e21, 0.000001, -0, 333333333.3333333, '€\u000f'])).toBe('[1e+21,0.000001,0,333333333.3333333,"€\\u000f"]');
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });
});

describe('report integrity', () => {
  const report = { schema: 'sscc-report/1', cases: [{ id: 'ISO-SEL-001', verdict: 'PASS' }], summary: { pass: 1 } };

  it('a sealed report verifies; one verdict changed does not', () => {
    const sealed = seal(report);
    expect(verifyReport(sealed).ok).toBe(true);
    const changed = structuredClone(sealed);
    (changed.cases[0] as { verdict: string }).verdict = 'FAIL';
    const v = verifyReport(changed);
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toMatch(/digest mismatch/);
  });

  it('the digest does not depend on member order or on the integrity member itself', () => {
    expect(reportDigest({ summary: { pass: 1 }, cases: report.cases, schema: 'sscc-report/1' })).toBe(reportDigest(seal(report)));
  });

  it("refuses an SM2 key: Node's OpenSSL does not sign with the GB/T 32918.2 user ID", () => {
    const sm2 = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    expect(() => signReport(report, pem(sm2.privateKey))).toThrow(/GB\/T 32918.2 user ID/);
  });

  for (const [name, make] of [['Ed25519', () => generateKeyPairSync('ed25519')]] as const) {
    it(`${name}: signed by the lab's key verifies, also against --pubkey; another key or a changed case does not`, () => {
      const lab = make();
      const other = make();
      const signed = signReport(report, pem(lab.privateKey), 'Lab A');
      expect(verifyReport(signed, pub(lab.publicKey))).toMatchObject({ ok: true, signed: true, signatureOk: true });
      expect(verifyReport(signed, pub(other.publicKey)).problems).toContain('the report is signed with another key than --pubkey');
      const forged = { ...signReport(report, pem(other.privateKey)), signature: signed.signature };
      expect(verifyReport(forged).ok).toBe(true); // same content, same digest: the signature holds
      const changed = structuredClone(signed);
      (changed.summary as { pass: number }).pass = 2;
      expect(verifyReport(changed).ok).toBe(false);
      const resigned = structuredClone(signed);
      resigned.signature.value = signReport({ ...report, x: 1 }, pem(lab.privateKey)).signature.value;
      expect(verifyReport(resigned).problems.join()).toMatch(/does not verify/);
    });

    it(`${name}: signer, time and the files are signed; without a trusted key a valid signature is UNVERIFIED`, () => {
      const lab = make();
      const signed = signReport(report, pem(lab.privateKey), 'Lab A', new Date('2026-12-01T00:00:00Z'), [{ name: 'junit.xml', sha256: 'ab'.repeat(32) }]);
      for (const edit of [
        (s: typeof signed) => (s.signature.signer = 'Lab B'),
        (s: typeof signed) => (s.signature.signedAt = '2020-01-01T00:00:00.000Z'),
        (s: typeof signed) => (s.signature.files = []),
        (s: typeof signed) => delete s.signature.signer,
      ]) {
        const copy = structuredClone(signed);
        edit(copy);
        expect(verifyReport(copy, pub(lab.publicKey)).problems.join()).toMatch(/does not verify over the digest, signer, time and files/);
      }
      // A report edited and re-signed by anyone with any key: it verifies only with the key it carries.
      const forger = make();
      const forged = signReport({ ...report, summary: { pass: 9 } }, pem(forger.privateKey), 'Lab A');
      expect(verifyReport(forged)).toMatchObject({ ok: true, untrusted: true });
      expect(verifyReport(forged, pub(lab.publicKey)).ok).toBe(false);
      expect(verifyReport(signed, [pub(forger.publicKey), pub(lab.publicKey)])).toMatchObject({ ok: true, signatureOk: true });
      expect(verifyReport(signed, [pub(lab.publicKey)]).untrusted).toBeUndefined();
    });
  }
});
