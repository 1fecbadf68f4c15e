export * from './ber.ts';
export * from './simple.ts';
export * from './dol.ts';
