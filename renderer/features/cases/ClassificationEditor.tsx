import { useState } from 'react';
import { describeAttributeType } from '../../../shared/cases/attributeTypeRegistry.js';
import { ATTRIBUTE_TYPES, type AttributeType } from '../../../shared/cases/attributeTypes.js';
import type { ClassificationData } from './useClassificationData.js';

/** Classifications (Firm, Person, School…): list, add, rename, and each one's typed attributes. */
export function ClassificationEditor({ data }: { data: ClassificationData }) {
  const [selected, setSelected] = useState<number | null>(null);
  const [newName, setNewName] = useState('');
  const [rename, setRename] = useState<{ id: number; name: string } | null>(null);
  const [attrName, setAttrName] = useState('');
  const [attrType, setAttrType] = useState<AttributeType>('text');
  const current = data.classifications.find((k) => k.id === selected) ?? data.classifications[0] ?? null;
  const attrs = current ? data.attributes.filter((a) => a.classificationId === current.id) : [];

  return (
    <section className="panel classification-editor" aria-labelledby="classifications-h">
      <div className="panel-head">
        <h2 id="classifications-h">Classifications</h2>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const name = newName.trim();
          if (name) void data.addClassification(name).then((r) => r && setNewName(''));
        }}
      >
        <input aria-label="New classification name" placeholder="New classification (e.g. Firm)…" value={newName} onChange={(e) => setNewName(e.target.value)} />
        <button type="submit">Add classification</button>
      </form>
      <ul className="list" aria-label="Classifications">
        {data.classifications.map((k) => (
          <li key={k.id} className={k.id === current?.id ? 'selected' : undefined}>
            {rename?.id === k.id ? (
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void data.renameClassification(k.id, rename.name).then(() => setRename(null));
                }}
              >
                <input aria-label={`New name for ${k.name}`} autoFocus value={rename.name} onChange={(e) => setRename({ id: k.id, name: e.target.value })} />
                <button type="submit">Rename</button>
                <button type="button" onClick={() => setRename(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <>
                <button type="button" className={`list-item${k.id === current?.id ? ' selected' : ''}`} aria-pressed={k.id === current?.id} onClick={() => setSelected(k.id)}>
                  <span className="list-name">{k.name}</span>
                  <span className="list-meta">
                    {k.cases} case{k.cases === 1 ? '' : 's'} · {k.attributes} attribute{k.attributes === 1 ? '' : 's'}
                  </span>
                </button>
                <button type="button" className="icon" aria-label={`Rename classification ${k.name}`} onClick={() => setRename({ id: k.id, name: k.name })}>
                  ✎
                </button>
                {k.cases === 0 && k.attributes === 0 && (
                  <button type="button" className="icon" aria-label={`Delete classification ${k.name}`} onClick={() => void data.deleteClassification(k.id)}>
                    ×
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {current && (
        <div className="classification-attributes">
          <h3>Attributes of {current.name}</h3>
          {attrs.length === 0 ? (
            <p className="hint">No attributes yet. Values of a parent case’s attributes also apply to its sub-cases in filters.</p>
          ) : (
            <table className="attribute-table">
              <thead>
                <tr>
                  <th>Attribute</th>
                  <th>Type</th>
                  <th>Values</th>
                </tr>
              </thead>
              <tbody>
                {attrs.map((a) => (
                  <tr key={a.id}>
                    <td>{a.name}</td>
                    <td>{describeAttributeType(a)}</td>
                    <td>{a.valueCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const name = attrName.trim();
              if (name) void data.addAttribute(current.id, name, attrType).then((r) => r && setAttrName(''));
            }}
          >
            <input aria-label={`New attribute of ${current.name}`} placeholder="New attribute…" value={attrName} onChange={(e) => setAttrName(e.target.value)} />
            <select aria-label="Attribute type" value={attrType} onChange={(e) => setAttrType(e.target.value as AttributeType)}>
              {ATTRIBUTE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <button type="submit">Add attribute</button>
          </form>
        </div>
      )}
    </section>
  );
}
