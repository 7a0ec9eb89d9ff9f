import { describe, expect, it } from 'vitest';
import { autoColumns, columnWidths, fixedColumns, optionalColumns, toggleColumn, visibleColumns } from './modelColumns';

const fixed = fixedColumns.reduce((sum, c) => sum + columnWidths[c], 0);

describe('Models table columns', () => {
  it('always keeps name, size, fit and quantization, and adds the others by priority as the width allows', () => {
    expect(visibleColumns({ mode: 'auto' }, 300)).toEqual(['name', 'size', 'fit', 'fileType']);
    const two = fixed + columnWidths.architecture + columnWidths.parameters;
    expect(autoColumns(two)).toEqual(['architecture', 'parameters']);
    expect(autoColumns(two + columnWidths.contextLength - 1)).toEqual(['architecture', 'parameters']);
    expect(autoColumns(5000)).toEqual([...optionalColumns]);
  });

  it('shows every column when the width is not known', () => {
    expect(autoColumns(0)).toEqual([...optionalColumns]);
  });

  it('keeps the user’s choice whatever the width, in table order', () => {
    let choice = toggleColumn({ mode: 'auto' }, 300, 'slidingWindow');
    expect(choice).toEqual({ mode: 'chosen', columns: ['slidingWindow'] });
    choice = toggleColumn(choice, 300, 'architecture');
    expect(visibleColumns(choice, 5000)).toEqual(['name', 'size', 'fit', 'fileType', 'architecture', 'slidingWindow']);
    expect(toggleColumn(choice, 300, 'slidingWindow')).toEqual({ mode: 'chosen', columns: ['architecture'] });
  });
});
