// The JSON shape of a saved filter (no internal columns).
import type { z } from "zod";
import type { savedFilterResponse } from "./saved-filter.schema.js";
import { savedFilterPath, type SavedFilter } from "./saved-filter.js";

export function presentSavedFilter(
  savedFilter: SavedFilter,
  baseUrl: string,
): z.infer<typeof savedFilterResponse> {
  return {
    id: savedFilter.id,
    name: savedFilter.name,
    query: savedFilter.query,
    is_default: savedFilter.isDefault,
    url: `${baseUrl}${savedFilterPath(savedFilter.query)}`,
    created_at: savedFilter.createdAt,
    updated_at: savedFilter.updatedAt,
  };
}
