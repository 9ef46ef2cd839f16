/** An NDJSON line that is not valid JSON. */
export class NdjsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Streaming NDJSON / JSON Lines reader: one JSON value per line (LF or CRLF); blank lines are skipped.
 */
export class NdjsonSplitter {
  private pending = '';
  private line = 0;

  write(text: string, emit: (value: unknown, line: number) => void): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      const full = this.pending ? this.pending + piece : piece;
      this.pending = '';
      this.parseLine(full, emit);
      start = nl + 1;
    }
    if (start < text.length) this.pending += text.slice(start);
  }

  end(emit: (value: unknown, line: number) => void): void {
    const rest = this.pending;
    this.pending = '';
    if (rest.length > 0) this.parseLine(rest, emit);
  }

  private parseLine(raw: string, emit: (value: unknown, line: number) => void): void {
    this.line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new NdjsonSyntaxError(`line ${this.line}: ${(error as Error).message}`, this.line);
    }
    emit(value, this.line);
  }
}
