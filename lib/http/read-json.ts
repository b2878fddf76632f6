import { AppError } from "../errors";

/** Reads a JSON request body of at most `maxBytes`, refusing larger ones before they are buffered whole. */
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
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (error) {
    throw new AppError("INVALID_INPUT", "The request body is not valid JSON.", { cause: error });
  }
}
