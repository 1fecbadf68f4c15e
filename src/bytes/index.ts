export * from './hex.ts';
export * from './bcd.ts';
export * from './text.ts';
export * from './compare.ts';
