'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/client/api';
import type { AdminReport, AuditItem, CursorPage, ReportFilter, ReportHistory } from './types';

/** Everything the console caches sits under 'admin', apart from the chat screen's keys. */
export const adminKeys = {
  reports: ['admin', 'reports'] as const,
  reportList: (status: ReportFilter) => ['admin', 'reports', status] as const,
  report: (id: string) => ['admin', 'report', id] as const,
  audit: ['admin', 'audit'] as const,
  moderators: ['admin', 'moderators'] as const,
  words: ['admin', 'words'] as const,
};

const PAGE = 25;

function pageQuery(path: string, cursor: string | null, extra = ''): string {
  const c = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
  return `${path}?limit=${PAGE}${extra}${c}`;
}

export function useReportList(status: ReportFilter) {
  return useInfiniteQuery({
    queryKey: adminKeys.reportList(status),
    queryFn: ({ pageParam }) =>
      api<CursorPage<AdminReport>>(pageQuery('/admin/reports', pageParam, `&status=${status}`)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useReport(id: string | null) {
  return useQuery({
    queryKey: adminKeys.report(id ?? ''),
    queryFn: () => api<{ report: AdminReport; history: ReportHistory }>(`/admin/reports/${id}`),
    enabled: id !== null,
  });
}

export function useAuditLog() {
  return useInfiniteQuery({
    queryKey: adminKeys.audit,
    queryFn: ({ pageParam }) => api<CursorPage<AuditItem>>(pageQuery('/admin/audit', pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
