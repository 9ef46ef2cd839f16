const enum State {
  /** At the start of a field. */
  FieldStart,
  /** Inside an unquoted field. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** Inside a quoted field, just after a quote: an escaped quote ("") or the closing one. */
  QuoteInQuoted,
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/** A CSV syntax error with the physical line it was found on. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Streaming RFC 4180 tokenizer: fields separated by commas, records by CRLF, LF or CR; fields in
 * double quotes may hold commas, line breaks and doubled quotes. Text is fed in pieces of any size
 * (a record may span pieces); every complete record is handed to `emit`. Lines with no characters
 * at all are skipped. A quote inside an unquoted field is kept as a literal character; anything but
 * a comma or a line break after a closing quote is an error, and so is a quote left open at the end.
 */
export class CsvTokenizer {
  private state = State.FieldStart;
  private field = '';
  private record: string[] = [];
  /** Characters seen on the current record (to tell an empty line from a record of empty fields). */
  private recordHasContent = false;
  /** A CR ended the last record; an LF right after it belongs to the same line break. */
  private afterCR = false;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;

  write(text: string, emit: (record: string[], line: number) => void): void {
    const n = text.length;
    let i = 0;
    if (this.afterCR && n > 0) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      switch (this.state) {
        case State.FieldStart: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.recordHasContent = true;
            this.quoteLine = this.line;
            i++;
          } else if (c === COMMA) {
            this.record.push('');
            this.recordHasContent = true;
            i++;
          } else if (c === LF || c === CR) {
            if (this.recordHasContent) {
              this.record.push('');
              this.endRecord(emit);
            }
            i = this.lineBreak(text, i);
          } else {
            this.state = State.Unquoted;
            this.recordHasContent = true;
          }
          break;
        }
        case State.Unquoted: {
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          this.field += text.slice(i, j);
          if (j === n) {
            i = n;
            break;
          }
          this.record.push(this.field);
          this.field = '';
          this.state = State.FieldStart;
          if (text.charCodeAt(j) === COMMA) {
            i = j + 1;
          } else {
            this.endRecord(emit);
            i = this.lineBreak(text, j);
          }
          break;
        }
        case State.Quoted: {
          const q = text.indexOf('"', i);
          const end = q === -1 ? n : q;
          const piece = text.slice(i, end);
          this.countLines(piece);
          this.field += piece;
          if (q === -1) {
            i = n;
          } else {
            this.state = State.QuoteInQuoted;
            i = q + 1;
          }
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            i++;
          } else if (c === COMMA) {
            this.record.push(this.field);
            this.field = '';
            this.state = State.FieldStart;
            i++;
          } else if (c === LF || c === CR) {
            this.record.push(this.field);
            this.field = '';
            this.state = State.FieldStart;
            this.endRecord(emit);
            i = this.lineBreak(text, i);
          } else {
            throw new CsvSyntaxError(
              `line ${this.line}: unexpected character ${JSON.stringify(text[i])} after a closing quote (quotes inside a quoted field must be doubled)`,
              this.line,
            );
          }
          break;
        }
      }
    }
  }

  end(emit: (record: string[], line: number) => void): void {
    switch (this.state) {
      case State.Quoted:
        throw new CsvSyntaxError(
          `line ${this.quoteLine}: a quoted field is never closed (missing closing quote)`,
          this.quoteLine,
        );
      case State.QuoteInQuoted:
      case State.Unquoted:
        this.record.push(this.field);
        this.field = '';
        this.endRecord(emit);
        break;
      case State.FieldStart:
        if (this.recordHasContent) {
          this.record.push('');
          this.endRecord(emit);
        }
        break;
    }
    this.state = State.FieldStart;
  }

  private endRecord(emit: (record: string[], line: number) => void): void {
    const record = this.record;
    this.record = [];
    this.recordHasContent = false;
    emit(record, this.recordLine);
  }

  /** Consumes the line break at `i` (CRLF, LF or CR) and answers the index after it. */
  private lineBreak(text: string, i: number): number {
    this.line++;
    const c = text.charCodeAt(i);
    let next = i + 1;
    if (c === CR) {
      if (next < text.length) {
        if (text.charCodeAt(next) === LF) next++;
      } else {
        this.afterCR = true;
      }
    }
    this.recordLine = this.line;
    return next;
  }

  private countLines(piece: string): void {
    for (let k = piece.indexOf('\n'); k !== -1; k = piece.indexOf('\n', k + 1)) this.line++;
  }
}
