import { deflateSync } from "node:zlib";

/**
 * The Teams app icons, drawn in code so they can be regenerated without an image editor:
 * `color.png` (192×192, the accent colour with a white pulse line) and `outline.png` (32×32, the
 * same line in white on transparent, as Teams requires for the outline icon).
 */
export const ACCENT_COLOR = "#0F766E";

/** The pulse line, in 0..1 coordinates: flat, a dip, a spike, flat. */
const PULSE: Array<[number, number]> = [
  [0.12, 0.56],
  [0.34, 0.56],
  [0.42, 0.36],
  [0.51, 0.76],
  [0.6, 0.24],
  [0.68, 0.56],
  [0.88, 0.56],
];

type Rgba = [number, number, number, number];

export function colorIcon(): Buffer {
  const accent = hexColor(ACCENT_COLOR);
  return drawIcon(192, 0.065, accent, [255, 255, 255, 255]);
}

export function outlineIcon(): Buffer {
  return drawIcon(32, 0.085, [0, 0, 0, 0], [255, 255, 255, 255]);
}

function drawIcon(size: number, strokeWidth: number, background: Rgba, stroke: Rgba): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4; // 4×4 supersampling for smooth edges
  const half = (strokeWidth * size) / 2;
  const points = PULSE.map(([x, y]) => [x * size, y * size] as const);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = x + (sx + 0.5) / samples;
          const py = y + (sy + 0.5) / samples;
          if (distanceToLine(px, py, points) <= half) covered++;
        }
      }
      const coverage = covered / (samples * samples);
      const offset = (y * size + x) * 4;
      const alpha = background[3] / 255 + (stroke[3] / 255) * coverage * (1 - background[3] / 255);
      for (let channel = 0; channel < 3; channel++) {
        const over = (stroke[channel]! * coverage + background[channel]! * (1 - coverage)) | 0;
        // On a transparent background the colour is the stroke's; only alpha fades.
        pixels[offset + channel] = background[3] === 0 ? stroke[channel]! : over;
      }
      pixels[offset + 3] = Math.round(Math.min(1, background[3] === 0 ? coverage : alpha) * 255);
    }
  }
  return encodePng(size, size, pixels);
}

function distanceToLine(px: number, py: number, points: ReadonlyArray<readonly [number, number]>): number {
  let best = Number.POSITIVE_INFINITY;
  for (let index = 1; index < points.length; index++) {
    const [ax, ay] = points[index - 1]!;
    const [bx, by] = points[index]!;
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)));
  }
  return best;
}

function hexColor(hex: string): Rgba {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, 255];
}

/** A minimal PNG encoder: 8-bit RGBA, no filtering, one IDAT chunk. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter type: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Width and height from a PNG's header, or null when it is not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  if (
    png.length < 24 ||
    png.toString("latin1", 1, 4) !== "PNG" ||
    png.toString("latin1", 12, 16) !== "IHDR"
  ) {
    return null;
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 255]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
