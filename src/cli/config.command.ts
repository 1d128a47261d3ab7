// quire config: every setting, its current value and what it means.
import { describeSettings } from "../config/config.js";

export function configCommand(): void {
  for (const s of describeSettings()) {
    const value = process.env[s.env];
    const shown =
      value === undefined || value === ""
        ? `(default) ${s.default}`
        : /URL|PASSWORD|SECRET/.test(s.env)
          ? "(set)"
          : value;
    console.log(`${s.env}=${shown}\n    ${s.doc} Accepts ${s.accepts}.`);
  }
}
