export * from './des.ts';
export * from './sm4.ts';
export * from './hash.ts';
export * from './mac.ts';
export * from './rsa.ts';
export * from './pboc.ts';
export * from './sm2.ts';
