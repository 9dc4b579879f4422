import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** Element id of the dialog's label; defaults to the built-in heading. */
  labelledBy?: string;
  hideTitle?: boolean;
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus,
 * Escape closes it, and focus returns to where it was.
 */
export function Modal({ title, onClose, children, className, hideTitle }: Props) {
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
  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      aria-label={title}
      onMouseDown={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === ref.current) closeRef.current();
      }}
    >
      <div className="modal-body">
        {!hideTitle && <h2 className="modal-title">{title}</h2>}
        {children}
      </div>
    </dialog>
  );
}
