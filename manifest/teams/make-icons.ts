// Regenerates color.png and outline.png beside this file: npx tsx manifest/teams/make-icons.ts
import { writeFileSync } from "node:fs";
import { colorIcon, outlineIcon } from "../../src/teams/app-icons.ts";

writeFileSync(new URL("./color.png", import.meta.url), colorIcon());
writeFileSync(new URL("./outline.png", import.meta.url), outlineIcon());
