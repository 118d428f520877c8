import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { getSchema } from '../api/elementsApi';
import type { ElementSummary, TypeSchema } from '../api/types';
import { useElements } from '../app/ElementsContext';
import { href } from '../app/route';
import { groupOf } from '../elements/typeChain';
import { Empty, Failed, Loading } from '../ui/States';
import { ChoiceList } from './ChoiceList';
import { ElementEditor } from './ElementEditor';

/**
 * "New element": pick a Meta, then a Type under it (official or the app's own), then a name and
 * the Type's config. The steps follow the reference's visual tools: + → Meta → Type → editor.
 */
export function NewElementPage({ presetType }: { presetType?: string }) {
  const { elements, error } = useElements();
  const metas = useMemo(() => (elements ?? []).filter((e) => e.kind === 'Meta'), [elements]);
  const preset = elements?.find((e) => e.fullName === presetType && e.kind === 'Type');
  const [meta, setMeta] = useState<string>();
  const [type, setType] = useState<string | undefined>(presetType);
  const [schema, setSchema] = useState<TypeSchema>();
  const [schemaError, setSchemaError] = useState<string>();

  const chosenMeta = meta ?? preset?.type ?? (metas.length === 1 ? metas[0]?.fullName : undefined);
  const types = useMemo(
    () => (elements ?? []).filter((e) => e.kind === 'Type' && e.type === chosenMeta),
    [elements, chosenMeta],
  );
  const chosenType =
    type !== undefined && types.some((t) => t.fullName === type)
      ? type
      : types.length === 1
        ? types[0]?.fullName
        : undefined;

  useEffect(() => {
    setSchema(undefined);
    setSchemaError(undefined);
    if (chosenType === undefined) return;
    let live = true;
    getSchema(chosenType).then(
      (answer) => live && setSchema(answer),
      (caught: unknown) => live && setSchemaError(ApiError.messageOf(caught)),
    );
    return () => {
      live = false;
    };
  }, [chosenType]);

  if (elements === undefined) {
    return error ? <Failed title="The elements could not be loaded" message={error} /> : <Loading />;
  }

  const describe = (element: ElementSummary) =>
    `${element.origin === 'builtin' ? 'Official' : "The app's own"}${element.status === 'error' ? ', in error' : ''}`;

  return (
    <section className="page" aria-labelledby="new-title">
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href={href.elements()}>Elements</a> <span aria-hidden="true">/</span> <span>New element</span>
      </nav>
      <h1 id="new-title">New element</h1>
      <div className="steps">
        <ChoiceList
          legend="1. Meta"
          hint="What kind of element this is."
          choices={metas.map((m) => ({ value: m.fullName, label: m.fullName, detail: m.title }))}
          value={chosenMeta}
          onChange={(value) => {
            setMeta(value);
            setType(undefined);
          }}
        />
        {chosenMeta !== undefined && (
          <ChoiceList
            legend="2. Type"
            hint="How it works: an official Type or one of the app's."
            choices={types.map((t) => ({
              value: t.fullName,
              label: t.fullName,
              detail: `${t.title ? `${t.title}. ` : ''}${describe(t)}`,
              disabled: t.status === 'error',
            }))}
            value={chosenType}
            onChange={setType}
            empty={`No Type builds on ${chosenMeta} yet.`}
          />
        )}
      </div>
      {chosenType !== undefined && (
        <section className="step-editor" aria-label="3. Name and config">
          <h2>3. Name and config</h2>
          {schemaError !== undefined && <Failed title="The Type's schema could not be loaded" message={schemaError} />}
          {schema === undefined && schemaError === undefined && <Loading label="Loading the Type's schema…" />}
          {schema !== undefined && (
            <ElementEditor
              key={chosenType}
              typeName={chosenType}
              schema={schema}
              newName={{ group: groupOf(chosenMeta ?? chosenType) || 'storages', name: '' }}
              initialTitle=""
              initialDoc={{}}
            />
          )}
        </section>
      )}
      {metas.length === 0 && <Empty title="This app has no Metas">Metas come with the installed Type packages.</Empty>}
    </section>
  );
}
