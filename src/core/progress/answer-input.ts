import type { Actor, Button, Reply } from '../kernel/types.ts';
import type { RoleGrant } from '../measurements/rights.ts';
import type { PlanNode } from '../plans/types.ts';
import type { ProgressAsk } from './ask.ts';
import type { ProgressData } from './facts.ts';
import type { Writer } from './lines.ts';
import type { Pick } from './select.ts';

/** What each kind of progress answer is composed from, read once per question. */
export interface AnswerInput {
  w: Writer;
  picks: Pick[];
  data: ProgressData;
  ask: ProgressAsk;
  /** The indicators were chosen by the question's theme (else: every tracked one). */
  byTheme: boolean;
  actor: Actor;
  rights: { grants: RoleGrant[]; admins: readonly string[] };
  /** " pour « faits numériques » — Cantal": what the answer is about, inside a sentence. */
  where: string;
  /** Two scopes named side by side. */
  compareScopes: boolean;
  /** Most scopes shown for one indicator. */
  scopesShown: number;
  /** Indicators of the current plans in the scopes asked that have no value, target or deadline. */
  untracked: number;
  /** The bold first line: the title and what the question is about (with its periods, unless the title says them). */
  header(title: string, periods?: boolean): string;
  /** The reply, with the sources cited so far. */
  reply(lines: string[], buttons: Button[]): Reply;
  /** The asked département's own plan items on the theme, best first (at most two). */
  planItems: PlanNode[];
}
