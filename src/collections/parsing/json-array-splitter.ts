const enum State {
  /** Before the opening bracket. */
  BeforeArray,
  /** After `[`: an element or `]`. */
  FirstElement,
  /** After `,`: an element. */
  NextElement,
  /** Inside an element. */
  InElement,
  /** After `]`: only whitespace may follow. */
  Done,
}

/** A JSON syntax error, with the 1-based element it was found in. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly element: number,
  ) {
    super(message);
  }
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Streaming reader of one top-level JSON array: hands each element to `emit` as soon as it is
 * complete, so a 50 MiB array never sits in memory as one parsed value. Elements are found by
 * tracking nesting depth and strings; each one is then parsed with JSON.parse.
 */
export class JsonArraySplitter {
  private state = State.BeforeArray;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private element = 0;

  write(text: string, emit: (value: unknown, element: number) => void): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case State.BeforeArray:
          if (isWhitespace(c)) i++;
          else if (c === 91 /* [ */) {
            this.state = State.FirstElement;
            i++;
          } else throw new JsonSyntaxError('a .json upload must be a JSON array of objects', 1);
          break;
        case State.FirstElement:
        case State.NextElement:
          if (isWhitespace(c)) i++;
          else if (c === 93 /* ] */ && this.state === State.FirstElement) {
            this.state = State.Done;
            i++;
          } else if (c === 44 /* , */ || c === 93) {
            throw new JsonSyntaxError(
              `element ${this.element + 1}: unexpected ${JSON.stringify(text[i])} (missing value)`,
              this.element + 1,
            );
          } else {
            this.state = State.InElement;
            this.element++;
            this.depth = 0;
          }
          break;
        case State.InElement:
          i = this.scanElement(text, i, emit);
          break;
        case State.Done:
          if (isWhitespace(c)) i++;
          else
            throw new JsonSyntaxError(
              'unexpected content after the closing bracket of the array',
              this.element,
            );
          break;
      }
    }
  }

  end(): void {
    if (this.state !== State.Done) {
      throw new JsonSyntaxError(
        this.state === State.BeforeArray
          ? 'the file is empty; a .json upload must be a JSON array of objects'
          : 'unexpected end of file: the JSON array is not closed',
        Math.max(1, this.element),
      );
    }
  }

  /** Scans element text from `i`; answers the index where scanning stopped. */
  private scanElement(text: string, start: number, emit: (value: unknown, element: number) => void): number {
    const n = text.length;
    let i = start;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \ */) this.escaped = true;
        else if (c === 34 /* " */) this.inString = false;
        else {
          // Jump to the next quote or backslash.
          let j = i + 1;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === 34 || d === 92) break;
            j++;
          }
          i = j;
          continue;
        }
        i++;
        continue;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 /* { */ || c === 91 /* [ */) this.depth++;
      else if (c === 125 /* } */ || c === 93 /* ] */) {
        if (this.depth === 0) {
          if (c === 125) throw new JsonSyntaxError(`element ${this.element}: unexpected "}"`, this.element);
          this.parts.push(text.slice(start, i));
          this.finishElement(emit);
          this.state = State.Done;
          return i + 1;
        }
        this.depth--;
      } else if (c === 44 /* , */ && this.depth === 0) {
        this.parts.push(text.slice(start, i));
        this.finishElement(emit);
        this.state = State.NextElement;
        return i + 1;
      }
      i++;
    }
    this.parts.push(text.slice(start, n));
    return n;
  }

  private finishElement(emit: (value: unknown, element: number) => void): void {
    const source = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      throw new JsonSyntaxError(`element ${this.element}: ${(error as Error).message}`, this.element);
    }
    emit(value, this.element);
  }
}
