// `@notp/node-sdk/jwt`: the one notp session validator, Edge-safe (no node: imports), shared by the node SDK and
// `@notp/nextjs-sdk`: the JWKS key cache and its refetch policy, the token's rules, and the WebCrypto key importer.
export { KeyCache, UNKNOWN_KID_COOLDOWN_MS } from './KeyCache.js';
export { CLOCK_TOLERANCE_SEC, issuerMatches, validateJwt, type VerifyOptions } from './validateJwt.js';
export {
  ALLOWED_ALGS,
  importWebCryptoKey,
  type KeyImporter,
  MIN_RSA_BITS,
  type VerifyKey,
  verifyAlgOf,
} from './verifyKey.js';
