import { messages } from '../../core/kernel/messages/index.ts';
import type { FormSpec, Lang, Reply } from '../../core/kernel/types.ts';
import { citationLines, formatCitationLine } from '../../core/query/citation-lines.ts';

/**
 * Renders a reply for a terminal: the text, then its numbered sources and buttons. A terminal shows
 * Markdown as typed, so bold, italic lines and inline code lose their marks.
 */
export function formatReply(reply: Reply): string {
  const parts = [
    reply.text
      .replace(/\*\*([^*]+)\*\*/gu, '$1')
      .replace(/(^|\n)_([^\n]+)_(?=\n|$)/gu, '$1$2')
      .replace(/`([^`\n]+)`/gu, '$1'),
  ];
  if (reply.notice) parts.push(`(${reply.notice})`);
  if (reply.citations?.length) {
    parts.push(messages(reply.lang).adapters.console.sources);
    // One line per section, then the short ids that « montre ID » shows in full.
    for (const line of citationLines(reply.citations)) {
      const ids = line.numbers
        .map((n) =>
          reply.citations
            ?.find((c) => c.n === n)
            ?.id.split(':')
            .at(-1),
        )
        .filter(Boolean);
      parts.push(`${formatCitationLine(line, 400)} · ${ids.join(', ')}`);
    }
  }
  if (reply.form) parts.push(formatForm(reply.form, reply.lang));
  if (reply.buttons?.length) parts.push(reply.buttons.map((b) => `[${b.label}] (/clic ${b.id})`).join('  '));
  return parts.join('\n');
}

/**
 * A form has no window in a terminal: its fields and current values are listed, then the one line
 * that sends them, which the user edits. Field names are the labels shown ("valeur", "période").
 */
function formatForm(form: FormSpec, lang: Lang): string {
  const { adapters, format } = messages(lang);
  const t = adapters.console;
  const lines = [`— ${form.title} —`];
  for (const field of form.fields) {
    const optional = field.optional ? t.optional : '';
    const choices = field.options?.length
      ? `  (${t.choices} : ${field.options.map((o) => o.value).join(', ')})`
      : field.placeholder && !field.value
        ? `  (${t.example} ${field.placeholder})`
        : '';
    lines.push(`  ${field.label}${optional}${format.colon} ${field.value ?? ''}${choices}`);
  }
  const pairs = form.fields
    .filter((field) => !field.optional || field.value)
    .map((field) => `${field.label.toLowerCase()}=${quote(field.value ?? '')}`);
  lines.push(`${t.toSend} : /clic ${form.submitId} ${pairs.join(' ')}`);
  return lines.join('\n');
}

function quote(value: string): string {
  return /[\s"]/u.test(value) || value === '' ? `"${value.replaceAll('"', "'")}"` : value;
}

/** "/clic ID champ=valeur champ=\"deux mots\"" → the button id and the field values. */
export function parseClick(text: string): { buttonId: string; values?: Record<string, string> } | undefined {
  const match = /^\/(?:clic|click)\s+(\S+)(?:\s+(.*))?$/su.exec(text.trim());
  if (!match?.[1]) return undefined;
  const values: Record<string, string> = {};
  for (const pair of (match[2] ?? '').matchAll(/([\p{L}_][\p{L}\p{N}_-]*)\s*=\s*(?:"([^"]*)"|(\S*))/gu)) {
    values[pair[1] as string] = pair[2] ?? pair[3] ?? '';
  }
  return { buttonId: match[1], ...(Object.keys(values).length ? { values } : {}) };
}
