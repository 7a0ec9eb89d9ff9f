/**
 * The Models table's columns. The first four are always shown (what a file is, how big, will it
 * run here, at what quantization); the others are shown by priority as far as the width allows,
 * unless the user chose them in the column chooser.
 */
export const fixedColumns = ['name', 'size', 'fit', 'fileType'] as const;
export const optionalColumns = ['architecture', 'parameters', 'contextLength', 'kind', 'blockCount', 'heads', 'experts', 'slidingWindow'] as const;

export type OptionalColumn = (typeof optionalColumns)[number];
export type ModelColumn = (typeof fixedColumns)[number] | OptionalColumn;

/** Room each column needs (px) with its header on one line, in English and Chinese. */
export const columnWidths: Record<ModelColumn, number> = {
  name: 240,
  size: 90,
  fit: 130,
  fileType: 120,
  architecture: 120,
  parameters: 110,
  contextLength: 90,
  kind: 110,
  blockCount: 80,
  heads: 140,
  experts: 120,
  slidingWindow: 140,
};

/** The user's choice: automatic (what fits), or exactly these optional columns. */
export type ColumnChoice = { mode: 'auto' } | { mode: 'chosen'; columns: OptionalColumn[] };

/** The optional columns that fit in `width` px after the fixed ones, in priority order. */
export function autoColumns(width: number): OptionalColumn[] {
  // Not measured yet (or no layout, as in tests): everything.
  if (width <= 0) return [...optionalColumns];
  let used = fixedColumns.reduce((sum, c) => sum + columnWidths[c], 0);
  const shown: OptionalColumn[] = [];
  for (const column of optionalColumns) {
    used += columnWidths[column];
    if (used > width) break;
    shown.push(column);
  }
  return shown;
}

/** The columns to draw, in table order. */
export function visibleColumns(choice: ColumnChoice, width: number): ModelColumn[] {
  const optional = choice.mode === 'auto' ? autoColumns(width) : choice.columns;
  return [...fixedColumns, ...optionalColumns.filter((c) => optional.includes(c))];
}

/** Turns one optional column on or off, starting from what is shown now. */
export function toggleColumn(choice: ColumnChoice, width: number, column: OptionalColumn): ColumnChoice {
  const current = choice.mode === 'auto' ? autoColumns(width) : choice.columns;
  const columns = current.includes(column) ? current.filter((c) => c !== column) : [...current, column];
  return { mode: 'chosen', columns: optionalColumns.filter((c) => columns.includes(c)) };
}

export function tableWidth(columns: readonly ModelColumn[]): number {
  return columns.reduce((sum, c) => sum + columnWidths[c], 0);
}
