// A browser-like client over app.inject: keeps cookies, and sends the CSRF token with every form.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";

export interface AgentResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  location: string | undefined;
  json<T = Record<string, unknown>>(): T;
}

export class Agent {
  private cookies = new Map<string, string>();
  csrfToken = "";

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = "127.0.0.1",
  ) {}

  private remember(res: LightMyRequestResponse): AgentResponse {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === "";
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /<meta name="csrf-token" content="([^"]*)"/.exec(res.body)?.[1];
    if (token) this.csrfToken = token;
    const location = res.headers.location;
    return {
      status: res.statusCode,
      headers: res.headers,
      body: res.body,
      location: typeof location === "string" ? location : undefined,
      json: <T>() => JSON.parse(res.body) as T,
    };
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<AgentResponse> {
    const res = await this.app.inject({
      method: "GET",
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
      remoteAddress: this.ip,
    });
    return this.remember(res);
  }

  /** Posts a form; the CSRF token is added unless `csrf` is false (fetched from "/" if none yet). */
  async post(
    url: string,
    form: Record<string, string | string[]> | URLSearchParams = {},
    options: { csrf?: boolean | string } = {},
  ): Promise<AgentResponse> {
    if (options.csrf !== false && !this.csrfToken) await this.get("/");
    const body = new URLSearchParams();
    const entries = form instanceof URLSearchParams ? [...form.entries()] : Object.entries(form);
    for (const [key, value] of entries) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    if (options.csrf !== false)
      body.set("_csrf", typeof options.csrf === "string" ? options.csrf : this.csrfToken);
    const res = await this.app.inject({
      method: "POST",
      url,
      payload: body.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader() },
      remoteAddress: this.ip,
    });
    return this.remember(res);
  }

  /**
   * Posts a multipart form with files, as a browser sends an upload form: the CSRF token first
   * (unless `csrf` is false), then `fields`, then the files.
   */
  async upload(
    url: string,
    fields: Record<string, string>,
    files: { name?: string; fileName: string; content: string | Uint8Array; type?: string }[],
    options: { csrf?: boolean | string } = {},
  ): Promise<AgentResponse> {
    if (options.csrf !== false && !this.csrfToken) await this.get("/");
    const boundary = `----quire-test-${Math.random().toString(36).slice(2)}`;
    const chunks: Buffer[] = [];
    const field = (name: string, value: string) =>
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    if (options.csrf !== false)
      field("_csrf", typeof options.csrf === "string" ? options.csrf : this.csrfToken);
    for (const [name, value] of Object.entries(fields)) field(name, value);
    for (const file of files) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? "files"}"; filename="${file.fileName}"\r\n` +
            `Content-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
        ),
        Buffer.from(file.content),
        Buffer.from("\r\n"),
      );
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: "POST",
      url,
      payload: Buffer.concat(chunks),
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        cookie: this.cookieHeader(),
      },
      remoteAddress: this.ip,
    });
    return this.remember(res);
  }

  /** A JSON request, as an API client or a page script would send it. */
  async json(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<AgentResponse> {
    const res = await this.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      headers: {
        ...(payload === undefined ? {} : { "content-type": "application/json" }),
        cookie: this.cookieHeader(),
        ...headers,
      },
      remoteAddress: this.ip,
    });
    return this.remember(res);
  }
}

/** The text of an HTML page with tags removed and whitespace squeezed, for "shows …" assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();
}

/** The value attribute of the input named `name`, or undefined. */
export function inputValue(html: string, name: string): string | undefined {
  const tag = [...html.matchAll(/<input\b(?:[^>"]|"[^"]*")*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(` name="${name}"`));
  if (!tag) return undefined;
  return /\svalue="([^"]*)"/.exec(tag)?.[1] ?? (/\svalue(\s|\/|>)/.test(tag) ? "" : undefined);
}

/** The error message shown next to field `name`, or undefined. */
export function fieldError(html: string, name: string): string | undefined {
  const m = new RegExp(`<p class="field__error" id="field-${name}-error">([^<]*)</p>`).exec(html);
  return m?.[1] ? textOf(m[1]) : undefined;
}
