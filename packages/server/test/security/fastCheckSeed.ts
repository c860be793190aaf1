// The fast-check run settings of the property suites: a fixed seed (reproducible on CI), overridable to explore.
import fc from 'fast-check';

/** `FC_SEED=<n>` explores another part of the input space locally; CI always runs the fixed one. */
export const FC_SEED = Number(process.env.FC_SEED ?? 20_261_123);

/** Applies the seed (and a run count) to every property of the calling test file. */
export function useFixedSeed(numRuns = 300): void {
  fc.configureGlobal({ seed: FC_SEED, numRuns });
}
