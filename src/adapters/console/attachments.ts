import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { messages } from '../../core/kernel/messages/index.ts';
import type { Reply } from '../../core/kernel/types.ts';

/**
 * A terminal cannot show a chart or hand over a file: both are written to disk and the console
 * prints where. `dir` is the default folder; `out` a path the user chose (`say --out`).
 */
export function saveAttachments(
  reply: Reply,
  dir: string,
  out?: string,
): { lines: string[]; paths: string[] } {
  const { adapters, format } = messages(reply.lang);
  const t = adapters.console;
  const items = [
    ...(reply.image ? [{ data: reply.image.png, filename: reply.image.filename, kind: 'image' }] : []),
    ...(reply.file ? [{ data: reply.file.data, filename: reply.file.filename, kind: 'file' }] : []),
  ];
  const lines: string[] = [];
  const paths: string[] = [];
  for (const [i, item] of items.entries()) {
    const target = path.resolve(out && i === 0 ? out : path.join(dir, item.filename));
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      const existed = existsSync(target);
      writeFileSync(target, item.data);
      paths.push(target);
      const what = item.kind === 'image' ? t.chartSaved : t.fileSaved;
      lines.push(`${what}${format.colon} ${target}${existed ? t.replaced : ''}`);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      lines.push(t.cannotWrite(target, reason));
    }
  }
  return { lines, paths };
}
