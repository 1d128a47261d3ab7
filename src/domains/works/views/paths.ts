// Addresses of works, chapters, series and tag pages, in one place.
import { tagToParam } from "../../tags/tag-name.js";

export const workPath = (id: string) => `/works/${id}`;
export const chapterPath = (workId: string, chapterId: string) => `/works/${workId}/chapters/${chapterId}`;
export const seriesPath = (id: string) => `/series/${id}`;
export const tagWorksPath = (name: string) => `/tags/${tagToParam(name)}/works`;
export const userWorksPath = (username: string) => `/users/${encodeURIComponent(username)}/works`;
export const pseudWorksPath = (username: string, pseud: string) =>
  `/users/${encodeURIComponent(username)}/pseuds/${encodeURIComponent(pseud)}/works`;

/** A stored date as the archive shows it: 2026-11-21. */
export const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");
