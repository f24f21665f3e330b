/**
 * A chart PNG made small enough to travel inside a chat card. Teams drops a message above about
 * 28 KB and a card carries its image as base64: the 1200 px chart (~28 KB, ~38 KB encoded) never
 * fits. Halving it and storing it with a palette (a chart has a few colours and their
 * anti-aliasing on white) brings it to a few KB, without a second renderer or a public URL.
 */
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_PIXELS = 4096 * 4096;

/** The PNG could not be read (not 8-bit RGB or RGBA, interlaced, or damaged). */
export class PngError extends Error {
  readonly code = 'png';
}

interface Rgb {
  width: number;
  height: number;
  /** 3 bytes per pixel, alpha already composed on white. */
  pixels: Uint8Array;
}

/** Shrinks a PNG to at most `maxWidth` pixels wide (whole factors) and stores it with a palette. */
export function compactPng(png: Buffer, maxWidth = 600): Buffer {
  const image = decodePng(png);
  const factor = Math.max(1, Math.ceil(image.width / maxWidth));
  return encodeIndexed(quantize(factor > 1 ? shrink(image, factor) : image));
}

function decodePng(png: Buffer): Rgb {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new PngError('not a PNG');
  let offset = 8;
  let header: { width: number; height: number; channels: number } | undefined;
  const data: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6))
        throw new PngError(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`);
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), channels: colour === 6 ? 4 : 3 };
      if (header.width * header.height > MAX_PIXELS) throw new PngError('image too large');
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header) throw new PngError('no IHDR chunk');
  const { width, height, channels } = header;
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new PngError('truncated image data');
  const rows = unfilter(raw, width, height, channels);
  const pixels = new Uint8Array(width * height * 3);
  for (let i = 0, p = 0; i < width * height; i++, p += channels) {
    const alpha = channels === 4 ? (rows[p + 3] as number) / 255 : 1;
    for (let c = 0; c < 3; c++)
      pixels[i * 3 + c] = Math.round((rows[p + c] as number) * alpha + 255 * (1 - alpha));
  }
  return { width, height, pixels };
}

/** Undoes the PNG row filters (None, Sub, Up, Average, Paeth). */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? (out[row + x - bpp] as number) : 0;
      const b = y > 0 ? (out[row - stride + x] as number) : 0;
      const c = x >= bpp && y > 0 ? (out[row - stride + x - bpp] as number) : 0;
      const value = raw[src + x] as number;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) predicted = paeth(a, b, c);
      else if (filter !== 0) throw new PngError(`unknown row filter ${filter}`);
      out[row + x] = (value + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Box average over factor × factor blocks: smooth text, no ringing. */
function shrink(image: Rgb, factor: number): Rgb {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const pixels = new Uint8Array(width * height * 3);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++)
          for (let dx = 0; dx < factor; dx++)
            sum += image.pixels[((y * factor + dy) * image.width + x * factor + dx) * 3 + c] as number;
        pixels[(y * width + x) * 3 + c] = Math.round(sum / area);
      }
    }
  }
  return { width, height, pixels };
}

/**
 * At most 256 colours: pixels are bucketed at 5 bits per channel, the most frequent buckets
 * become the palette (their mean colour) and every other bucket takes its nearest entry.
 */
function quantize(image: Rgb): Rgb & { palette: Uint8Array; indices: Uint8Array } {
  const count = image.width * image.height;
  const bucketOf = new Uint16Array(count);
  const totals = new Map<number, [number, number, number, number]>();
  for (let i = 0; i < count; i++) {
    const r = image.pixels[i * 3] as number;
    const g = image.pixels[i * 3 + 1] as number;
    const b = image.pixels[i * 3 + 2] as number;
    const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    bucketOf[i] = key;
    const total = totals.get(key);
    if (total) {
      total[0] += r;
      total[1] += g;
      total[2] += b;
      total[3] += 1;
    } else totals.set(key, [r, g, b, 1]);
  }
  const ranked = [...totals.entries()].sort((x, y) => y[1][3] - x[1][3]);
  const kept = ranked.slice(0, 256);
  const palette = new Uint8Array(kept.length * 3);
  const entryOf = new Map<number, number>();
  kept.forEach(([key, [r, g, b, n]], index) => {
    palette.set([Math.round(r / n), Math.round(g / n), Math.round(b / n)], index * 3);
    entryOf.set(key, index);
  });
  for (const [key, [r, g, b, n]] of ranked.slice(256)) {
    entryOf.set(key, nearest(palette, r / n, g / n, b / n));
  }
  const indices = new Uint8Array(count);
  for (let i = 0; i < count; i++) indices[i] = entryOf.get(bucketOf[i] as number) ?? 0;
  return { ...image, palette, indices };
}

function nearest(palette: Uint8Array, r: number, g: number, b: number): number {
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < palette.length / 3; i++) {
    const dr = (palette[i * 3] as number) - r;
    const dg = (palette[i * 3 + 1] as number) - g;
    const db = (palette[i * 3 + 2] as number) - b;
    const distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}

function encodeIndexed(image: { width: number; height: number; palette: Uint8Array; indices: Uint8Array }) {
  const { width, height, palette, indices } = image;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8);
  // Filter "None" on every row: the recommended choice for palette images.
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(indices.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(palette)),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}
