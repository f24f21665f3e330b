import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The prompt files and the placeholders each must contain. Prompt prose lives in prompts/, not here. */
const REQUIRED = {
  system: [],
  answer: ['language', 'question', 'passages'],
  'followup-rewrite': ['history', 'question', 'language'],
  'measurement-extraction': ['message', 'indicators'],
  'question-intent': ['question', 'plans', 'scopes'],
} as const satisfies Record<string, readonly string[]>;

export type PromptName = keyof typeof REQUIRED;
export type Prompts = Record<PromptName, string>;

export class PromptError extends Error {
  readonly code = 'prompt';
}

/** Loads and checks every prompt at start-up: a missing file or placeholder stops the assistant. */
export function loadPrompts(dir: string): Prompts {
  const prompts = {} as Prompts;
  for (const [name, placeholders] of Object.entries(REQUIRED) as [PromptName, readonly string[]][]) {
    const file = path.join(dir, `${name}.md`);
    if (!existsSync(file)) throw new PromptError(`prompt manquant : ${file}`);
    const text = readFileSync(file, 'utf8');
    for (const placeholder of placeholders) {
      if (!text.includes(`{{${placeholder}}}`))
        throw new PromptError(`${file} : l'emplacement {{${placeholder}}} manque`);
    }
    const unknown = [...text.matchAll(/\{\{(\w+)\}\}/gu)]
      .map((m) => m[1])
      .filter((p) => !placeholders.includes(p as string));
    if (unknown.length)
      throw new PromptError(
        `${file} : emplacement(s) inconnu(s) ${unknown.map((p) => `{{${p}}}`).join(', ')}`,
      );
    prompts[name] = text;
  }
  return prompts;
}

/**
 * Fills placeholders. Values are data: anything that looks like one of our delimiting tags is
 * defused so user or plan text cannot close a block and pose as instructions.
 */
export function fillPrompt(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/gu, (_match, name: string) => defuse(values[name] ?? ''));
}

export function defuse(text: string): string {
  return text.replace(
    /<\s*\/?\s*(question|extraits|historique|message|system|assistant|user)\b[^>]*>/giu,
    '‹$1›',
  );
}
