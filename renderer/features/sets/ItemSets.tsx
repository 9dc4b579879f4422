import type { ItemSetKind } from '../../../shared/domain/setTypes.js';
import { AddToSetDialog } from './AddToSetDialog.js';
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

/** A panel's sets (the Sources list's source sets, the code tree's code sets) and its "Add to set…" dialog. */
export function ItemSets({ kind, adding, onDoneAdding, nameOf, onOpenMember }: Props) {
  const s = useItemSets(kind);
  return (
    <>
      <SetsSection
        title={kind === 'sources' ? 'Source sets' : 'Code sets'}
        sets={s.sets}
        nameOf={nameOf}
        onOpenMember={onOpenMember}
        onRemoveMember={(setId, memberId) => void s.removeFrom(setId, [memberId])}
        onDelete={(set) => s.remove(set.id, set.name)}
      />
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
