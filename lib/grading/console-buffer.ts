/** Collects a submission's console output up to a byte limit; output during hidden tests is dropped. */

export class ConsoleBuffer {
  private parts: string[] = [];
  private bytes = 0;
  private truncated = false;
  private droppedHidden = false;
  /** Off while hidden tests run: their output could echo hidden inputs back to the student. */
  capturing = true;

  constructor(private readonly limit: number) {}

  /** The callback handed to the sandbox; returns false once the buffer is full. */
  readonly sink = (level: string, text: string): boolean => {
    if (!this.capturing) {
      this.droppedHidden = true;
      return true;
    }
    if (this.truncated) return false;
    const line = `${level === "log" || level === "info" || level === "debug" ? "" : `[${level}] `}${text}\n`;
    const room = this.limit - this.bytes;
    if (line.length > room) {
      this.parts.push(line.slice(0, Math.max(0, room)));
      this.bytes = this.limit;
      this.truncated = true;
      return false;
    }
    this.parts.push(line);
    this.bytes += line.length;
    return true;
  };

  /** Everything kept, with notes on what was left out. */
  text(): string {
    let out = this.parts.join("");
    if (this.truncated) out += `\n[console output truncated at ${this.limit} bytes]\n`;
    if (this.droppedHidden) out += "[console output during hidden tests is not shown]\n";
    return out;
  }
}
