import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("quire serve", () => {
  it("migrates a new SQLite file under QUIRE_DATA_DIR, serves, and stops cleanly on SIGTERM", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-serve-"));
    const port = await freePort();
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "src/main.ts"), "serve"], {
      env: {
        PATH: process.env.PATH ?? "",
        PORT: String(port),
        HOST: "127.0.0.1",
        QUIRE_DATA_DIR: dataDir,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      let health: Response | undefined;
      for (let i = 0; i < 100 && !health; i++) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (!health) await new Promise((r) => setTimeout(r, 100));
      }
      expect(health?.status).toBe(200);
      expect(fs.existsSync(path.join(dataDir, "quire.db"))).toBe(true);
      const signup = await fetch(`http://127.0.0.1:${port}/signup`);
      expect(signup.status).toBe(200);
      // A request whose connection is open when SIGTERM arrives still gets its answer.
      const inFlight = new Promise<number>((resolve, reject) => {
        const req = http.get({ host: "127.0.0.1", port, path: "/" }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.on("socket", (socket) => socket.on("connect", () => child.kill("SIGTERM")));
      });
      expect(await inFlight).toBe(200);
      expect(await exited).toBe(0);
      expect(log).toContain("draining requests");
      expect(log).toContain('"msg":"stopped"');
    } finally {
      child.kill("SIGKILL");
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
