// The text of the mail Quire sends about accounts.
import type { MailMessage } from "./mailer.js";

interface Site {
  siteName: string;
  publicUrl: string;
}

export function passwordResetMail(
  site: Site,
  to: string,
  username: string,
  link: string,
  minutes: number,
): MailMessage {
  return {
    to,
    subject: `[${site.siteName}] Reset your password`,
    text: [
      `Hi ${username},`,
      "",
      `Someone asked to reset the password of your ${site.siteName} account. If it was you, choose a new password here:`,
      "",
      link,
      "",
      `The link works once and for ${minutes} minutes. If you didn't ask, you can ignore this message; your password stays as it is.`,
    ].join("\n"),
  };
}

export function passwordChangedMail(site: Site, to: string, username: string): MailMessage {
  return {
    to,
    subject: `[${site.siteName}] Your password was changed`,
    text: [
      `Hi ${username},`,
      "",
      `The password of your ${site.siteName} account was just changed. If this wasn't you, reset it at once:`,
      "",
      `${site.publicUrl}/password/forgot`,
    ].join("\n"),
  };
}

export function emailChangedMail(site: Site, to: string, username: string, newEmail: string): MailMessage {
  return {
    to,
    subject: `[${site.siteName}] Your email address was changed`,
    text: [
      `Hi ${username},`,
      "",
      `The email address of your ${site.siteName} account was changed to ${newEmail}. If this wasn't you, contact the archive's admins.`,
    ].join("\n"),
  };
}
