/**
 * The workbench's main views (tabs above the centre area). A feature adds
 * its view here; the document view is the default.
 */
import type { ComponentType } from 'react';
import type { ProjectInfo } from '../../../shared/domain/types.js';
import { CodedPassagesView } from '../passages/CodedPassagesView.js';
import { MemosView } from '../memos/MemosView.js';
import { CasesView } from '../cases/CasesView.js';
import { DocumentPane } from './DocumentPane.js';
import { CodingComparisonView } from '../agreement/CodingComparisonView.js';
import { QueriesView } from '../queries/QueriesView.js';
import { FrameworkView } from '../queries/framework/FrameworkView.js';

export interface WorkbenchViewProps {
  project: ProjectInfo;
}

export interface WorkbenchView {
  id: string;
  label: string;
  /** Keyboard shortcut shown in the tab's tooltip (handled by the shortcuts feature). */
  shortcut?: string;
  component: ComponentType<WorkbenchViewProps>;
}

export const WORKBENCH_VIEWS: WorkbenchView[] = [
  { id: 'document', label: 'Document', shortcut: 'Alt+1', component: DocumentPane },
  { id: 'passages', label: 'Coded passages', shortcut: 'Alt+2', component: CodedPassagesView },
  { id: 'memos', label: 'Memos', shortcut: 'Alt+3', component: MemosView },
  { id: 'cases', label: 'Cases', component: CasesView },
  { id: 'comparison', label: 'Coding comparison', component: CodingComparisonView },
  { id: 'queries', label: 'Queries', component: QueriesView },
  { id: 'framework', label: 'Framework matrices', component: FrameworkView },
];
