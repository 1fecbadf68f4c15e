import { checkDefect } from '../src/run/defects.ts';
import { planFrom } from '../src/cli/common.ts';
const [profile, ...ids] = process.argv.slice(2);
const plan = planFrom({ profile } as never);
let support;
for (const id of ids) {
  const r = await checkDefect('/work/main', plan, id, '/tmp/chk-out', support);
  support = r.support;
  console.log(r.ok ? 'ok ' : 'BAD', id, JSON.stringify({ missed: r.missed, unexpected: r.unexpected, unjudged: r.unjudged.map((u) => u.slice(0, 120)) }));
}
