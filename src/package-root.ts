import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The directory holding Klantpuls's package.json, found by walking up from this module. The sources
 * (src/…) and the compiled bundle (dist/chunks/…) sit at different depths, so files shipped beside
 * the code (prisma/migrations, prisma/schema.prisma) are found from here, never by a fixed "../..".
 */
export function packageRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}
