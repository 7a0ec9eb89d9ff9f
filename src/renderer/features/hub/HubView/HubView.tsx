import { useRouteParam } from '../../../state/routes';
import { HubModelPage } from '../HubModelPage/HubModelPage';
import { HubSearch } from '../HubSearch/HubSearch';

/** `#/hub`: search; `#/hub/<owner%2Fname>`: one model's page. */
export function HubView() {
  const repoId = useRouteParam();
  return repoId ? <HubModelPage repoId={repoId} /> : <HubSearch />;
}
