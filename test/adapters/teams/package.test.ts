import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../../src/platform/paths.ts';
import { tempDir } from '../../helpers/plans.ts';
import { decodePng } from '../../helpers/teams-png.ts';
import { readZip } from '../../helpers/teams-zip.ts';

const SCRIPT = path.join(ROOT_DIR, 'scripts', 'teams', 'package-app.mjs');
const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const scratch = tempDir('boussole-teams-package-');
afterAll(() => scratch.cleanup());

function buildPackage(...args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd: scratch.dir,
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('the Teams app package', () => {
  it('holds exactly manifest.json, color.png and outline.png, with the bot app id filled in', () => {
    const out = path.join(scratch.dir, 'teams-app.zip');
    const run = buildPackage('--app-id', APP_ID.toUpperCase(), '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const files = readZip(readFileSync(out));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}');
    const version = JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')).version;
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toBe(version);
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.17);
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/`);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/u);
    const [bot] = manifest.bots;
    expect(bot.botId).toBe(APP_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const titles = bot.commandLists.flatMap((list: { commands: { title: string }[] }) =>
      list.commands.map((command) => command.title),
    );
    expect(titles).toEqual(['aide', 'question', 'saisir', 'indicateur', 'échéances', 'export']);
    expect(
      files.get('color.png')?.equals(readFileSync(path.join(ROOT_DIR, 'manifests/teams/color.png'))),
    ).toBe(true);
  });

  it('ships a 192×192 colour icon and a 32×32 white outline icon on a transparent background', () => {
    const color = decodePng(readFileSync(path.join(ROOT_DIR, 'manifests/teams/color.png')));
    expect([color.width, color.height]).toEqual([192, 192]);

    const outline = decodePng(readFileSync(path.join(ROOT_DIR, 'manifests/teams/outline.png')));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    const pixels = Array.from({ length: 32 * 32 }, (_, i) => [...outline.rgba.subarray(i * 4, i * 4 + 4)]);
    expect(pixels[0]?.[3]).toBe(0);
    expect(pixels.filter(([, , , alpha]) => alpha === 0).length).toBeGreaterThan(32 * 32 * 0.4);
    const visible = pixels.filter(([, , , alpha]) => (alpha ?? 0) > 0);
    expect(visible.length).toBeGreaterThan(50);
    expect(visible.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
  });

  it('builds with an obviously fake app id when none is given, and says so', () => {
    const out = path.join(scratch.dir, 'default.zip');
    const run = buildPackage('--out', out);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/GUID factice 00000000-0000-0000-0000-000000000000/u);
    const manifest = JSON.parse(readZip(readFileSync(out)).get('manifest.json')?.toString('utf8') ?? '{}');
    expect(manifest.bots[0].botId).toBe('00000000-0000-0000-0000-000000000000');
  });

  it('refuses an app id that is not a GUID', () => {
    const run = buildPackage('--app-id', 'mon-bot', '--out', path.join(scratch.dir, 'bad.zip'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--app-id : un GUID est attendu/u);
  });

  it('writes the same bytes for the same inputs', () => {
    const a = path.join(scratch.dir, 'a.zip');
    const b = path.join(scratch.dir, 'b.zip');
    execFileSync(process.execPath, [SCRIPT, '--app-id', APP_ID, '--out', a], { stdio: 'ignore' });
    execFileSync(process.execPath, [SCRIPT, '--app-id', APP_ID, '--out', b], { stdio: 'ignore' });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });
});
