import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parsePlan } from '../ingest/parse.ts';
import { type PlanProfile, profileSchema } from '../ingest/profile.ts';
import { buildVocabulary, type Vocabulary } from '../ingest/vocabulary.ts';
import * as z from '../schema.ts';
import { type Scope, ScopeRegistry } from './scopes.ts';
import type { ParsedPlan, PlanMeta } from './types.ts';

const metaSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,40}$/u, 'lower-case letters, digits and dashes')),
  title: z.string().check(z.minLength(3)),
  shortTitle: z.string().check(z.minLength(3)),
  academie: z.string().check(z.minLength(2)),
  period: z.string().check(z.minLength(4)),
  periodNote: z.optional(z.string()),
  kind: z.string().check(z.minLength(3)),
  file: z.string().check(z.minLength(1)),
  aliases: z._default(z.array(z.string()), []),
  itemNames: z._default(
    z.object({
      axis: z.optional(z.array(z.string())),
      objective: z.optional(z.array(z.string())),
      action: z.optional(z.array(z.string())),
      indicator: z.optional(z.array(z.string())),
    }),
    {},
  ),
  profile: z.string().check(z.minLength(1)),
});

const scopesSchema = z.object({
  scopes: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['academie', 'departement']),
      academie: z.optional(z.string()),
      code: z.optional(z.string()),
      name: z.string(),
      shortName: z.string(),
      article: z.optional(z.enum(['le', 'la', "l'"])),
      forms: z.array(z.string()),
    }),
  ),
});

/** A plan as shipped: its metadata, its profile and its text. */
export interface PlanSource {
  meta: PlanMeta;
  profile: PlanProfile;
  text: string;
  /** Absolute path of the text file. */
  path: string;
}

/** An input problem the user can fix (bad file, unknown profile): reported, never thrown as a crash. */
export class PlanInputError extends Error {
  readonly code = 'plan_input';
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PlanInputError(`JSON invalide dans ${file} : ${(error as Error).message}`);
  }
}

export function loadScopes(dataDir: string): ScopeRegistry {
  const raw = readJson(path.join(dataDir, 'scopes.json'));
  return new ScopeRegistry(scopesSchema.parse(raw).scopes as Scope[]);
}

export function loadProfile(dataDir: string, name: string): PlanProfile {
  const file = path.join(dataDir, 'profiles', `${name}.json`);
  if (!existsSync(file)) throw new PlanInputError(`profil inconnu « ${name} » (attendu : ${file})`);
  const result = profileSchema.safeParse(readJson(file));
  if (!result.success) throw new PlanInputError(`profil ${name} invalide : ${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * What one plan may hold (README, « Ajouter un plan »). Far above the shipped plans (52 Ko,
 * 538 characters per line, 384 elements at most), and low enough that ingest stays within seconds
 * and the assistant within its memory: a 50 MB text once took 101 s and 936 MB to ingest, and the
 * assistant then crashed at every start.
 */
export const PLAN_LIMITS = { bytes: 1024 * 1024, lineChars: 5000, elements: 5000 } as const;

const MEGABYTE = 1024 * 1024;
const megabytes = (bytes: number) =>
  `${(bytes / MEGABYTE).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/**
 * Reads the text of a plan file and refuses what is not a plan text: empty, binary, not UTF-8,
 * larger than PLAN_LIMITS (checked before reading it whole).
 */
export function readPlanText(file: string): string {
  if (!existsSync(file)) throw new PlanInputError(`fichier introuvable : ${file}`);
  const size = statSync(file).size;
  if (size > PLAN_LIMITS.bytes) {
    throw new PlanInputError(
      `${file} fait ${megabytes(size)}, au-delà de la limite de ${megabytes(PLAN_LIMITS.bytes)} par plan : retirez les annexes et les tableaux de données, ou découpez le document en plusieurs plans`,
    );
  }
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new PlanInputError(`fichier vide : ${file}`);
  if (bytes.includes(0)) throw new PlanInputError(`fichier binaire (octets nuls) : ${file}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PlanInputError(`fichier illisible : ${file} n'est pas un texte UTF-8`);
  }
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 1 && code <= 8) || (code >= 14 && code <= 31)) controls++;
  }
  if (controls > text.length / 100)
    throw new PlanInputError(`fichier binaire (caractères de contrôle) : ${file}`);
  if (!/\p{L}{3,}/u.test(text)) throw new PlanInputError(`fichier sans texte : ${file}`);
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start);
    const length = (end < 0 ? text.length : end) - start;
    if (length > PLAN_LIMITS.lineChars) {
      throw new PlanInputError(
        `${file}, ligne ${line} : ${length.toLocaleString('fr-FR')} caractères sur une seule ligne, au-delà de la limite de ${PLAN_LIMITS.lineChars.toLocaleString('fr-FR')} : le texte doit garder les retours à la ligne du document (réexportez-le du PDF en texte brut)`,
      );
    }
    if (end < 0) break;
    start = end + 1;
  }
  return text.replace(/^\ufeff/u, '');
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
  const parsed = metaSchema.safeParse(readJson(metaFile));
  if (!parsed.success)
    throw new PlanInputError(`métadonnées invalides (${metaFile}) : ${z.prettifyError(parsed.error)}`);
  return {
    meta: parsed.data,
    profile: loadProfile(dataDir, parsed.data.profile),
    text,
    path: path.resolve(textFile),
  };
}

/** The plans shipped in data/plans, in file order. */
export function loadShippedSources(dataDir: string): PlanSource[] {
  const dir = path.join(dataDir, 'plans');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => loadPlanSource(dataDir, path.join(dir, name)));
}

/** The vocabulary of all plan texts: the reference for mending split and misread words. */
export function vocabularyOf(sources: PlanSource[]): Vocabulary {
  return buildVocabulary(sources.map((source) => ({ text: source.text, ocr: source.profile.ocr })));
}

export function parseSource(source: PlanSource, vocabulary: Vocabulary, scopes: ScopeRegistry): ParsedPlan {
  if (!scopes.get(source.meta.academie)) {
    throw new PlanInputError(
      `académie inconnue « ${source.meta.academie} » dans les métadonnées de ${source.meta.file}`,
    );
  }
  const plan = parsePlan({
    meta: source.meta,
    profile: source.profile,
    text: source.text,
    vocabulary,
    scopes,
  });
  const elements = plan.nodes.length + plan.passages.length;
  if (elements > PLAN_LIMITS.elements) {
    throw new PlanInputError(
      `${source.meta.file} donne ${elements.toLocaleString('fr-FR')} éléments (axes, objectifs, actions, indicateurs et passages), au-delà de la limite de ${PLAN_LIMITS.elements.toLocaleString('fr-FR')} par plan : découpez le document en plusieurs plans, ou vérifiez que son profil ne prend pas chaque ligne pour un élément`,
    );
  }
  return plan;
}
