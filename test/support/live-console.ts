import { PassThrough } from "node:stream";

/**
 * Streams for a demo console under test, read as it writes: `text()` is everything printed so far and
 * `waitFor(pattern)` resolves once it matches (on output, not on a timer).
 */
export function liveConsole() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  let seen: () => void = () => undefined;
  output.on("data", (chunk) => {
    text += String(chunk);
    seen();
  });
  return {
    input,
    output,
    text: () => text,
    waitFor: (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        seen = () => {
          if (pattern.test(text)) resolve();
        };
        seen();
      }),
  };
}
