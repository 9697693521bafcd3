// The screening set-up pages (S2, issue 4 items 1–2) for the municipality administrator
// (`screening.manage`): rounds with their progress, and scales with their versions.
// Registered by adminRoutes (../index.tsx) under the same permission guard as the other
// administration pages; the server enforces the same permission.
import type { ReactNode } from 'react';
import { RoundPage } from './RoundPage.tsx';
import { RoundsPage } from './RoundsPage.tsx';
import { CreateScalePage, NewScaleVersionPage } from './ScaleFormPages.tsx';
import { ScalesPage } from './ScalesPage.tsx';
import './screening-admin.css';

export const screeningAdminPages: readonly (readonly [path: string, page: () => ReactNode])[] = [
  ['/admin/trivsel', () => <RoundsPage />],
  ['/admin/trivsel/runde/$roundId', () => <RoundPage />],
  ['/admin/trivsel/skalaer', () => <ScalesPage />],
  ['/admin/trivsel/skalaer/ny', () => <CreateScalePage />],
  ['/admin/trivsel/skalaer/$scaleId/ny-version', () => <NewScaleVersionPage />],
];
