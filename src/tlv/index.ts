export * from './ber.ts';
export * from './simple.ts';
