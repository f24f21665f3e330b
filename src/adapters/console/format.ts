import type { Reply } from '../../core/router/types.ts';

/** Renders a reply for a terminal: the text, then its numbered sources and buttons. */
export function formatReply(reply: Reply): string {
  const parts = [reply.text.replace(/\*\*([^*]+)\*\*/gu, '$1').replace(/(^|\n)_([^\n]+)_(?=\n|$)/gu, '$1$2')];
  if (reply.notice) parts.push(`(${reply.notice})`);
  if (reply.citations?.length) {
    parts.push(reply.lang === 'en' ? 'Sources:' : 'Sources :');
    for (const c of reply.citations) {
      const page = c.source.page ? `, p. ${c.source.page}` : '';
      const path = c.path.map((title) => (title.length > 60 ? `${title.slice(0, 59)}…` : title)).join(' › ');
      parts.push(
        `[${c.n}] ${c.plan}${path ? ` › ${path}` : ''} — ${c.scope}${page} (${c.source.file}:${c.source.lines[0]}-${c.source.lines[1]}; ${c.id})`,
      );
    }
  }
  if (reply.buttons?.length) parts.push(reply.buttons.map((b) => `[${b.label}] (/clic ${b.id})`).join('  '));
  return parts.join('\n');
}
