'use client';
import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

/** While work the page shows is queued or running (a sync, an import), the page reloads its data every two seconds to show progress. */
export function LiveRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(t);
  }, [active, router]);
  return null;
}
