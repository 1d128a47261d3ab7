// Sends the archive's mail: through SMTP when SMTP_URL is set, otherwise into QUIRE_DATA_DIR/outbox
// as one .eml file per message (README: "Reading the mail outbox").
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Config } from "../config/config.js";
import { newId } from "../lib/ids.js";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Where mail goes, for the log: "smtp://host:port" or the outbox folder. */
  readonly destination: string;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** The mailer the configuration asks for. */
export function createMailer(config: Pick<Config, "smtpUrl" | "mailFrom" | "dataDir">): Mailer {
  return config.smtpUrl
    ? smtpMailer(config.smtpUrl, config.mailFrom)
    : outboxMailer(path.resolve(config.dataDir, "outbox"), config.mailFrom);
}

function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  const u = new URL(smtpUrl);
  return {
    destination: `${u.protocol}//${u.host}`,
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}

function outboxMailer(folder: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    destination: folder,
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      await fs.mkdir(folder, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      await fs.writeFile(path.join(folder, `${stamp}-${newId().slice(-12)}.eml`), info.message as Buffer);
    },
    close: () => transport.close(),
  };
}
