import * as z from '../kernel/schema.ts';
import { PLAN_LIMITS, PlanInputError } from '../plans/catalog.ts';
import type { ScopeRegistry } from '../plans/scopes.ts';
import type { ParsedPlan, PlanMeta } from '../plans/types.ts';
import { parsePlan } from './parse.ts';
import { type PlanProfile, profileSchema } from './profile.ts';
import { buildVocabulary, type Vocabulary } from './vocabulary.ts';

/** A plan as shipped: its metadata, its profile and its text (read by src/data/plans.ts). */
export interface PlanSource {
  meta: PlanMeta;
  profile: PlanProfile;
  text: string;
  /** Absolute path of the text file. */
  path: string;
}

/** A profile of data/profiles, checked; `name` is the one the plan's metadata gives. */
export function readProfile(raw: unknown, name: string): PlanProfile {
  const result = profileSchema.safeParse(raw);
  if (!result.success) throw new PlanInputError(`profil ${name} invalide : ${z.prettifyError(result.error)}`);
  return result.data;
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
