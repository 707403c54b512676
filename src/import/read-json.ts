import { pipeline, Readable } from "node:stream";
import { streamArray } from "stream-json/streamers/stream-array.js";

/**
 * Streams the elements of a JSON array body, one at a time, never the whole body in memory: a
 * million-row body costs what one row costs, and the import starts before the body has arrived
 * (stream-json, a streaming tokenizer; JSON.parse needs the whole text). Anything but an array,
 * or text that is not JSON, ends the stream with a JsonBodyError naming what was wrong.
 */
export class JsonBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonBodyError";
  }
}

export async function* jsonArrayElements(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<unknown> {
  let sourceError: unknown;
  const source = Readable.from(
    (async function* () {
      try {
        yield* bytes;
      } catch (error) {
        // Kept as it is (e.g. the body limit), not wrapped as a JSON problem.
        sourceError = error;
        throw error;
      }
    })(),
    { objectMode: false },
  );
  const elements = streamArray.withParserAsStream();
  pipeline(source, elements, () => undefined);
  try {
    for await (const item of elements as AsyncIterable<{ key: number; value: unknown }>) {
      yield item.value;
    }
  } catch (error) {
    if (sourceError !== undefined) throw sourceError;
    const message = String((error as Error)?.message ?? error);
    throw new JsonBodyError(
      /should be an array/.test(message)
        ? "expected a JSON array of row objects"
        : `body is not valid JSON: ${message}`,
    );
  } finally {
    source.destroy();
    elements.destroy();
  }
  if (sourceError !== undefined) throw sourceError;
}
