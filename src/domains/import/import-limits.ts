// The importer's limits, from the config table.
import type { Config } from "../../config/config.js";
import type { ImportLimits } from "./read-fic.js";

export function importLimits(
  config: Pick<Config, "importMaxBytes" | "importMaxUnzippedBytes" | "importTimeLimitMs">,
): ImportLimits {
  return {
    maxBytes: config.importMaxBytes,
    maxUnzippedBytes: config.importMaxUnzippedBytes,
    timeLimitMs: config.importTimeLimitMs,
  };
}
