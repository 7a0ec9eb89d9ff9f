import { create } from 'zustand';
import { emptyFilter, type CatalogFilter } from './filterFamilies';

/** What the reader did with the catalog; the families themselves are a query (`catalog.list`). */
interface CatalogState {
  filter: CatalogFilter;
  /** Family ids ticked for comparison, in the order they were ticked (the table's columns). */
  selected: string[];
  /** Cards opened to their details; kept while filters hide and show them. */
  expanded: string[];
}

/** Kept for the session: filters and the comparison survive a visit to another view. */
export const useCatalogStore = create<CatalogState>()(() => ({
  filter: emptyFilter,
  selected: [],
  expanded: [],
}));

export function setFilter(patch: Partial<CatalogFilter>): void {
  useCatalogStore.setState((s) => ({ filter: { ...s.filter, ...patch } }));
}

export function clearFilter(): void {
  useCatalogStore.setState({ filter: emptyFilter });
}

export function toggleSelected(id: string, selected: boolean): void {
  useCatalogStore.setState((s) => ({
    selected: selected ? [...s.selected.filter((x) => x !== id), id] : s.selected.filter((x) => x !== id),
  }));
}

export function clearSelection(): void {
  useCatalogStore.setState({ selected: [] });
}

export function toggleExpanded(id: string): void {
  useCatalogStore.setState((s) => ({ expanded: s.expanded.includes(id) ? s.expanded.filter((x) => x !== id) : [...s.expanded, id] }));
}
