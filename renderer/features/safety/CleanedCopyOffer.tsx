import './safety.css';

/**
 * A file refused because it holds things Quarry did not create: what was
 * found (the core's message says), and the offer to open a cleaned copy.
 */
export function CleanedCopyOffer({ message, onCleanedCopy, onDismiss }: { message: string; onCleanedCopy(): void; onDismiss(): void }) {
  return (
    <section className="locked-offer" role="alert" aria-label="File not opened" data-testid="cleaned-copy-offer">
      <p>{message}</p>
      <button type="button" className="primary" onClick={onCleanedCopy}>
        Open a cleaned copy
      </button>{' '}
      <button type="button" onClick={onDismiss}>
        Cancel
      </button>
    </section>
  );
}
