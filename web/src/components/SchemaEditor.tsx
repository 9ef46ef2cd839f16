import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, describeError, type Schemas } from '../api/client';
import { fieldTypeValues } from '../api/schema';

type FieldInput = Schemas['SchemaFieldDto'];
const blankField = (): FieldInput => ({
  name: '',
  type: 'string',
  required: false,
  searchable: false,
  filterable: false,
});

interface SchemaEditorProps {
  initial: readonly FieldInput[];
  readOnly: boolean;
  /** Inputs shown above the fields (collection and record type names, on a new schema). */
  header?: ReactNode;
  saveLabel: string;
  onSave: (fields: FieldInput[]) => Promise<unknown>;
}

/**
 * The fields of one record type: name, type, and whether each is required, searchable (joins the
 * full-text index) and filterable (usable in search filters). Saving replaces the schema; stored
 * records are re-validated against it by the server.
 */
export function SchemaEditor({ initial, readOnly, header, saveLabel, onSave }: SchemaEditorProps) {
  const [fields, setFields] = useState<FieldInput[]>(
    initial.length > 0 ? initial.map((f) => ({ ...f })) : [blankField()],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const update = (index: number, change: Partial<FieldInput>) => {
    setSaved(false);
    setFields((now) => now.map((f, i) => (i === index ? { ...f, ...change } : f)));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave(fields.filter((f) => f.name.trim() !== '').map((f) => ({ ...f, name: f.name.trim() })));
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      {header}
      <div className="table-wrap">
        <table className="table table-form">
          <caption className="visually-hidden">Schema fields</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
              <th scope="col">Searchable</th>
              <th scope="col">Filterable</th>
              {!readOnly && (
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {fields.map((field, i) => {
              const n = i + 1;
              const problem = Object.entries(fieldErrors).find(([path]) =>
                path.startsWith(`fields[${i}]`),
              )?.[1];
              return (
                <tr key={i}>
                  <td>
                    <input
                      aria-label={`Field ${n} name`}
                      value={field.name}
                      disabled={readOnly}
                      onChange={(e) => update(i, { name: e.target.value })}
                      placeholder="price"
                      spellCheck={false}
                      aria-invalid={problem ? true : undefined}
                    />
                    {problem && <span className="field-error">{problem}</span>}
                  </td>
                  <td>
                    <select
                      aria-label={`Field ${n} type`}
                      value={field.type}
                      disabled={readOnly}
                      onChange={(e) => update(i, { type: e.target.value as FieldInput['type'] })}
                    >
                      {fieldTypeValues.map((t) => (
                        <option key={t} value={t}>
                          {t}
                        </option>
                      ))}
                    </select>
                  </td>
                  {(['required', 'searchable', 'filterable'] as const).map((flag) => (
                    <td key={flag} className="cell-center">
                      <input
                        type="checkbox"
                        aria-label={`Field ${n} ${flag}`}
                        checked={field[flag]}
                        disabled={readOnly}
                        onChange={(e) => update(i, { [flag]: e.target.checked })}
                      />
                    </td>
                  ))}
                  {!readOnly && (
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button-small button-ghost"
                        aria-label={`Remove field ${n}`}
                        onClick={() => setFields((now) => now.filter((_, j) => j !== i))}
                      >
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!readOnly && (
        <div className="row-between">
          <button type="button" className="button" onClick={() => setFields((now) => [...now, blankField()])}>
            Add field
          </button>
          <div className="row">
            {saved && (
              <span className="success-text" role="status">
                Schema saved
              </span>
            )}
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Saving…' : saveLabel}
            </button>
          </div>
        </div>
      )}
      {error !== null && (
        <p className="form-error" role="alert">
          {describeError(error)}
        </p>
      )}
    </form>
  );
}
