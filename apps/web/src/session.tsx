import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Agency, Me } from '@tajriba/contracts';
import { api, onUnauthenticated, setApiAgency } from './api.ts';

export type Role = Me['memberships'][number]['role'];

export interface Session {
  status: 'loading' | 'anonymous' | 'signed-in';
  me: Me | null;
  agencies: Agency[];
  /** The agency every screen acts on. */
  agency: Agency | null;
  /** The user's role in the selected agency (superadmins act as admin). */
  role: Role | null;
  selectAgency: (slug: string) => void;
  /** Re-reads /auth/me and /agencies (after login, password change, agency creation). */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const AGENCY_KEY = 'tajriba.agency';
// The session cookie is httpOnly, so the app keeps a hint that one may exist: without it
// the first screen is the login form, with no /auth/me round trip answered 401.
const SIGNED_IN_HINT = 'tajriba.signedIn';
export const markSignedIn = () => localStorage.setItem(SIGNED_IN_HINT, '1');
const clearSignedIn = () => localStorage.removeItem(SIGNED_IN_HINT);
const SessionContext = createContext<Session | null>(null);

function pickAgency(agencies: Agency[], wanted: string | null): Agency | null {
  return agencies.find((a) => a.slug === wanted) ?? agencies[0] ?? null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Session['status']>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [agency, setAgency] = useState<Agency | null>(null);

  const refresh = useCallback(async () => {
    if (!localStorage.getItem(SIGNED_IN_HINT)) {
      setStatus('anonymous');
      return;
    }
    try {
      const who = await api<Me>('/auth/me', { agency: false });
      const list = who.must_change_password ? [] : (await api<{ items: Agency[] }>('/agencies', { agency: false })).items;
      const chosen = pickAgency(list, localStorage.getItem(AGENCY_KEY));
      setApiAgency(chosen?.slug ?? null);
      setMe(who);
      setAgencies(list);
      setAgency(chosen);
      setStatus('signed-in');
    } catch {
      clearSignedIn();
      setApiAgency(null);
      setMe(null);
      setStatus('anonymous');
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthenticated(() => {
      clearSignedIn();
      setMe(null);
      setStatus('anonymous');
    });
  }, [refresh]);

  const selectAgency = useCallback(
    (slug: string) => {
      const next = agencies.find((a) => a.slug === slug) ?? null;
      localStorage.setItem(AGENCY_KEY, slug);
      setApiAgency(next?.slug ?? null);
      setAgency(next);
    },
    [agencies],
  );

  const signOut = useCallback(async () => {
    await api('/auth/logout', { method: 'POST', agency: false }).catch(() => undefined);
    clearSignedIn();
    setMe(null);
    setStatus('anonymous');
  }, []);

  const value = useMemo<Session>(() => {
    const membership = me?.memberships.find((m) => m.agency_id === agency?.id);
    const role: Role | null = me?.is_superadmin ? 'admin' : (membership?.role ?? null);
    return { status, me, agencies, agency, role, selectAgency, refresh, signOut };
  }, [status, me, agencies, agency, selectAgency, refresh, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The selected agency's IANA time zone (Asia/Riyadh until one is chosen). */
export function useAgencyTimeZone() {
  return useSession().agency?.timezone ?? 'Asia/Riyadh';
}
