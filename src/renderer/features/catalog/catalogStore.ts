import { create } from 'zustand';
import type { CatalogFamily } from '../../../shared/contract';
import type { CaliperClient } from '../../platform/rpcClient';
import { emptyFilter, type CatalogFilter } from './filterFamilies';

interface CatalogState {
  families: CatalogFamily[] | null;
  loading: boolean;
  error: unknown;
  filter: CatalogFilter;
  /** Family ids ticked for comparison, in the order they were ticked (the table's columns). */
  selected: string[];
  /** Cards opened to their details; kept while filters hide and show them. */
  expanded: string[];
}

/** Kept for the session: filters and the comparison survive a visit to another view. */
export const useCatalogStore = create<CatalogState>()(() => ({
  families: null,
  loading: false,
  error: null,
  filter: emptyFilter,
  selected: [],
  expanded: [],
}));

/** Fetches the catalog once; the data is bundled with the host and does not change while it runs. */
export async function loadCatalog(client: CaliperClient, options: { force?: boolean } = {}): Promise<void> {
  const state = useCatalogStore.getState();
  if (state.loading || (state.families && !options.force)) return;
  useCatalogStore.setState({ loading: true, error: null });
  try {
    const families = await client.catalog.list();
    useCatalogStore.setState({ families });
  } catch (error) {
    useCatalogStore.setState({ error });
  } finally {
    useCatalogStore.setState({ loading: false });
  }
}

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
