import { useEffect, useRef, type ReactNode } from 'react';
import './modal.css';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** Element id of the dialog's label; defaults to the built-in heading. */
  labelledBy?: string;
  hideTitle?: boolean;
  /** Buttons at the bottom, in a bar that stays visible while the body scrolls. */
  actions?: ReactNode;
  /** Room for a table (a preview, a report). */
  wide?: boolean;
  /** A × button in the title bar (for dialogs without an obvious Cancel). */
  closeButton?: boolean;
}

/**
 * The one modal dialog of the app, on the native <dialog> element: the browser
 * traps focus, Escape closes it, and focus returns to where it was.
 */
export function Modal({ title, onClose, children, className, hideTitle, actions, wide, closeButton }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first control; a dialog can name a better one (a memo's text box).
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (previous && previous.isConnected) previous.focus();
    };
  }, []);
  const classes = ['modal', wide ? 'modal-wide' : '', actions ? 'modal-with-actions' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <dialog
      ref={ref}
      className={classes}
      aria-label={title}
      onMouseDown={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === ref.current) closeRef.current();
      }}
    >
      {closeButton && (
        <header className="modal-head">
          {!hideTitle && <h2 className="modal-title">{title}</h2>}
          <button type="button" className="icon modal-close" aria-label="Close" onClick={() => closeRef.current()}>
            ×
          </button>
        </header>
      )}
      <div className="modal-body">
        {!hideTitle && !closeButton && <h2 className="modal-title">{title}</h2>}
        {children}
      </div>
      {actions && <footer className="modal-actions modal-footer">{actions}</footer>}
    </dialog>
  );
}
