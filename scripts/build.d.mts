// Types of build.mjs for the TypeScript that imports it (the benches).
/** Compiles src/ to dist/ (see build.mjs); how many modules, in how many ms. */
export function buildDist(): Promise<{ files: number; ms: number }>
