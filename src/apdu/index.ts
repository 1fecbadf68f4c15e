export * from './command.ts';
export * from './response.ts';
export * from './sw.ts';
export * from './names.ts';
