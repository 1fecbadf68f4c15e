/**
 * The PC/SC overhead ratio alone (issue 21 item 5), for scripts/bench-pcsc.sh: the harness
 * (CardSession over PcscChannel) against a bare `smartcard` transmit loop on the same reader and card,
 * in the same process, medians of alternating blocks (bench/measure.ts overheadRatio). The timer is
 * performance.now(), which Node gives in microseconds or finer; a block of N APDUs is timed whole.
 */
import { parseArgs } from 'node:util';
import { pcscFigures } from './pcsc.ts';

const { values } = parseArgs({
  options: {
    reader: { type: 'string', default: 'Virtual PCD 00 00' },
    blocks: { type: 'string', default: '21' },
    'per-block': { type: 'string', default: '300' },
  },
});
const f = await pcscFigures([values.reader as string], { blocks: Number(values.blocks), perBlock: Number(values['per-block']), perReader: 0 });
process.stdout.write(
  `${JSON.stringify(f.overhead ? { ratio: f.overhead.ratio, harnessUs: f.overhead.harnessUs, bareUs: f.overhead.bareUs, blocks: Number(values.blocks), perBlock: Number(values['per-block']) } : { ratio: null, reason: f.overheadReason })}\n`,
);
process.exit(0);
