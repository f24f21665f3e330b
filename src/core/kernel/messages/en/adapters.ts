import type { adapters as fr } from '../fr/adapters.ts';
import { plural as s } from '../fr/format.ts';

export const adapters: typeof fr = {
  slack: {
    share: 'Share in channel',
    sharedBy: 'Shared by',
    shareExpired: 'This answer is no longer available: please ask again.',
    openForm: 'Open the form',
    formExpired: 'This form is no longer available: please start again.',
    cancel: 'Cancel',
    feedbackUp: '👍',
    feedbackDown: '👎',
    imageInDm: 'The chart is attached when you mention Boussole or message it directly.',
    fileInDm: 'Boussole sends you the file in a direct message.',
    fileNoDm: 'The file cannot be sent here: send the same request to Boussole in a direct message.',
    failure: 'Sorry, I could not handle your request. Please try again in a moment.',
  },
  teams: {
    sources: 'Sources',
    feedbackUp: '👍 Helpful',
    feedbackDown: '👎 Not helpful',
    truncated: 'Answer truncated: it exceeds the size of a Teams message.',
    imageTooLarge: 'Chart not shown: it exceeds the size of a Teams message.',
    moreSources: (n) => `… and ${n} more source${s(n)}.`,
    required: 'Required field',
    alreadyHandled: 'This action has already been taken into account.',
    fileInPersonalChat:
      'Teams only sends files in a personal chat: send the same request to Boussole in your personal chat.',
    fileGone: 'This file is no longer available: ask for the export again.',
    fileDeclined: 'All right, the file was not sent.',
    fileUploadFailed: 'The file could not be stored in your OneDrive: please try again in a moment.',
    failure: 'Sorry, I could not process your request. Please try again in a moment.',
    installedInChat:
      'Boussole is installed here. Mention @Boussole with your question, for example: “@Boussole which actions target number facts in Cantal?”',
  },
  console: {
    sources: 'Sources:',
    optional: ' (optional)',
    choices: 'choices',
    example: 'e.g.',
    toSend: 'To send, edit and type',
    chartSaved: 'Chart saved',
    fileSaved: 'File saved',
    replaced: ' (replaced)',
    cannotWrite: (target, reason) => `Could not write ${target} (${reason}): check the folder's permissions.`,
  },
  chart: {
    target: 'Target',
    empty: 'No value recorded',
  },
  llm: {
    unavailable: 'Writing assistant unavailable: direct answer from the plans.',
    language: 'English',
  },
};
