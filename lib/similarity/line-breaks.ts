/**
 * The one line-break rule of the similarity code: CRLF, CR and LF all end a line. Code is normalised to LF once
 * where it enters (tokenize, the pair view's lines), so token regions and displayed lines always agree.
 */
export const LINE_BREAK = /\r\n|\r|\n/;

export function normaliseLineBreaks(code: string): string {
  return code.includes("\r") ? code.replace(/\r\n?/g, "\n") : code;
}
