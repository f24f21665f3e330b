#!/usr/bin/env node
// Builds the Teams app package (dist/teams-app.zip: manifest.json, color.png, outline.png) to
// upload in Teams or the Teams admin center:
//   npm run package:teams -- --app-id <MICROSOFT_APP_ID> [--website-url https://…] [--out file.zip]
// Arguments rather than environment variables: the package is built once per bot registration,
// often on another machine than the one running the bot.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createZip } from './zip.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MANIFEST_DIR = path.join(ROOT, 'manifests', 'teams');
/** Obviously not a real registration: the package builds, Teams will not reach any bot with it. */
export const FAKE_APP_ID = '00000000-0000-0000-0000-000000000000';
const DEFAULT_WEBSITE = 'https://example.com/boussole';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

export class PackageError extends Error {}

/** @param {{ appId?: string; websiteUrl?: string; out?: string }} options */
export function buildTeamsPackage(options = {}) {
  const appId = options.appId ?? FAKE_APP_ID;
  const websiteUrl = options.websiteUrl ?? DEFAULT_WEBSITE;
  if (!GUID.test(appId)) {
    throw new PackageError(
      `--app-id : un GUID est attendu (l'ID d'application Microsoft du bot), reçu « ${appId} »`,
    );
  }
  if (!/^https:\/\/[^\s"\\]+$/u.test(websiteUrl)) {
    throw new PackageError(`--website-url : une adresse https:// est attendue, reçu « ${websiteUrl} »`);
  }
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const text = readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8')
    .replaceAll('{{MICROSOFT_APP_ID}}', appId.toLowerCase())
    .replaceAll('{{WEBSITE_URL}}', websiteUrl)
    .replaceAll('{{VERSION}}', version);
  const leftover = /\{\{[A-Z_]+\}\}/u.exec(text);
  if (leftover) throw new PackageError(`manifests/teams/manifest.json : ${leftover[0]} n'est pas rempli`);
  const manifest = JSON.parse(text);
  const out = path.resolve(options.out ?? path.join(ROOT, 'dist', 'teams-app.zip'));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    createZip([
      { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
      { name: 'color.png', data: readFileSync(path.join(MANIFEST_DIR, manifest.icons.color)) },
      { name: 'outline.png', data: readFileSync(path.join(MANIFEST_DIR, manifest.icons.outline)) },
    ]),
  );
  return { out, appId, fake: appId === FAKE_APP_ID };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { values } = parseArgs({
      options: { 'app-id': { type: 'string' }, 'website-url': { type: 'string' }, out: { type: 'string' } },
    });
    const result = buildTeamsPackage({
      appId: values['app-id'],
      websiteUrl: values['website-url'],
      out: values.out,
    });
    if (result.fake) {
      process.stderr.write(
        `attention : --app-id absent, GUID factice ${FAKE_APP_ID} ; passez l'ID d'application Microsoft du bot pour un paquet utilisable\n`,
      );
    }
    process.stdout.write(`${path.relative(process.cwd(), result.out) || result.out}\n`);
  } catch (error) {
    process.stderr.write(`package:teams : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
