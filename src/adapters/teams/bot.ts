import {
  type Activity,
  type FileConsentCardResponse,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { Router } from '../../core/kernel/types.ts';
import type { Logger } from '../../platform/log.ts';
import type { TeamsFileStore, TeamsReferenceStore, TeamsStores } from '../../store/ports.ts';
import { acceptOfferedFile, declineOfferedFile } from './files.ts';
import { handleConversationUpdate, handleInstallationUpdate } from './handlers/install.ts';
import { handleTextMessage } from './handlers/message.ts';
import { answerSafely, type HandlerDeps } from './handlers/shared.ts';
import { handleCardSubmit } from './handlers/submit.ts';
import { submitOf } from './inbound.ts';
import type { LaterReplies } from './later.ts';
import { saveConversationReference } from './references.ts';

/**
 * Routes Teams activities to the handlers. Transport only: every decision about what to answer
 * belongs to the core router.
 */
export class BoussoleTeamsBot extends TeamsActivityHandler {
  /** Conversations whose reference was saved since start-up ("first contact"). */
  private readonly known = new Set<string>();
  private readonly files: { files: TeamsFileStore; log: Logger };

  constructor(options: { router: Router; stores: TeamsStores; log: Logger; later: LaterReplies }) {
    super();
    const { log } = options;
    this.files = { files: options.stores.files, log };
    const deps: HandlerDeps = {
      ...options,
      remember: (activity) => this.remember(activity, options.stores.references, log),
    };

    this.onMessage(async (context, next) => {
      await deps.remember(context.activity);
      const submit = submitOf(context.activity);
      await answerSafely(context, log, () =>
        submit ? handleCardSubmit(context, submit, deps) : handleTextMessage(context, deps),
      );
      await next();
    });
    this.onInstallationUpdate(async (context, next) => {
      await answerSafely(context, log, () => handleInstallationUpdate(context, deps));
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await answerSafely(context, log, () => handleConversationUpdate(context, deps));
      await next();
    });
  }

  /** The tracking table offered by "export" in a personal chat: accepted, or declined. */
  protected override async handleTeamsFileConsentAccept(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    await acceptOfferedFile(context, response, this.files);
  }

  protected override async handleTeamsFileConsentDecline(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    await declineOfferedFile(context, response, this.files);
  }

  private async remember(activity: Activity, references: TeamsReferenceStore, log: Logger): Promise<void> {
    const id = activity.conversation?.id;
    if (!id || this.known.has(id)) return;
    try {
      await saveConversationReference(references, activity);
      this.known.add(id);
    } catch (error) {
      // Losing a reference only delays reminders; the user still gets the answer.
      log.error({ err: error }, 'Teams conversation reference not saved');
    }
  }
}
