'use client';
import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

/** While a sync is queued or running, the page reloads its data every two seconds to show progress. */
export function LiveRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(t);
  }, [active, router]);
  return null;
}
