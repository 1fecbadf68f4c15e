/** A mistake in how sscc was called (exit code 2), with the message that says how to fix it. */
export class UsageError extends Error {
  override name = 'UsageError';
}
