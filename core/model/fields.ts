/**
 * The project-wide fields every export fills the same way, whoever starts it
 * (the app, `render`, `batch`, `demo`): the title defaults to the project's name
 * and the date to the export day, unless the admin typed their own.
 */
import type { Language } from '../errors.js';
import type { Project } from './project.js';

/** A date as people in Malang write it (30 November 2026), or in English. */
export function formatDate(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

export function withDefaultFields(project: Project, options: { date: Date; language: Language }): Project {
  const typed = Object.fromEntries(Object.entries(project.fields).filter(([, value]) => value.trim() !== ''));
  return { ...project, fields: { title: project.name, date: formatDate(options.date, options.language), ...typed } };
}
