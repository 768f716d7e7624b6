/**
 * Line numbers (1-based) of offsets in a text. Offsets are asked for mostly in increasing
 * order during a scan, so counting resumes from the last answer: linear over the whole file.
 */
export class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  lineOf(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
    }
    const target = Math.min(offset, this.text.length);
    let newline = this.text.indexOf('\n', this.offset);
    while (newline !== -1 && newline < target) {
      this.line += 1;
      newline = this.text.indexOf('\n', newline + 1);
    }
    this.offset = target;
    return this.line;
  }
}
