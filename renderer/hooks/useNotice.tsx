import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

interface NoticeApi {
  notices: Notice[];
  notify: (text: string, kind?: Notice['kind']) => void;
  dismiss: (id: number) => void;
  /** Drops the errors still shown: they belong to the screen that raised them. */
  dismissErrors: () => void;
}

const Ctx = createContext<NoticeApi | null>(null);
let nextId = 1;

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((n) => n.filter((x) => x.id !== id)), []);
  const notify = useCallback(
    (text: string, kind: Notice['kind'] = 'info') => {
      const id = nextId++;
      setNotices((n) => [...n.slice(-3), { id, kind, text }]);
      if (kind === 'info') setTimeout(() => dismiss(id), 5000);
    },
    [dismiss],
  );
  const dismissErrors = useCallback(() => setNotices((n) => (n.some((x) => x.kind === 'error') ? n.filter((x) => x.kind !== 'error') : n)), []);
  return <Ctx.Provider value={{ notices, notify, dismiss, dismissErrors }}>{children}</Ctx.Provider>;
}

export function useNotice(): NoticeApi {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useNotice outside NoticeProvider');
  return ctx;
}

/** Runs an API action and reports a failure as a notice instead of throwing. */
export function useAction() {
  const { notify } = useNotice();
  return useCallback(
    async <T,>(fn: () => Promise<T>, success?: string): Promise<T | undefined> => {
      try {
        const v = await fn();
        if (success) notify(success);
        return v;
      } catch (err) {
        notify((err as Error).message, 'error');
        return undefined;
      }
    },
    [notify],
  );
}
