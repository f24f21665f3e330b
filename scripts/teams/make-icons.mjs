#!/usr/bin/env node
// Draws the Teams app icons (a compass, "boussole") and writes the PNGs committed in
// manifests/teams/. Run it again only when the drawing changes: npm run icons:teams
// Teams wants a 192×192 full-colour icon and a 32×32 outline icon in white on transparent.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../manifests/teams');
const BLUE = '#000091'; // Bleu France
const RED = '#E1000F'; // Rouge Marianne

const color = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" fill="${BLUE}"/>
  <circle cx="96" cy="96" r="56" fill="none" stroke="#FFFFFF" stroke-width="9"/>
  <g fill="#FFFFFF">
    <rect x="92" y="30" width="8" height="14" rx="2"/>
    <rect x="92" y="148" width="8" height="14" rx="2"/>
    <rect x="30" y="92" width="14" height="8" rx="2"/>
    <rect x="148" y="92" width="14" height="8" rx="2"/>
  </g>
  <polygon points="96,50 110,96 82,96" fill="${RED}"/>
  <polygon points="96,142 110,96 82,96" fill="#FFFFFF"/>
  <circle cx="96" cy="96" r="6" fill="${BLUE}" stroke="#FFFFFF" stroke-width="3"/>
</svg>`;

const outline = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <circle cx="16" cy="16" r="13" fill="none" stroke="#FFFFFF" stroke-width="2"/>
  <polygon points="16,5.5 19.2,16 12.8,16" fill="#FFFFFF"/>
  <polygon points="16,26.5 19.2,16 12.8,16" fill="none" stroke="#FFFFFF" stroke-width="1.2" stroke-linejoin="round"/>
</svg>`;

/** @param {string} svg @param {number} size */
export function renderPng(svg, size) {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    background: 'rgba(0,0,0,0)',
    font: { loadSystemFonts: false },
  });
  return resvg.render().asPng();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(path.join(OUT_DIR, 'color.png'), renderPng(color, 192));
  writeFileSync(path.join(OUT_DIR, 'outline.png'), renderPng(outline, 32));
  process.stdout.write(`icônes écrites dans ${path.relative(process.cwd(), OUT_DIR) || '.'}\n`);
}
