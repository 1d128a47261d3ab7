// The importer's limits, from the config table.
import type { Config } from "../../config/config.js";
import type { ImportLimits } from "./read-fic.js";

export function importLimits(
  config: Pick<
    Config,
    "importMaxBytes" | "importMaxUnzippedBytes" | "importMaxZipEntries" | "importTimeLimitMs"
  >,
): ImportLimits {
  return {
    maxBytes: config.importMaxBytes,
    maxUnzippedBytes: config.importMaxUnzippedBytes,
    maxZipEntries: config.importMaxZipEntries,
    timeLimitMs: config.importTimeLimitMs,
  };
}
