/** The uploaded file cannot be parsed at all: the upload fails and nothing changes. */
export class FileSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based data row at which parsing stopped. */
    readonly row: number,
  ) {
    super(message);
  }
}
