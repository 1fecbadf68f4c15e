/** Parameter types of the step expressions. */
import { defineParameterType } from '@cucumber/cucumber';
import type { TestObjects } from '../src/profile/profile.ts';

export type EfObject = Exclude<keyof TestObjects, 'ssse' | 'pse'>;

const EF_NAMES: Record<string, EfObject> = {
  'transparent EF': 'transparentEf',
  'record EF': 'recordEf',
  'PIN-protected EF': 'pinProtectedEf',
  'key-protected EF': 'keyProtectedEf',
};

defineParameterType({
  name: 'ef',
  regexp: /transparent EF|record EF|PIN-protected EF|key-protected EF/,
  transformer: (s: string): EfObject => EF_NAMES[s] as EfObject,
});

/** A status word in hex, e.g. 6A82. */
defineParameterType({
  name: 'sw',
  regexp: /[0-9A-Fa-f]{4}/,
  transformer: (s: string): number => parseInt(s, 16),
});
