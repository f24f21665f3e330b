import type { PlanLibrary } from '../../core/plans/library.ts';
import type { PlanNode } from '../../core/plans/types.ts';
import type { AppContext } from '../context.ts';
import { type CommandIO, printJson } from './io.ts';

export interface ShownNode {
  id: string;
  kind: string;
  label: string | null;
  text: string;
  summary?: string;
  scope: string;
  source: { file: string; lines: [number, number]; page: number | null };
  children: ShownNode[];
}

export function describeNode(library: PlanLibrary, node: PlanNode): ShownNode {
  return {
    id: node.id,
    kind: node.kind,
    label: node.label,
    text: node.text,
    ...(node.summary ? { summary: node.summary.text } : {}),
    scope: library.scopes.get(node.scope)?.name ?? node.scope,
    source: node.source,
    children: library.children(node.id).map((child) => describeNode(library, child)),
  };
}

export function runShow(ctx: AppContext, io: CommandIO, id: string | undefined, json: boolean): number {
  const library = ctx.library();
  if (!id) {
    io.err(
      'Indiquez un identifiant : boussole show PLAN_ID (voir boussole plans) ou l’id d’un élément (voir boussole search).',
    );
    return 2;
  }
  const found = library.find(id);
  if (!found) {
    const known = library.plans.map((plan) => plan.id).join(', ');
    io.err(
      `Identifiant inconnu : « ${id} ». Plans disponibles : ${known}. Pour un élément, cherchez son id avec boussole search.`,
    );
    return 1;
  }
  if ('choices' in found) {
    const choices = found.choices.map((node) => `  ${node.id}  ${node.text.split('\n')[0]}`);
    io.err(`Plusieurs éléments ont l’identifiant court « ${id} » ; précisez :\n${choices.join('\n')}`);
    return 1;
  }
  const shown = describeNode(library, found.node);
  if (json) {
    printJson(io, shown);
    return 0;
  }
  const print = (item: ShownNode, depth: number) => {
    const where = `${item.source.file}:${item.source.lines[0]}-${item.source.lines[1]}${item.source.page ? ` p. ${item.source.page}` : ''}`;
    const head = item.label ? `${item.label} · ` : '';
    io.out(
      `${'  '.repeat(depth)}[${item.kind}] ${head}${item.text.replace(/\n/g, ' / ')}  (${item.scope}; ${where}; ${item.id})`,
    );
    for (const child of item.children) print(child, depth + 1);
  };
  print(shown, 0);
  return 0;
}
