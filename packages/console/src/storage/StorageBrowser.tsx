import { useElements } from '../app/ElementsContext';
import { href } from '../app/route';
import { isStorage } from '../elements/typeChain';
import { Empty, Failed, Loading } from '../ui/States';
import { actionsOf } from './actions';
import { Breadcrumbs } from './Breadcrumbs';
import { FileBrowser } from './FileBrowser';

/** The files of a storage Instance, by "folder" (prefix), as an S3 console shows them. */
export function StorageBrowser({ fullName, prefix }: { fullName: string; prefix: string }) {
  const { elements } = useElements();
  const element = elements?.find((candidate) => candidate.fullName === fullName);
  const storage = element !== undefined && isStorage(element);

  if (elements === undefined) return <Loading />;
  if (element === undefined || !storage) {
    return (
      <Empty title={`${fullName} is not a storage of this app`}>
        <a href={href.elements()}>Back to the elements</a>
      </Empty>
    );
  }
  if (element.status === 'error') {
    return (
      <section className="page">
        <Breadcrumbs fullName={fullName} prefix="" />
        <Failed title={`${fullName} is in error`} message={element.error?.message ?? 'It did not load.'} />
        <a href={href.element(fullName)}>See the element</a>
      </section>
    );
  }
  return <FileBrowser key={fullName} fullName={fullName} prefix={prefix} actions={actionsOf(element)} />;
}
