import { buildMatchExpression } from '../../core/query/fts.ts';
import { searchFts } from '../../store/plan-store.ts';
import type { AppContext } from '../context.ts';
import { type CommandIO, printJson } from './io.ts';

export function runSearch(ctx: AppContext, io: CommandIO, terms: string, json: boolean, limit = 20): number {
  const library = ctx.library();
  const match = buildMatchExpression(terms);
  if (!match) {
    io.err('Indiquez des mots à chercher, par exemple : boussole search lecture fluence');
    return 2;
  }
  const rows = searchFts(ctx.db, match, limit).flatMap((hit) => {
    const node = library.node(hit.ref);
    const passage = node ? undefined : library.passage(hit.ref);
    const owner = node ?? (passage ? library.node(passage.nodeId) : undefined);
    if (!owner) return [];
    const plan = library.plan(owner.planId);
    return [
      {
        id: hit.ref,
        kind: node ? node.kind : 'passage',
        text: node ? node.text : (passage?.text ?? ''),
        scope: library.scopes.get((node ?? passage)?.scope ?? '')?.name ?? owner.scope,
        plan: plan?.id ?? owner.planId,
        path: node
          ? library.path(node)
          : [...library.path(owner), ...(owner.kind === 'plan' ? [] : [owner.text.split('\n')[0] ?? ''])],
        score: Math.round(-hit.rank * 1000) / 1000,
      },
    ];
  });
  if (json) {
    printJson(io, rows);
    return 0;
  }
  if (!rows.length) io.out('Aucun résultat.');
  for (const row of rows)
    io.out(
      `${row.score.toFixed(2).padStart(6)}  ${row.id}  [${row.kind}, ${row.scope}] ${row.text.replace(/\n/g, ' / ').slice(0, 140)}`,
    );
  return 0;
}
