import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PlanProfile } from '../core/ingest/profile.ts';
import { type PlanSource, readProfile } from '../core/ingest/sources.ts';
import {
  checkPlanSize,
  decodePlanText,
  PlanInputError,
  readPlanMeta,
  readScopes,
} from '../core/plans/catalog.ts';
import type { ScopeRegistry } from '../core/plans/scopes.ts';

/**
 * The plan files people edit (data/plans, data/profiles, data/scopes.json), read from disk and
 * handed to the core's checks; a bad file is a PlanInputError naming it.
 */
function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PlanInputError(`JSON invalide dans ${file} : ${(error as Error).message}`);
  }
}

export function loadScopes(dataDir: string): ScopeRegistry {
  return readScopes(readJson(path.join(dataDir, 'scopes.json')));
}

export function loadProfile(dataDir: string, name: string): PlanProfile {
  const file = path.join(dataDir, 'profiles', `${name}.json`);
  if (!existsSync(file)) throw new PlanInputError(`profil inconnu « ${name} » (attendu : ${file})`);
  return readProfile(readJson(file), name);
}

/** Reads the text of a plan file, its size checked before it is read whole. */
export function readPlanText(file: string): string {
  if (!existsSync(file)) throw new PlanInputError(`fichier introuvable : ${file}`);
  checkPlanSize(statSync(file).size, file);
  return decodePlanText(readFileSync(file), file);
}

/** Reads the metadata file next to a plan text (`NAME.txt` -> `NAME.json`). */
export function loadPlanSource(dataDir: string, textFile: string): PlanSource {
  const text = readPlanText(textFile);
  const metaFile = textFile.replace(/\.[^./]+$/u, '.json');
  if (!existsSync(metaFile)) {
    throw new PlanInputError(
      `métadonnées manquantes : ${metaFile} (id, title, academie, period, kind, file, profile)`,
    );
  }
  const meta = readPlanMeta(readJson(metaFile), metaFile);
  return { meta, profile: loadProfile(dataDir, meta.profile), text, path: path.resolve(textFile) };
}

/** The plans shipped in data/plans, in file order. */
export function loadShippedSources(dataDir: string): PlanSource[] {
  const dir = path.join(dataDir, 'plans');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => loadPlanSource(dataDir, path.join(dir, name)));
}
