import { Modal } from '../workbench/Modal.js';
import { displayChord, isMacPlatform } from './keyChord.js';
import { SHORTCUT_GROUPS } from './shortcutList.js';

/** Every keyboard shortcut, grouped by where it works. */
export function ShortcutsPanel({ onClose }: { onClose(): void }) {
  const mac = isMacPlatform();
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} className="shortcuts-panel">
      <div className="shortcut-groups">
        {SHORTCUT_GROUPS.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h3>{g.title}</h3>
            <table>
              <tbody>
                {g.items.map((s) => (
                  <tr key={s.action}>
                    <td className="keys">
                      {s.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 && <span className="hint"> or </span>}
                          <kbd>{displayChord(k, mac)}</kbd>
                        </span>
                      ))}
                    </td>
                    <td>{s.action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <div className="row-buttons end">
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
