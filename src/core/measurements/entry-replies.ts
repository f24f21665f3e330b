import { messages } from '../kernel/messages/index.ts';
import type { Lang, Reply } from '../kernel/types.ts';
import { citationOf } from '../plans/citation.ts';
import type { MeasurementDeps } from './deps.ts';
import type { ReadyDraft } from './evaluate.ts';
import type { Draft } from './ports.ts';
import type { Measurement } from './types.ts';
import { formatValue } from './units.ts';

/* The replies of the entry flow that show a draft or a saved value: the preview to confirm, the
   confirmation, and the form to edit the draft. */

/** The preview of a draft ready to save: what would be recorded, and the buttons to decide. */
export async function previewReply(draft: Draft, ready: ReadyDraft, deps: MeasurementDeps): Promise<Reply> {
  const lang = draft.fields.lang;
  const t = messages(lang).measurements;
  const colon = messages(lang).format.colon;
  const { measurement: m, indicator } = ready;
  const scopes = deps.library().scopes;
  const lines = [
    `**${t.preview}**`,
    '',
    `• ${t.indicator}${colon} ${indicator.node.text} [1]`,
    `• ${t.scope}${colon} ${scopes.displayName(m.scope)}`,
    `• ${t.period}${colon} ${m.period}`,
    `• ${t.value}${colon} **${formatValue(m.value, m.unit, lang)}**`,
  ];
  if (m.comment) lines.push(`• ${t.comment}${colon} ${m.comment}`);
  if (m.source) lines.push(`• Source${colon} ${m.source}`);
  const target = (await deps.repo.targets(indicator.node.id)).find(
    (x) => x.kind === 'target' && x.scope === m.scope && x.period === m.period,
  );
  if (target) lines.push(`• ${t.target}${colon} ${formatValue(target.value, m.unit, lang)}`);
  if (ready.previous) lines.push(`• ${t.replaces}${colon} ${describe(ready.previous, lang)}`);
  lines.push('', t.nothingSaved);
  return {
    status: 'preview',
    lang,
    text: lines.join('\n'),
    citations: [citationOf(deps.library(), indicator.node, 1)],
    buttons: [
      { id: `confirm:${draft.id}`, label: t.confirm, style: 'primary' },
      { id: `edit:${draft.id}`, label: t.edit },
      { id: `cancel:${draft.id}`, label: t.cancel, style: 'danger' },
    ],
  };
}

/** A value recorded (or, `again`, found already recorded by a repeated confirmation). */
export function savedReply(m: Measurement, lang: Lang, again: boolean, deps: MeasurementDeps): Reply {
  const indicator = deps.catalog().get(m.indicatorId);
  const scopes = deps.library().scopes;
  const t = messages(lang).measurements;
  const head = again ? t.alreadyRecorded : t.recorded;
  const lines = [
    `${head} **${formatValue(m.value, m.unit, lang)}** — ${indicator?.node.text ?? m.indicatorId} — ${scopes.displayName(m.scope)}, ${m.period}.`,
    t.statusLine(t.status[m.status], m.id),
  ];
  if (m.supersedes && !again) lines.push(t.replacesPrevious);
  return { status: 'saved', lang, text: lines.join('\n') };
}

/** The draft as a form to edit (Slack modal, Teams card inputs). */
export function editFormReply(draft: Draft, deps: MeasurementDeps): Reply {
  const f = draft.fields;
  const lang = f.lang;
  const t = messages(lang).measurements;
  const scopes = deps.library().scopes;
  const indicator = f.indicatorId ? deps.catalog().get(f.indicatorId) : undefined;
  const options = scopes.all
    .filter((s) => !indicator || s.key === indicator.academie || s.academie === indicator.academie)
    .map((s) => ({ value: s.key, label: s.shortName }));
  const value = indicator?.unit === 'text' ? (f.textValue ?? '') : (f.valueText ?? f.value?.toString() ?? '');
  return {
    status: 'needs_input',
    lang,
    text: `${indicator ? `${indicator.node.text}\n\n` : ''}${t.editHelp}`,
    form: {
      title: t.editTitle,
      submitId: `update:${draft.id}`,
      submitLabel: t.previewButton,
      fields: [
        { id: 'value', label: t.value, value, multiline: indicator?.unit === 'text' },
        { id: 'period', label: t.period, value: f.period ?? '', placeholder: '2025-2026' },
        { id: 'scope', label: t.scope, value: f.scope ?? '', options },
        {
          id: 'comment',
          label: t.comment,
          value: f.comment ?? '',
          optional: true,
          multiline: true,
        },
      ],
    },
    buttons: [{ id: `cancel:${draft.id}`, label: t.cancel, style: 'danger' }],
  };
}

function describe(m: Measurement, lang: Lang): string {
  const who = m.author.displayName ?? m.author.userId;
  return messages(lang).measurements.previous(
    formatValue(m.value, m.unit, lang),
    m.recordedAt.slice(0, 10),
    who,
  );
}
