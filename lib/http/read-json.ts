import { AppError } from "../errors";

/** Deepest nesting of arrays and objects any JSON body may have; real requests need 3 or 4 levels. */
export const MAX_JSON_DEPTH = 20;

/** Reads a JSON request body of at most `maxBytes` and `MAX_JSON_DEPTH` levels, refusing larger ones before they are buffered whole. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `The request is over ${Math.floor(maxBytes / 1024)} KB.`);
  const reader = request.body?.getReader();
  if (!reader) throw new AppError("INVALID_INPUT", "The request has no body.");
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError("PAYLOAD_TOO_LARGE", `The request is over ${Math.floor(maxBytes / 1024)} KB.`);
    }
    chunks.push(value);
  }
  return parseJsonText(Buffer.concat(chunks).toString("utf8"));
}

/** JSON.parse, after refusing nesting deeper than `maxDepth` (deep values overflow the stack of whatever prints them later). */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const depth = jsonDepth(text);
  if (depth > maxDepth) throw new AppError("INVALID_INPUT", `The request is nested ${depth} levels deep; at most ${maxDepth} are accepted.`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("INVALID_INPUT", "The request body is not valid JSON.", { cause: error });
  }
}

/** The deepest nesting of brackets and braces outside strings, without parsing (so without recursion). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return deepest;
}
