// What the benchmark scripts share: seeded randomness, summary statistics, number formatting and
// the machine and commit a result was measured on.
import { execFileSync } from "node:child_process";
import os from "node:os";

/** mulberry32: a small seeded generator, so every run writes the same inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Stats {
  samples: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function stats(values: number[]): Stats {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  const median = n % 2 === 1 ? v[(n - 1) / 2]! : (v[n / 2 - 1]! + v[n / 2]!) / 2;
  return {
    samples: n,
    median,
    p95: v[Math.min(n - 1, Math.ceil(0.95 * n) - 1)]!,
    min: v[0]!,
    max: v[n - 1]!,
  };
}

/** Milliseconds with as many decimals as they deserve. */
export const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** A read-only git command's output, or "" (GIT_OPTIONAL_LOCKS=0 keeps `git status` off the index). */
export function git(...a: string[]): string {
  try {
    return execFileSync("git", a, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" },
    }).trim();
  } catch {
    return "";
  }
}

/** "AMD EPYC, 2 cores, 23.5 GiB memory, Linux … (x64), Node v20…" */
export function machine(): string {
  const cpus = os.cpus();
  const model = (cpus[0]?.model ?? "unknown CPU").replace(/\s+/g, " ").trim();
  const mem = `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`;
  return `${model}, ${cpus.length} cores, ${mem} memory, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`;
}
