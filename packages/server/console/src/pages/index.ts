// pages: every page of the console — its path under /console, its title, and its label in the navigation.
// A new page is one file in this folder and one line here; the shell (App.tsx) builds the navigation from this table.
import type { ComponentType } from 'preact';
import { ActivityPage } from './activity/ActivityPage.js';
import { AuditPage } from './audit/AuditPage.js';
import { KeysPage } from './KeysPage.js';
import { RolesPage } from './roles/RolesPage.js';
import { SettingsPage } from './settings/SettingsPage.js';
import { UserPage } from './users/UserPage.js';
import { UsersPage } from './users/UsersPage.js';

export interface PageProps {
  /** The path's `:name` parts, decoded. */
  params: Record<string, string>;
}

export interface Page {
  /** Path below /console, with `:name` parts (e.g. `/users/:userId`). */
  path: string;
  /** The page's name in the navigation; pages without one are reached from another page (a user's page). */
  nav?: string;
  component: ComponentType<PageProps>;
}

/** In navigation order; the first page with a `nav` label is where /console/ lands. */
export const pages: Page[] = [
  { path: '/users', nav: 'Users', component: UsersPage },
  { path: '/users/:userId', component: UserPage },
  { path: '/settings', nav: 'Settings', component: SettingsPage },
  { path: '/roles', nav: 'Roles', component: RolesPage },
  { path: '/keys', nav: 'Keys', component: KeysPage },
  { path: '/activity', nav: 'Activity', component: ActivityPage },
  { path: '/audit', nav: 'Audit log', component: AuditPage },
];
