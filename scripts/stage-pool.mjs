/**
 * npm test's stage scheduler (scripts/test-all.mjs): stages run side by side as far as the cores allow.
 * Each stage says about how many cores it keeps busy; `stages` is in the order to prefer (longest
 * first). Whenever a stage ends, the first waiting stage that fits beside the running ones starts
 * (`capacity` cores' worth at once); when nothing runs, the first waiting stage starts whatever its size,
 * so every stage runs. `start(name)` runs one stage and resolves when it ends; `ended(name, result,
 * beside)` is told each end, with the stages that ran beside it at any time.
 */
export function runPool(stages, capacity, { start, started = () => {}, ended = () => {} }) {
  const waiting = [...stages];
  const running = new Map();
  let load = 0;
  return new Promise((allDone) => {
    const next = () => {
      for (let i = 0; i < waiting.length; ) {
        const [name, cores] = waiting[i];
        if (running.size > 0 && load + cores > capacity) {
          i++;
          continue;
        }
        waiting.splice(i, 1);
        load += cores;
        const beside = new Set(running.keys());
        started(name, [...beside]);
        for (const other of running.values()) other.add(name);
        running.set(name, beside);
        start(name).then((result) => {
          load -= cores;
          const overlapped = running.get(name);
          running.delete(name);
          ended(name, result, [...overlapped]);
          if (!running.size && !waiting.length) allDone();
          else next();
        });
      }
    };
    if (!waiting.length) allDone();
    else next();
  });
}
