// What Quire adds to Fastify's request: the actor, the CSRF token for forms, the flash message.
import type { Actor } from "../domains/actor.js";

export interface Flash {
  kind: "notice" | "error";
  message: string;
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
    /** The token forms must echo back in _csrf (or the X-CSRF-Token header). */
    csrfToken: string;
    flash: Flash | undefined;
    /** True for /api/ requests, which get problem documents instead of pages. */
    isApi: boolean;
    /** Cookies get Secure: the request came over HTTPS, or BASE_URL is https (TLS ends at a proxy). */
    secureCookies: boolean;
    /** Starts a new CSRF cookie and token (at log-in and log-out). */
    rotateCsrf(): void;
    /** Refuses (403) a missing or wrong CSRF token: the header, or `field` (an upload form's _csrf). */
    verifyCsrf(field?: string): void;
  }
  interface FastifyContextConfig {
    /** The route takes an upload form, whose CSRF token uploadedParts checks (route.ts). */
    upload?: boolean;
  }
}
