/**
 * Yield to the event loop before every step. A zero-latency card (card-sim in process) answers in
 * microtasks only, so without this a whole run never reaches a macrotask and Ctrl-C / SIGTERM wait
 * until the last case (issue 18). One setImmediate per step costs a few microseconds.
 */
import { BeforeStep } from '@cucumber/cucumber';

BeforeStep(() => new Promise<void>((resolve) => setImmediate(resolve)));
