// Turns a view into a response: the layout around it, the page context inside it.
import type { FastifyReply, FastifyRequest } from "fastify";
import { h, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { Layout } from "./views/layout.js";
import { PageCtx, type PageContext } from "./views/page-context.js";

let siteName = "Quire";

/** Set once when the app is built. */
export function setSiteName(name: string): void {
  siteName = name;
}

function contextOf(request: FastifyRequest): PageContext {
  return {
    actor: request.actor ?? { kind: "guest" },
    csrfToken: request.csrfToken ?? "",
    siteName,
    flash: request.flash,
    path: request.url,
  };
}

/** Renders `body` inside the layout and sends it with `status`. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  title: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: VNode<any>,
  status = 200,
) {
  const html = renderToString(
    h(PageCtx.Provider, { value: contextOf(request) }, h(Layout, { title, children: body })),
  );
  return reply
    .status(status)
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(`<!doctype html>${html}`);
}
