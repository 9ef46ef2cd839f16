import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { ErrorMessage, forbidden } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { SchemaEditor } from '../components/SchemaEditor';
import { Link, navigate, useLocation } from '../router';
import { atLeast, useRole } from '../roles';

export const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const NAME_HINT = 'Lower-case letters, digits, - and _ (up to 63).';

/** A new collection, or a new record type of one: its name and its first schema. */
export function NewSchemaPage() {
  const { search } = useLocation();
  const role = useRole();
  const queryClient = useQueryClient();
  const [collection, setCollection] = useState(search.get('collection') ?? '');
  const [recordType, setRecordType] = useState('');
  const [touched, setTouched] = useState(false);
  const collectionProblem = touched && !NAME_PATTERN.test(collection) ? NAME_HINT : undefined;
  const typeProblem = touched && !NAME_PATTERN.test(recordType) ? NAME_HINT : undefined;

  if (role !== undefined && !atLeast(role, 'developer')) {
    return <ErrorMessage error={forbidden('Viewers can read schemas but not define them.')} />;
  }

  return (
    <>
      <Link to="/app/collections" className="back-link">
        ← Collections
      </Link>
      <PageHeader
        title="Define a schema"
        description="Records of a type are validated against its schema; searchable string fields join the full-text index."
      />
      <section className="card">
        <SchemaEditor
          initial={[]}
          readOnly={false}
          saveLabel="Save schema"
          header={
            <div className="grid-2">
              <Field
                label="Collection"
                value={collection}
                onChange={(e) => setCollection(e.target.value)}
                placeholder="products"
                hint={collectionProblem ? undefined : NAME_HINT}
                error={collectionProblem}
                spellCheck={false}
              />
              <Field
                label="Record type"
                value={recordType}
                onChange={(e) => setRecordType(e.target.value)}
                placeholder="part"
                hint={typeProblem ? undefined : 'One collection can hold several record types.'}
                error={typeProblem}
                spellCheck={false}
              />
            </div>
          }
          onSave={async (fields) => {
            setTouched(true);
            if (!NAME_PATTERN.test(collection) || !NAME_PATTERN.test(recordType))
              throw new Error('Fix the collection and record type names first.');
            await unwrap(
              api.PUT('/api/v1/portal/schemas/{collection}/{record_type}', {
                params: { path: { collection, record_type: recordType } },
                body: { fields },
              }),
            );
            void queryClient.invalidateQueries({ queryKey: ['collections'] });
            void queryClient.invalidateQueries({ queryKey: ['schemas', collection] });
            void queryClient.invalidateQueries({ queryKey: ['quickstart'] });
            navigate(`/app/collections/${encodeURIComponent(collection)}`);
          }}
        />
      </section>
    </>
  );
}
