import './safety.css';

/**
 * A project open in another Quarry: who has it and since when (the core's
 * message says), and the offer to open it read-only instead.
 */
export function LockedOffer({ message, onReadOnly, onDismiss }: { message: string; onReadOnly(): void; onDismiss(): void }) {
  return (
    <section className="locked-offer" role="alert" aria-label="Project in use" data-testid="locked-offer">
      <p>{message}</p>
      <button type="button" className="primary" onClick={onReadOnly}>
        Open read-only
      </button>{' '}
      <button type="button" onClick={onDismiss}>
        Cancel
      </button>
    </section>
  );
}
