import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, api, describeError, unwrap, type Schemas } from '../api/client';
import { visibilityValues } from '../api/schema';
import { FormDialog } from './FormDialog';
import { Field } from './Field';

type RecordRow = Schemas['RecordDto'];
type Visibility = Schemas['Visibility'];
type Data = Record<string, unknown>;

interface RecordDialogProps {
  collection: string;
  /** The record type a new record gets (an edited record keeps its own). */
  recordType: string;
  /** The record to edit; none to create one. */
  record?: RecordRow;
  /** The record type's fields, to say what `collection_data` must hold. */
  fields: readonly Schemas['SchemaFieldDto'][];
  onClose: () => void;
}

function parseData(text: string): Data | null {
  try {
    const value: unknown = JSON.parse(text.trim() || '{}');
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : null;
  } catch {
    return null;
  }
}

/**
 * Creates a record, or edits one (a row an upload marked failed is fixed here). The server validates
 * `collection_data` against the schema and indexes the record before it answers. An edit sends the
 * whole object: keys removed in the editor are sent as null, which is how the API removes a key.
 */
export function RecordDialog({ collection, recordType, record, fields, onClose }: RecordDialogProps) {
  const queryClient = useQueryClient();
  const dataId = useId();
  const [name, setName] = useState(record?.name ?? '');
  const [description, setDescription] = useState(record?.description ?? '');
  const [externalId, setExternalId] = useState(record?.external_id ?? '');
  const [visibility, setVisibility] = useState<Visibility>(record?.visibility ?? 'private');
  const [dataText, setDataText] = useState(JSON.stringify(record?.collection_data ?? {}, null, 2));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [dataError, setDataError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const data = parseData(dataText);
    if (!data) {
      setDataError('Write a JSON object, e.g. {"price": 4.2}.');
      return;
    }
    setDataError(null);
    setBusy(true);
    setError(null);
    const common = {
      name: name.trim(),
      description: description.trim() || null,
      external_id: externalId.trim() || null,
      visibility,
    };
    try {
      if (record) {
        const removed = Object.keys(record.collection_data).filter((key) => !(key in data));
        await unwrap(
          api.PATCH('/api/v1/portal/records/{collection}/{id}', {
            params: { path: { collection, id: record.id } },
            body: {
              ...common,
              collection_data: { ...data, ...Object.fromEntries(removed.map((k) => [k, null])) },
            },
          }),
        );
      } else {
        await unwrap(
          api.POST('/api/v1/portal/records/{collection}/{record_type}', {
            params: { path: { collection, record_type: recordType } },
            body: { ...common, collection_data: data },
          }),
        );
      }
      void queryClient.invalidateQueries({ queryKey: ['records', collection] });
      void queryClient.invalidateQueries({ queryKey: ['collections'] });
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const dataErrors = Object.entries(fieldErrors).filter(([field]) => field.startsWith('collection_data'));
  const otherErrors = ['name', 'description', 'external_id', 'visibility'];
  const unplaced =
    error !== null &&
    Object.keys(fieldErrors).every(
      (field) => !field.startsWith('collection_data') && !otherErrors.includes(field),
    );

  return (
    <FormDialog
      title={record ? `Edit “${record.name}”` : `Add a ${recordType} record`}
      wide
      submitLabel={record ? 'Save record' : 'Add record'}
      busyLabel="Saving…"
      busy={busy}
      ready={Boolean(name.trim())}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
    >
      {record?.indexing_error && (
        <div className="callout callout-warning">
          <strong>This record is not searchable</strong>
          <p>{record.indexing_error}</p>
        </div>
      )}
      <div className="grid-2">
        <Field
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldErrors.name}
          autoFocus
        />
        <Field
          label="External id"
          value={externalId}
          onChange={(e) => setExternalId(e.target.value)}
          hint="Optional; unique in the collection (upserts match on it)."
          error={fieldErrors.external_id}
        />
      </div>
      <label className="field">
        <span className="field-label">Description</span>
        <textarea
          rows={2}
          className="textarea-text"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        {fieldErrors.description && <span className="field-error">{fieldErrors.description}</span>}
      </label>
      <label className="field">
        <span className="field-label">Visibility</span>
        <select value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
          {visibilityValues.map((v) => (
            <option key={v} value={v}>
              {v === 'public' ? 'public (found by open search)' : v}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <label className="field-label" htmlFor={dataId}>
          Data (JSON)
        </label>
        <textarea
          id={dataId}
          rows={6}
          value={dataText}
          spellCheck={false}
          aria-invalid={dataError || dataErrors.length > 0 ? true : undefined}
          onChange={(e) => setDataText(e.target.value)}
        />
        <span className="field-hint">
          {fields.length > 0 ? (
            <>
              Fields of {record?.record_type ?? recordType}:{' '}
              {fields.map((f, i) => (
                <span key={f.name}>
                  {i > 0 && ', '}
                  <code>{f.name}</code> ({f.type}
                  {f.required ? ', required' : ''})
                </span>
              ))}
              .
            </>
          ) : (
            'This record type has no schema: any JSON object is stored as it is.'
          )}
        </span>
        {dataError && <span className="field-error">{dataError}</span>}
        {dataErrors.map(([field, message]) => (
          <span key={field} className="field-error">
            {field.replace(/^collection_data\.?/, '') || 'Data'}: {message}
          </span>
        ))}
      </div>
      {unplaced && (
        <p className="form-error" role="alert">
          {describeError(error)}
        </p>
      )}
    </FormDialog>
  );
}
