#!/usr/bin/env node
// sscc runs its TypeScript sources. When build/js is the compilation of exactly these sources
// (scripts/build.mjs: npm install and npm test make it), the compiled JavaScript runs, without tsx's
// loader; otherwise tsx compiles the sources on the fly. SSCC_TSX=1 always takes tsx.
import { importSource } from '../scripts/build.mjs';

await importSource('src/cli/main');
