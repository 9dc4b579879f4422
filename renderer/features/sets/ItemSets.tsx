import { useState } from 'react';
import type { ItemSetInfo, ItemSetKind } from '../../../shared/domain/setTypes.js';
import { AddToSetDialog } from './AddToSetDialog.js';
import { SetDetailsDialog, type SetDetail } from './SetDetailsDialog.js';
import { SetsSection } from './SetsSection.js';
import { useItemSets } from './useItemSets.js';

interface Props {
  kind: ItemSetKind;
  /** The source or code "Add to set…" was chosen on, while its dialog is open. */
  adding: { id: number; what: string } | null;
  onDoneAdding(): void;
  nameOf(memberId: number): string | undefined;
  onOpenMember(memberId: number): void;
}

/** A panel's sets (the Sources list's source sets, the code tree's code sets), its "Add to set…" dialog and the dialog that renames or describes a set. */
export function ItemSets({ kind, adding, onDoneAdding, nameOf, onOpenMember }: Props) {
  const s = useItemSets(kind);
  const [editing, setEditing] = useState<{ set: ItemSetInfo; field: SetDetail } | null>(null);
  return (
    <>
      <SetsSection
        title={kind === 'sources' ? 'Source sets' : 'Code sets'}
        sets={s.sets}
        nameOf={nameOf}
        onOpenMember={onOpenMember}
        onRemoveMember={(setId, memberId) => void s.removeFrom(setId, [memberId])}
        onDelete={(set) => s.remove(set.id, set.name)}
        onRename={(set) => setEditing({ set, field: 'name' })}
        onDescribe={(set) => setEditing({ set, field: 'description' })}
      />
      {editing && (
        <SetDetailsDialog set={editing.set} field={editing.field} onSave={(value) => s.update(editing.set.id, { [editing.field]: value })} onClose={() => setEditing(null)} />
      )}
      {adding && (
        <AddToSetDialog
          what={adding.what}
          memberId={adding.id}
          sets={s.sets}
          onAdd={(setId, setName) => s.addTo(setId, [adding.id], setName)}
          onCreate={(name) => s.create(name, [adding.id])}
          onClose={onDoneAdding}
        />
      )}
    </>
  );
}
