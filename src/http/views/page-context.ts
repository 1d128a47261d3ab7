// What every view may read without being handed it: the actor, the CSRF token, the site's name.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Actor } from "../../domains/actor.js";
import type { Flash } from "../types.js";

export interface PageContext {
  actor: Actor;
  csrfToken: string;
  siteName: string;
  flash: Flash | undefined;
  path: string;
}

export const PageCtx = createContext<PageContext>({
  actor: { kind: "guest" },
  csrfToken: "",
  siteName: "Quire",
  flash: undefined,
  path: "/",
});

export function usePage(): PageContext {
  return useContext(PageCtx);
}
