/**
 * Between Node's HTTP server and the MCP handlers, which speak web `Request`/`Response`.
 *
 * The body is read once, here, and parsed once: the handlers get the parsed value (so neither
 * the era check nor the handler reads or clones the body again) and a `Request` that carries
 * only the method, URL, headers and a signal that fires when the client goes away. A body
 * that is not JSON is passed on as text for the handlers to answer. A JSON answer is written
 * in one piece with its length; an event stream is written as it comes, minding back-pressure.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export type ReadBody = { tooLarge: true } | { tooLarge: false; text: string };

/** The request body as text, or `tooLarge` as soon as more than `maxBytes` is declared or has arrived. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<ReadBody> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > maxBytes) return { tooLarge: true };
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    received += b.byteLength;
    if (received > maxBytes) return { tooLarge: true };
    chunks.push(b);
  }
  return {
    tooLarge: false,
    text: (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8"),
  };
}

/** The body as parsed JSON, or undefined when it is empty or not JSON (the handlers then read `text`). */
export function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A web `Request` for the handlers: the request's headers as they stand now, and `body` if given. */
export function webRequest(req: IncomingMessage, body: string | undefined, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const host = req.headers.host ?? "localhost";
  return new Request(`http://${host}${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    signal,
    ...(body !== undefined && { body }),
  });
}

/** Writes `response` to `res`. Stops writing a stream once `signal` fires (the client has gone). */
export async function sendResponse(
  res: ServerResponse,
  response: Response,
  signal: AbortSignal,
): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) headers[name] = value;
  if (response.body === null) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  if (!(headers["content-type"] ?? "").startsWith("text/event-stream")) {
    const body = Buffer.from(await response.arrayBuffer());
    headers["content-length"] = String(body.byteLength);
    res.writeHead(response.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  let drained: (() => void) | undefined;
  const onDrain = () => {
    drained?.();
    drained = undefined;
  };
  res.on("drain", onDrain);
  const gone = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
  try {
    for await (const chunk of response.body) {
      if (signal.aborted) break;
      if (!res.write(chunk)) {
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve;
          }),
          gone,
        ]);
      }
    }
  } catch {
    // The stream failed or was cancelled: end what was sent.
  } finally {
    res.off("drain", onDrain);
  }
  res.end();
}
