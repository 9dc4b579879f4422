import { useState } from 'react';
import type { CoderSummary } from '../../../shared/domain/coderTypes.js';
import { Modal } from '../workbench/Modal.js';
import { useCoderFilter } from './useCoderFilter.js';
import { useCoders } from './useCoders.js';
import './coders.css';

function CoderRow({ coder, onSave, onChoose }: { coder: CoderSummary; onSave: (c: { name: string; initials: string; color: string }) => void; onChoose: () => void }) {
  const [name, setName] = useState(coder.name);
  const [initials, setInitials] = useState(coder.initials);
  const [color, setColor] = useState(coder.color);
  const changed = name.trim() !== coder.name || initials.trim() !== coder.initials || color !== coder.color;
  return (
    <tr className={coder.current ? 'coder-current' : undefined}>
      <td>
        <input type="color" aria-label={`Colour of ${coder.name}`} value={color} onChange={(e) => setColor(e.target.value)} />
      </td>
      <td>
        <input aria-label={`Name of ${coder.name}`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </td>
      <td>
        <input className="coder-initials" aria-label={`Initials of ${coder.name}`} value={initials} maxLength={4} onChange={(e) => setInitials(e.target.value)} />
      </td>
      <td className="num">{coder.codings}</td>
      <td className="num">{coder.sources}</td>
      <td className="num">{coder.memos}</td>
      <td className="coder-actions">
        <button type="button" disabled={!changed || !name.trim()} onClick={() => onSave({ name: name.trim(), initials: initials.trim(), color })}>
          Save
        </button>
        {coder.current ? (
          <span className="coder-badge">you</span>
        ) : (
          <button type="button" className="link" onClick={onChoose} title={`Record your codings and memos as ${coder.name}`}>
            Code as
          </button>
        )}
      </td>
    </tr>
  );
}

/** The project's coders (name, initials, colour), who this machine codes as, and blind coding. */
export function CodersDialog({ onClose }: { onClose: () => void }) {
  const { overview, choose, edit } = useCoders();
  const filter = useCoderFilter();
  const [newName, setNewName] = useState('');
  return (
    <Modal title="Coders" onClose={onClose} className="coders-dialog">
      <p className="hint">
        Every coding and memo records its coder. You code as <strong>{overview?.currentName || '—'}</strong> on this computer.
      </p>
      <table className="coders-table">
        <thead>
          <tr>
            <th scope="col">Colour</th>
            <th scope="col">Name</th>
            <th scope="col">Initials</th>
            <th scope="col" className="num">Codings</th>
            <th scope="col" className="num">Sources</th>
            <th scope="col" className="num">Memos</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {(overview?.coders ?? []).map((c) => (
            <CoderRow key={`${c.id}:${c.name}:${c.initials}:${c.color}`} coder={c} onSave={(changes) => void edit(c.id, changes)} onChoose={() => void choose(c.name)} />
          ))}
        </tbody>
      </table>
      {overview && overview.coders.length === 0 && <p className="hint">No coders yet: the first coding or memo adds you.</p>}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (newName.trim()) void choose(newName).then(() => setNewName(''));
        }}
      >
        <input aria-label="Code as a new coder" placeholder="Code as a new coder…" value={newName} maxLength={100} onChange={(e) => setNewName(e.target.value)} />
        <button type="submit" disabled={!newName.trim()}>
          Code as new coder
        </button>
      </form>
      <label className="check blind-toggle">
        <input type="checkbox" checked={filter.blind} onChange={(e) => filter.setBlind(e.target.checked)} /> Blind coding: hide other coders’ codings while I code
      </label>
      <p className="hint">
        Blind coding keeps each coder’s first pass independent; compare afterwards in the Coding comparison view.
      </p>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
