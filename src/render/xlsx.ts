/**
 * One-sheet Excel exports. Unlike CSV, cells keep their type: numbers stay numbers whatever the
 * reader's locale, and text is never run as a formula, so no guard is needed.
 */
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';

export type XlsxCell = string | number | null;

export interface XlsxSheet {
  /** Cleaned to what Excel accepts: at most 31 characters, none of []:*?/\ */
  name: string;
  header: string[];
  rows: XlsxCell[][];
  /** In characters; estimated from the content when omitted. */
  columnWidths?: number[];
}

/** Writes the sheet with a bold, frozen header row and returns the .xlsx file. */
export async function writeXlsx(sheet: XlsxSheet): Promise<Buffer> {
  const data: SheetData = [
    sheet.header.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...sheet.rows.map((row) =>
      row.map((cell) => (typeof cell === 'number' && !Number.isFinite(cell) ? null : cell)),
    ),
  ];
  const widths = sheet.columnWidths ?? estimateWidths(sheet);
  return writeXlsxFile(data, {
    sheet: sheetName(sheet.name),
    columns: widths.map((width) => ({ width })),
    stickyRowsCount: 1,
  }).toBuffer();
}

function estimateWidths(sheet: XlsxSheet): number[] {
  const columns = Math.max(sheet.header.length, ...sheet.rows.map((row) => row.length));
  return Array.from({ length: columns }, (_, i) => {
    const longest = Math.max(
      (sheet.header[i] ?? '').length,
      ...sheet.rows.map((row) => String(row[i] ?? '').length),
    );
    // Wide enough for the usual content, capped so one long comment does not push the rest away.
    return Math.min(60, Math.max(8, longest + 2));
  });
}

function sheetName(name: string): string {
  // Excel reports the whole file as corrupt when a sheet name breaks these rules.
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .slice(0, 31)
    .trim();
  return cleaned || 'Feuille 1';
}
