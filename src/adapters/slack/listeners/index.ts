import type { App } from '@slack/bolt';
import { registerAppHome } from './app-home.ts';
import { registerAppMention } from './app-mention.ts';
import { registerButtonClick } from './button-click.ts';
import { registerDedupe } from './dedupe.ts';
import type { ListenerDeps } from './deps.ts';
import { registerFormSubmit } from './form-submit.ts';
import { registerMessage } from './message.ts';
import { registerOpenForm } from './open-form.ts';
import { registerShare } from './share.ts';
import { registerSlashCommand } from './slash-command.ts';

/** Every surface of the Slack app; the dedupe middleware first, so retries reach no listener. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerDedupe(app, deps);
  registerAppMention(app, deps);
  registerMessage(app, deps);
  registerSlashCommand(app, deps);
  registerButtonClick(app, deps);
  registerOpenForm(app, deps);
  registerShare(app, deps);
  registerFormSubmit(app, deps);
  registerAppHome(app, deps);
}

export type { ListenerDeps };
