// Entry of `@notp/node-sdk/jwt`: the Edge-safe session validator (src/jwt/index.ts), for the Next.js SDK and workers.
export * from './jwt/index.js';
