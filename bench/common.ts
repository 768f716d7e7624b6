/** Pieces several benchmarks share. Bench code only: seeded randomness never enters the core. */

/** A positive number after `--name` on the command line, or the fallback. */
export function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A seeded generator (Park–Miller), so every run generates the same workload. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}
