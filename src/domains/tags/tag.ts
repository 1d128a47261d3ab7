// A tag: a typed name, canonical or not, possibly a synonym of a canonical tag (merger).
import type { TagType } from "./tag-types.js";

export interface Tag {
  id: string;
  /** The tag's small number (filter sets, the work index). */
  num: number;
  name: string;
  type: TagType;
  canonical: boolean;
  mergerId: string | null;
  adult: boolean;
}
