import { useEffect, useState } from 'react';
import { hasChoices } from '../../../shared/cases/attributeTypeRegistry.js';
import { ATTRIBUTE_TYPES, type AttributeType } from '../../../shared/cases/attributeTypes.js';
import type { AttributeInfo, TypeChangePreview } from '../../../shared/domain/caseTypes.js';
import { useApi } from '../../api/ApiContext.js';
import { useAction } from '../../hooks/useNotice.js';
import { Modal } from '../workbench/Modal.js';
import { TYPE_NAMES } from './attributeEditors.js';

export { TYPE_NAMES };

interface Props {
  /** Absent: create a new attribute. */
  attr?: AttributeInfo;
  attributes: AttributeInfo[];
  onClose: () => void;
}

const parseChoices = (text: string): string[] => text.split('\n').map((s) => s.trim()).filter(Boolean);

/** Add an attribute, or rename, describe, move, change the type of (with a preview of values that would not convert) and delete one. */
export function AttributeDialog({ attr, attributes, onClose }: Props) {
  const api = useApi();
  const act = useAction();
  const [name, setName] = useState(attr?.name ?? '');
  const [description, setDescription] = useState(attr?.description ?? '');
  const [type, setType] = useState<AttributeType>(attr?.type ?? 'text');
  const [choicesText, setChoicesText] = useState((attr?.choices ?? []).join('\n'));
  const [preview, setPreview] = useState<TypeChangePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const choices = parseChoices(choicesText);
  const listed = hasChoices(type);
  const typeChanged = attr !== undefined && (type !== attr.type || (listed && choices.join('\n') !== attr.choices.join('\n')));

  useEffect(() => {
    if (!attr || !typeChanged) {
      setPreview(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      const args = listed && choices.length > 0 ? { id: attr.id, type, choices } : { id: attr.id, type };
      api.call('attributes.changeTypePreview', args).then(
        (p) => live && (setPreview(p), setPreviewError(null)),
        (err: Error) => live && setPreviewError(err.message),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, attr?.id, type, choicesText, typeChanged]);

  const create = async () => {
    const res = await act(
      () => api.call('attributes.create', { name, type, ...(listed ? { choices } : {}), ...(description ? { description } : {}) }),
      `Added the attribute ${name.trim()}`,
    );
    if (res) onClose();
  };

  const saveDetails = async () => {
    if (!attr) return;
    const res = await act(() => api.call('attributes.update', { id: attr.id, name, description }).then(() => true), 'Saved');
    if (res) onClose();
  };

  const changeType = async () => {
    if (!attr || !preview) return;
    const args = { id: attr.id, type, clearFailing: preview.failures.length > 0, ...(listed && choices.length > 0 ? { choices } : {}) };
    const res = await act(() => api.call('attributes.changeType', args), `${attr.name} is now ${TYPE_NAMES[type].toLowerCase()}`);
    if (res) onClose();
  };

  const move = async (delta: number) => {
    if (!attr) return;
    const ids = attributes.map((a) => a.id);
    const from = ids.indexOf(attr.id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return;
    ids.splice(from, 1);
    ids.splice(to, 0, attr.id);
    await act(() => api.call('attributes.reorder', { ids }));
  };

  const remove = async () => {
    if (!attr) return;
    if (!window.confirm(`Delete the attribute ${attr.name} and its ${attr.valueCount} values? You can undo this.`)) return;
    const res = await act(() => api.call('attributes.delete', { id: attr.id }), `Deleted ${attr.name}`);
    if (res) onClose();
  };

  const position = attr ? attributes.findIndex((a) => a.id === attr.id) : -1;
  const detailsChanged = attr !== undefined && (name.trim() !== attr.name || description !== attr.description);

  return (
    <Modal closeButton
      title={attr ? `Attribute ${attr.name}` : 'New attribute'}
      onClose={onClose}
      actions={
        attr ? (
          <>
            <button type="button" className="danger" onClick={remove}>
              Delete attribute
            </button>
            <span className="spacer" />
            <button type="button" onClick={onClose}>
              Close
            </button>
          </>
        ) : (
          <>
            <span className="spacer" />
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="primary" disabled={!name.trim() || (listed && choices.length === 0)} onClick={create}>
              Add attribute
            </button>
          </>
        )
      }
    >
      <div className="form-grid">
        <label htmlFor="attr-name">Name</label>
        <input id="attr-name" value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="attr-desc">Description</label>
        <textarea id="attr-desc" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        {attr && (
          <>
            <span />
            <div className="row-buttons">
              <button type="button" disabled={!detailsChanged || !name.trim()} onClick={saveDetails}>
                Save name and description
              </button>
              <button type="button" disabled={position <= 0} onClick={() => move(-1)}>
                ← Move left
              </button>
              <button type="button" disabled={position < 0 || position >= attributes.length - 1} onClick={() => move(1)}>
                Move right →
              </button>
            </div>
          </>
        )}
        <label htmlFor="attr-type">Type</label>
        <select id="attr-type" value={type} onChange={(e) => setType(e.target.value as AttributeType)}>
          {ATTRIBUTE_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_NAMES[t]}
            </option>
          ))}
        </select>
        {listed && (
          <>
            <label htmlFor="attr-choices">Choices, in order (one per line)</label>
            <textarea
              id="attr-choices"
              rows={5}
              value={choicesText}
              placeholder={attr ? 'Leave empty to use the values the cases have' : 'Low\nMedium\nHigh'}
              onChange={(e) => setChoicesText(e.target.value)}
            />
          </>
        )}
      </div>
      {attr && typeChanged && (
        <section className="type-preview" aria-label="Type change preview" aria-live="polite">
          {previewError && <p className="error-text">{previewError}</p>}
          {preview && (
            <>
              <p>
                {preview.converted} value{preview.converted === 1 ? '' : 's'} convert
                {preview.choices ? ` (choices: ${preview.choices.join(', ') || 'none'})` : ''}.{' '}
                {preview.failures.length === 0 ? 'Every value fits the new type.' : `${preview.failures.length} would not convert and would become Unassigned:`}
              </p>
              {preview.failures.length > 0 && (
                <table className="compact-table">
                  <thead>
                    <tr>
                      <th>Case</th>
                      <th>Value</th>
                      <th>Why</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.failures.slice(0, 200).map((f) => (
                      <tr key={f.caseName}>
                        <td>{f.caseName}</td>
                        <td>{f.value}</td>
                        <td>{f.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <button type="button" className="primary" onClick={changeType}>
                {preview.failures.length ? `Change type and clear ${preview.failures.length} value${preview.failures.length === 1 ? '' : 's'}` : 'Change type'}
              </button>
            </>
          )}
        </section>
      )}
    </Modal>
  );
}
