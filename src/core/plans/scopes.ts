import { fold } from '../text/fold.ts';

export interface Scope {
  key: string;
  kind: 'academie' | 'departement';
  academie?: string;
  code?: string;
  name: string;
  shortName: string;
  /** How the name is introduced in a French sentence: le Cantal, la Haute-Loire, l'Allier. */
  article?: 'le' | 'la' | "l'";
  forms: string[];
}

/** The académies and départements known to Boussole, with the ways people name them. */
export class ScopeRegistry {
  readonly all: Scope[];
  private readonly byKey = new Map<string, Scope>();
  private readonly byForm = new Map<string, Scope>();

  constructor(scopes: Scope[]) {
    this.all = scopes;
    for (const scope of scopes) {
      this.byKey.set(scope.key, scope);
      for (const form of [scope.key, scope.name, scope.shortName, ...scope.forms]) {
        this.byForm.set(normaliseForm(form), scope);
      }
    }
  }

  get(key: string): Scope | undefined {
    return this.byKey.get(key);
  }

  /** The scope named exactly by `name` (any known form, any case or accents), if any. */
  resolve(name: string): Scope | undefined {
    const form = normaliseForm(name.replace(/^(?:de la|de l'|du|des|de|d'|le|la|l')\s*/iu, ''));
    return this.byForm.get(form) ?? this.byForm.get(normaliseForm(name));
  }

  /** Known forms, longest first, for scanning free text. */
  forms(): { form: string; scope: Scope }[] {
    return [...this.byForm.entries()]
      .map(([form, scope]) => ({ form, scope }))
      .sort((a, b) => b.form.length - a.form.length);
  }

  displayName(key: string): string {
    return this.byKey.get(key)?.shortName ?? key;
  }

  /** The académie a scope belongs to (itself for an académie). */
  academieOf(key: string): string | undefined {
    const scope = this.byKey.get(key);
    return scope?.kind === 'academie' ? scope.key : scope?.academie;
  }
}

export function normaliseForm(text: string): string {
  return fold(text)
    .replace(/['’]/g, "'")
    .replace(/[-\s]+/g, ' ')
    .trim();
}
