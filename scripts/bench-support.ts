// What the benchmark scripts share: seeded randomness, summary statistics, number formatting,
// the machine and commit a result was measured on, and running wrk and reading what it prints.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

/** mulberry32, seeded, so every run writes the same inputs. */
export { prng } from "../test/support/prng.js";

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

// --- wrk (Debian's package) -------------------------------------------------------------------------------

export const WRK_BIN = "/usr/bin/wrk";

export function wrkAvailable(): boolean {
  try {
    fs.accessSync(WRK_BIN, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs wrk with `args`, answering what it printed (stdout and stderr). */
export function runWrkProcess(args: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(WRK_BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}:\n${out}`)),
    );
  });
}

export interface WrkOutput {
  requestsPerSecond: number;
  latencyAvg: string;
  latencyStdev: string;
  latencyMax: string;
  /** wrk's latency distribution (with --latency): "50", "75", "90", "99" → its figure. */
  percentiles: Record<string, string>;
  /** "885 requests in 15.04s". */
  requests: string;
  /** Socket errors and non-2xx/3xx responses, as wrk words them. */
  errors: string[];
}

/** What wrk printed, read; an error when it isn't wrk's report. */
export function readWrk(output: string): WrkOutput {
  const latency = output.match(/Latency\s+(\S+)\s+(\S+)\s+(\S+)/);
  const rps = output.match(/Requests\/sec:\s+([\d.]+)/);
  if (!rps || !latency) throw new Error(`could not read wrk's output:\n${output}`);
  const percentiles: Record<string, string> = {};
  for (const m of output.matchAll(/^\s+(50|75|90|99)%\s+(\S+)/gm)) percentiles[m[1]!] = m[2]!;
  return {
    requestsPerSecond: Number(rps[1]),
    latencyAvg: latency[1]!,
    latencyStdev: latency[2]!,
    latencyMax: latency[3]!,
    percentiles,
    requests: output.match(/(\d+ requests in [^,]+)/)?.[1] ?? "",
    errors: [
      output.match(/Socket errors:.*$/m)?.[0],
      output.match(/Non-2xx or 3xx responses: \d+/)?.[0],
    ].filter((e): e is string => Boolean(e)),
  };
}
