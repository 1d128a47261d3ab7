import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../../test/support/smtp-sink.js";
import { createMailer } from "./mailer.js";

describe("createMailer", () => {
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
  });

  it("delivers through SMTP when SMTP_URL is set", async () => {
    sink = await startSmtpSink();
    const mailer = createMailer({
      smtpUrl: sink.url,
      mailFrom: "Quire <noreply@quire.test>",
      dataDir: "/nonexistent",
    });
    await mailer.send({ to: "reader@example.org", subject: "Hello there", text: "A message body." });
    mailer.close();
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual(["reader@example.org"]);
    expect(mail!.subject).toBe("Hello there");
    expect(mail!.text).toContain("A message body.");
    expect(mail!.raw).toContain("From: Quire <noreply@quire.test>");
  });

  it("writes one .eml file per message into the outbox when SMTP_URL is empty", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-outbox-"));
    const mailer = createMailer({ smtpUrl: "", mailFrom: "Quire <noreply@quire.test>", dataDir });
    expect(mailer.destination).toBe(path.join(dataDir, "outbox"));
    await mailer.send({ to: "a@example.org", subject: "First", text: "one" });
    await mailer.send({ to: "b@example.org", subject: "Second", text: "two" });
    const files = fs.readdirSync(path.join(dataDir, "outbox")).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith(".eml"))).toBe(true);
    const contents = files.map((f) => fs.readFileSync(path.join(dataDir, "outbox", f), "utf8")).join("\n");
    expect(contents).toContain("Subject: First");
    expect(contents).toContain("To: b@example.org");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
