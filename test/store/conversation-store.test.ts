import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationMemory } from '../../src/core/router/memory.ts';
import { createConversationStore } from '../../src/store/conversation-store.ts';
import { createPgConversationStore } from '../../src/store/postgres/conversation-store.ts';
import { postgresGate, twoPostgresPools, twoSqliteHandles } from '../helpers/postgres.ts';

// One contract for the conversation memory of both engines, opened twice on one database: a
// follow-up reaching another replica than its question finds it.
const gate = await postgresGate();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const WINDOW_MINUTES = 30;
let clock = Date.parse('2027-03-01T10:00:00Z');
const now = () => new Date(clock);

function sqlite(): [ConversationMemory, ConversationMemory] {
  const [first, second] = twoSqliteHandles(cleanups);
  return [
    createConversationStore(first, WINDOW_MINUTES, now),
    createConversationStore(second, WINDOW_MINUTES, now),
  ];
}

async function postgres(): Promise<[ConversationMemory, ConversationMemory]> {
  const [first, second] = await twoPostgresPools(cleanups, 2);
  return [
    createPgConversationStore(first, WINDOW_MINUTES, now),
    createPgConversationStore(second, WINDOW_MINUTES, now),
  ];
}

const implementations: {
  name: string;
  open(): [ConversationMemory, ConversationMemory] | Promise<[ConversationMemory, ConversationMemory]>;
}[] = [{ name: 'SQLite', open: sqlite }, ...(gate.run ? [{ name: 'PostgreSQL', open: postgres }] : [])];

describe.runIf(gate.failure)('PostgreSQL under CI', () => {
  it('is reachable', () => {
    throw new Error(gate.failure ?? '');
  });
});

const turn = (question: string, conversation = 'slack:C1:171.1') => ({
  conversation,
  actor: 'slack:U0ALICE',
  question,
  standalone: question,
  intent: null,
  answer: `Réponse à ${question}`,
  status: 'answered',
  citations: ['n1'],
});

describe.each(implementations)('the $name conversation memory', (impl) => {
  it('gives the last turns of a conversation, newest first, within the window, to either replica', async () => {
    const [a, b] = await impl.open();
    await a.record(turn('première'));
    // Same millisecond: the order of writing decides.
    await b.record(turn('deuxième'));
    await a.record(turn('ailleurs', 'slack:C2:171.2'));
    clock += 60_000;
    await b.record(turn('troisième'));
    expect((await a.recent('slack:C1:171.1', 2)).map((t) => t.question)).toEqual(['troisième', 'deuxième']);
    expect((await b.recent('slack:C1:171.1', 5)).map((t) => t.question)).toEqual([
      'troisième',
      'deuxième',
      'première',
    ]);
    clock += (WINDOW_MINUTES + 1) * 60_000;
    expect(await a.recent('slack:C1:171.1', 5)).toEqual([]);
  });

  it('records a vote on a known answer from either replica, the latest vote winning', async () => {
    const [a, b] = await impl.open();
    const id = await a.record(turn('question'));
    expect(await b.feedback(id, 'slack:U0BOB', 'up')).toBe(true);
    expect(await a.feedback(id, 'slack:U0BOB', 'down')).toBe(true);
    expect(await a.feedback('inconnue', 'slack:U0BOB', 'up')).toBe(false);
  });
});
