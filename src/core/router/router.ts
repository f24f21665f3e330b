import type { DeadlineRoutes } from '../deadlines/routes.ts';
import { detectLanguage } from '../kernel/language.ts';
import { messages } from '../kernel/messages/index.ts';
import {
  type Actor,
  actorKey,
  type ConversationRef,
  conversationKey,
  type InboundMessage,
  type Lang,
  type Reply,
  type Router,
} from '../kernel/types.ts';
import type { MeasurementRoutes } from '../measurements/routes.ts';
import { citationOf } from '../plans/citation.ts';
import type { PlanLibrary } from '../plans/library.ts';
import type { ProgressAnswers, ProgressOutcome } from '../progress/answer.ts';
import type { Answerer } from '../query/answerer.ts';
import { carryOver, looksLikeFollowUp } from '../query/followup.ts';
import type { IntentReader } from '../query/hints.ts';
import type { QueryIntent } from '../query/intent.ts';
import type { AnswerWriter } from '../query/writer.ts';
import type { ConversationMemory, TurnRecord } from './memory.ts';

export interface RouterDeps {
  library(): PlanLibrary;
  answerer(): Answerer;
  /** Conversation memory (follow-ups) and answer log (feedback); optional in tests. */
  memory?: ConversationMemory;
  /** The LLM writer, when one is configured. */
  writer?: AnswerWriter;
  /** The LLM's reading of a question, when one is configured: completes the offline reading. */
  intentReader?: IntentReader;
  /** Measurement entry, views and admin commands; without it the router only answers questions. */
  measurements?: MeasurementRoutes;
  /** Deadline commands and reminder buttons (snooze). */
  deadlines?: DeadlineRoutes;
  /** "Où en est-on ?": questions answered from the recorded values; without it, from the plans only. */
  progress?: ProgressAnswers;
  /** The personal lines of the home view (deadlines, values, reviews); see home.ts. */
  overview?(actor: Actor, lang: Lang): Promise<string[]>;
  /** Reports unexpected failures; the user still gets a polite reply. */
  onError?(error: unknown, context: Record<string, unknown>): void;
  /** Tells a database that is busy or cannot be written from other failures, to say so to the user. */
  failureOf?(error: unknown): 'busy' | 'unwritable' | undefined;
}

const MAX_TEXT = 4000;

/**
 * The one conversation router shared by Slack, Teams and the console. "Ask" is the default
 * intent; help, the list of plans and showing an item by id are recognised first.
 */
export function createRouter(deps: RouterDeps): Router {
  const handle = async (message: InboundMessage): Promise<Reply> => {
    const text = cleanText(message.text);
    const lang = detectLanguage(text);
    if (!text) return { status: 'info', lang, text: messages(lang).router.empty };
    const command = text.toLowerCase();
    if (/^(?:aide|help|\?|bonjour|salut|hello|hi|menu)[\s!.?]*$/u.test(command)) {
      const helpLang: Lang = /^(?:help|hello|hi)/u.test(command) ? 'en' : 'fr';
      return { status: 'info', lang: helpLang, text: messages(helpLang).router.help };
    }
    if (/^(?:plans|liste des plans|quels plans[\s?]*|list plans|which plans[\s?]*)$/u.test(command)) {
      return listPlans(deps.library(), /^(?:list|which)/u.test(command) ? 'en' : 'fr');
    }
    const show =
      /^(?:montre|montrer|affiche|afficher|voir|show)\s+(\S+)$/u.exec(text) ??
      /^([a-z0-9-]+:[a-z0-9-]+)$/u.exec(text);
    if (show?.[1]) return showItem(deps.library(), show[1], /^show/u.test(command) ? 'en' : 'fr');
    const deadline = await deps.deadlines?.message(message.actor, text);
    if (deadline) return deadline;
    const measured = await deps.measurements?.message(message.actor, message.conversation, text, lang);
    if (measured) return measured;
    return ask(message, text);
  };

  /**
   * The conversation's last turns, best effort: a database that does not answer (PostgreSQL down,
   * SQLite locked) leaves the question to stand alone instead of turning it into an apology.
   */
  const recentTurns = async (conversation: string): Promise<TurnRecord[]> => {
    try {
      return (await deps.memory?.recent(conversation, 3)) ?? [];
    } catch (error) {
      deps.onError?.(error, { where: 'recentTurns' });
      return [];
    }
  };

  /** Answers a question, first making a follow-up standalone from the conversation's memory. */
  const ask = async (message: InboundMessage, text: string): Promise<Reply> => {
    const answerer = deps.answerer();
    const conversation = conversationKey(message.conversation);
    let standalone = text;
    let intent: QueryIntent = answerer.understand(text);
    // "et les actions ?" after a progress question asks the plans, not the values.
    const asksForItems = intent.kinds.length > 0;
    // The memory is read only for what reads as a follow-up: most questions stand alone.
    const previous = looksLikeFollowUp(text, intent) ? await recentTurns(conversation) : [];
    const last = previous[0];
    if (last?.intent) {
      if (deps.writer) {
        try {
          const history = [...previous]
            .reverse()
            .map((turn) => ({ question: turn.standalone, answer: turn.answer }));
          standalone = await deps.writer.rewriteFollowUp(history, text, intent.lang);
        } catch (error) {
          deps.onError?.(error, { where: 'rewriteFollowUp' });
          standalone = text;
        }
      }
      intent = standalone === text ? carryOver(intent, last.intent) : answerer.understand(standalone);
    }
    if (deps.intentReader) {
      const hints = await deps.intentReader.read(standalone, intent.lang, deps.library());
      if (hints) intent = answerer.withHints(intent, hints);
    }
    // A progress question ("où en est…"), or a follow-up of one, is answered from the recorded
    // values; the LLM writer does not rewrite figures. A theme no indicator measures goes on to the plans.
    const progress = deps.progress?.read(standalone, asksForItems ? undefined : last?.standalone);
    let fallback: Extract<ProgressOutcome, { kind: 'plans' }> | undefined;
    if (progress && deps.progress) {
      const outcome = await deps.progress.answer(intent, progress, message.actor);
      if (outcome.kind === 'reply') {
        // A follow-up keeps the progress question it follows, so that the next one still reads as one.
        const asked = deps.progress.read(standalone) ? standalone : (last?.standalone ?? standalone);
        return logAnswer(message, conversation, text, asked, intent, outcome.reply);
      }
      fallback = outcome;
      intent = outcome.intent;
    }
    const offline = await answerer.answerIntent(intent);
    if (fallback?.otherwise && offline.reply.status === 'not_found')
      return logAnswer(message, conversation, text, standalone, intent, fallback.otherwise);
    const notice = fallback?.notice;
    const written = deps.writer ? await deps.writer.write(standalone, offline) : offline.reply;
    const reply = notice
      ? { ...written, notice: [notice, written.notice].filter(Boolean).join(' ') }
      : written;
    return logAnswer(message, conversation, text, standalone, offline.intent, reply);
  };

  /**
   * Logging the answer (memory, feedback) is best effort: a database that cannot be written must
   * not turn an answer already computed into an apology. Without a log there is no 👍/👎.
   */
  const logAnswer = async (
    message: InboundMessage,
    conversation: string,
    question: string,
    standalone: string,
    intent: QueryIntent,
    reply: Reply,
  ): Promise<Reply> => {
    if (!deps.memory) return reply;
    try {
      const answerId = await deps.memory.record({
        conversation,
        actor: actorKey(message.actor),
        question,
        standalone,
        intent,
        answer: reply.text,
        status: reply.status,
        citations: (reply.citations ?? []).map((c) => c.id),
      });
      return { ...reply, answerId };
    } catch (error) {
      deps.onError?.(error, { where: 'recordAnswer', requestId: message.actor.requestId });
      return reply;
    }
  };
  /** The apology for a failure, saying what the user can do about it. */
  const failure = (error: unknown, lang: Lang): Reply => {
    const kind = deps.failureOf?.(error);
    const t = messages(lang).router;
    const text = kind === 'busy' ? t.storeBusy : kind === 'unwritable' ? t.storeUnwritable : t.failure;
    return { status: 'error', lang, text };
  };
  return {
    async handleMessage(message) {
      try {
        return await handle(message);
      } catch (error) {
        deps.onError?.(error, {
          where: 'handleMessage',
          platform: message.actor.platform,
          requestId: message.actor.requestId,
        });
        return failure(error, detectLanguage(message.text ?? ''));
      }
    },
    async handleClick(
      actor: Actor,
      conversation: ConversationRef,
      buttonId: string,
      values?: Record<string, string>,
    ) {
      try {
        const measured =
          (await deps.deadlines?.click(actor, buttonId)) ??
          (await deps.measurements?.click(actor, conversation, buttonId, values));
        if (measured) return measured;
      } catch (error) {
        deps.onError?.(error, { where: 'handleClick', platform: actor.platform, requestId: actor.requestId });
        return failure(error, 'fr');
      }
      const feedback = /^feedback:(up|down):([\w-]{1,64})$/u.exec(buttonId);
      if (
        feedback &&
        (await deps.memory?.feedback(feedback[2] as string, actorKey(actor), feedback[1] as 'up' | 'down'))
      ) {
        return { status: 'info', lang: 'fr', text: messages('fr').router.thanks, private: true };
      }
      return { status: 'invalid', lang: 'fr', text: messages('fr').router.unknownButton, private: true };
    },
    async homeView(actor: Actor) {
      const plans = listPlans(deps.library(), 'fr');
      if (!deps.overview) return plans;
      try {
        const personal = await deps.overview(actor, 'fr');
        return personal.length ? { ...plans, text: `${personal.join('\n')}\n${plans.text}` } : plans;
      } catch (error) {
        deps.onError?.(error, { where: 'homeView', platform: actor.platform, requestId: actor.requestId });
        return plans;
      }
    },
  };
}

/** Strips control characters and caps length: whatever a platform delivers, the core reads text. */
export function cleanText(text: string | undefined): string {
  return (text ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .slice(0, MAX_TEXT);
}

function listPlans(library: PlanLibrary, lang: Lang): Reply {
  const lines = [messages(lang).router.plans, ''];
  for (const plan of library.plans) {
    const academie = library.scopes.get(plan.academie)?.shortName ?? plan.academie;
    lines.push(`• ${plan.shortTitle} — ${academie}, ${plan.period} (\`${plan.id}\`)`);
  }
  return { status: 'info', lang, text: lines.join('\n') };
}

function showItem(library: PlanLibrary, id: string, lang: Lang): Reply {
  const t = messages(lang).router;
  const found = library.find(id);
  if (!found) return { status: 'not_found', lang, text: t.unknownId(id), citations: [] };
  if ('choices' in found) {
    const lines = found.choices.map((choice) => `• \`${choice.id}\` ${choice.text.split('\n')[0]}`);
    return { status: 'info', lang, text: [t.ambiguousId(id), '', ...lines].join('\n') };
  }
  const node = found.node;
  const children = library.children(node.id);
  const lines = [`${node.label ? `${node.label} — ` : ''}${node.text} [1]`];
  for (const child of children.slice(0, 30))
    lines.push(`• ${child.kind === 'indicator' ? '📊 ' : ''}${child.text.split('\n')[0]}`);
  if (children.length > 30) lines.push(t.more(children.length - 30));
  return { status: 'answered', lang, text: lines.join('\n'), citations: [citationOf(library, node, 1)] };
}
