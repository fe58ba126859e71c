// "View source" for an EE deployed from a project: the exact files its
// build was made from, read-only, one at a time. File text is shown as
// text (textContent), never HTML.

import type { Project, ProjectBuild } from '../core/api';
import { h, plural, replace } from '../ui/dom';

/**
 * The control for EE eeIndex's source: a button that shows or hides the
 * build's files; open says whether it starts shown, and onToggle is told
 * when it is shown or hidden, so that a re-render keeps it.
 */
export function sourceControl(eeIndex: number, project: Project, build: ProjectBuild, open: boolean, onToggle: (open: boolean) => void): HTMLElement {
  const regionId = `ees-source-${eeIndex}`;
  const button = h('button', { type: 'button', class: 'ees-source-button', 'aria-expanded': String(open), 'aria-controls': regionId, 'data-ee-view-source': true }, 'View source');
  const region = snapshot(regionId, project, build);
  region.hidden = !open;
  button.addEventListener('click', () => {
    region.hidden = !region.hidden;
    button.setAttribute('aria-expanded', String(!region.hidden));
    onToggle(!region.hidden);
  });
  return h('div', { class: 'ees-source' }, button, region);
}

/** The build's files: which project and version, a file picker, and the picked file's text. */
function snapshot(id: string, project: Project, build: ProjectBuild): HTMLElement {
  const pickerId = `${id}-file`;
  // The entry first: it is the file the build compiled.
  const files = [...build.files].sort((a, b) => Number(b.path === build.entry) - Number(a.path === build.entry));
  const picker = h(
    'select',
    { id: pickerId, 'data-ee-source-file': true },
    ...files.map((f, i) => h('option', { value: String(i) }, f.path === build.entry ? `${f.path} (entry)` : f.readOnly ? `${f.path} (library)` : f.path)),
  );
  const text = h('pre', { class: 'ees-source-text', tabindex: 0, 'aria-label': 'source text, read-only', 'data-ee-source-text': true });
  const show = () => {
    const file = files[Number(picker.value)];
    replace(text, file.text);
  };
  picker.addEventListener('change', show);
  show();
  return h(
    'section',
    { id, class: 'ees-source-snapshot', 'aria-label': `source of ${project.name} v${build.version}`, 'data-ee-source': true },
    h(
      'p',
      { class: 'kit-muted' },
      'Built from project ',
      h('strong', null, project.name),
      `, version ${build.version}: ${plural(build.files.length, 'file')}, as they were at that deploy.`,
    ),
    h('label', { for: pickerId }, 'File '),
    picker,
    text,
  );
}
