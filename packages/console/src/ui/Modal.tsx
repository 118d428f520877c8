import { type ReactNode, useEffect, useId, useRef } from 'react';

interface ModalProps {
  title: string;
  children: ReactNode;
  /** Escape, the close button, or the dialog closing any other way. */
  onClose(): void;
  /** For an alert dialog (a confirmation): read out as one. */
  role?: 'dialog' | 'alertdialog';
  wide?: boolean;
}

/**
 * A native modal <dialog>: the browser traps focus in it, closes it on Escape and makes the rest
 * of the page inert. Focus goes back to what had it before, so keyboard users keep their place.
 */
export function Modal({ title, children, onClose, role = 'dialog', wide = false }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const closed = () => closeRef.current();
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
      previous?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={wide ? 'modal modal-wide' : 'modal'} role={role} aria-labelledby={titleId}>
      <header className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => ref.current?.close()}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
