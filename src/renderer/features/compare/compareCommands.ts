import { navigate, routeHref } from '../../state/routes';
import { closeComparison, focusBlindForm, setTab } from './compareStore';

/** What the app's commands ask of Compare (loaded on demand, like the view). */

export function newComparison(): void {
  closeComparison();
  setTab('compare');
  navigate(routeHref('compare'));
}

export function newBlindBattle(): void {
  newComparison();
  focusBlindForm();
}
