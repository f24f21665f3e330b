import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../src/paths.ts';
function nationalCorpus(target: string, copies: number): string {
  cpSync(path.join(ROOT_DIR, 'data'), target, {
    recursive: true,
    filter: (source) => !/\.db(?:-\w+)?$|\.boussole-history$/u.test(source),
  });
  const scopesFile = path.join(target, 'scopes.json');
  const scopes = JSON.parse(readFileSync(scopesFile, 'utf8')) as { scopes: { key: string; kind: string }[] };
  const plansDir = path.join(target, 'plans');
  const shipped = readdirSync(plansDir).filter((name) => name.endsWith('.json'));
  for (let copy = 1; copy < copies; copy++) {
    const academie = `academie-${copy}`;
    scopes.scopes.push({
      key: academie,
      kind: 'academie',
      // @ts-expect-error: the scope file's other fields
      name: `Académie ${copy}`,
      shortName: `Académie ${copy}`,
      forms: [`académie ${copy}`],
    });
    for (const name of shipped) {
      const meta = JSON.parse(readFileSync(path.join(plansDir, name), 'utf8')) as Record<string, unknown>;
      const file = `${copy}_${meta.file as string}`;
      cpSync(path.join(plansDir, meta.file as string), path.join(plansDir, file));
      writeFileSync(
        path.join(plansDir, `${copy}_${name}`),
        JSON.stringify({ ...meta, id: `${meta.id as string}-${copy}`, academie, file, aliases: [] }),
      );
    }
  }
  mkdirSync(plansDir, { recursive: true });
  writeFileSync(scopesFile, JSON.stringify(scopes));
  return target;
}
nationalCorpus('/tmp/scale50/data', 50);
