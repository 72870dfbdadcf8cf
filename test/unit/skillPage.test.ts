import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogIndex } from '../../src/core/catalog/catalogIndex';
import type { Catalog } from '../../src/core/catalog/types';
import type { TemplateManifest } from '../../src/core/scaffold/types';
import { english } from '../../src/core/l10n';
import { buildSkillPage as buildWith, type SkillPageInput } from '../../src/core/view/skillPageModel';
import type { NextLevel, SkillPageModel, SkillPageViewModel } from '../../src/shared/skillPageModel';
import { contentSecurityPolicy, skillPageHtml } from '../../src/core/view/skillPageHtml';
import { parseHostMessage, parsePageState, parseWebviewMessage } from '../../src/shared/protocol';
import { ICON_PATHS } from '../../src/webview/generated/icons';
import { ICON_NAMES } from '../../src/webview/iconNames';
import { bundledIndex, repoRoot } from './helpers';

/** The builder in English. */
function buildSkillPage(input: Omit<SkillPageInput, 'translate'>): SkillPageViewModel {
  return buildWith({ ...input, translate: english });
}

function page(m: SkillPageViewModel): SkillPageModel {
  assert.equal(m.kind, 'skill');
  return m as SkillPageModel;
}

function gap(n: NextLevel): Extract<NextLevel, { kind: 'gap' }> {
  assert.equal(n.kind, 'gap', `expected a gap, got ${n.kind}`);
  return n as Extract<NextLevel, { kind: 'gap' }>;
}

function starter(over: Partial<TemplateManifest> & Pick<TemplateManifest, 'id' | 'skill' | 'level' | 'milestones'>): TemplateManifest {
  return {
    version: 1,
    title: `Starter ${over.id}`,
    description: `The ${over.id} starter.`,
    roles: [],
    defaultName: 'x',
    smokeCommand: 'python -m x --smoke',
    runCommand: 'python -m x',
    testCommand: 'python -m pytest',
    ...over,
  };
}

describe('skill page view model', () => {
  let index: CatalogIndex;
  beforeEach(() => {
    index = bundledIndex();
  });

  describe('the next-level gap from the seed data', () => {
    it('ML Engineer, Junior → Middle in PyTorch: scheduler, early stopping, transfer learning, MLflow/W&B', () => {
      const m = page(buildSkillPage({ index, skill: 'pytorch', role: 'ml-engineer', level: 'junior' }));
      const n = gap(m.nextLevel);
      assert.deepEqual([n.role.id, n.from.id, n.to.id], ['ml-engineer', 'junior', 'middle']);
      assert.equal(n.change, 'staysRequired');
      assert.equal(n.next.required, true);
      assert.equal(n.next.text, index.expectation('pytorch', 'ml-engineer', 'middle')?.text);
      assert.equal(n.current?.text, index.expectation('pytorch', 'ml-engineer', 'junior')?.text);
      for (const term of ['scheduler', 'early stopping', 'transfer learning', 'MLflow/W&B']) {
        assert.ok(n.newTerms.some((t) => t.includes(term)), `${term} is new at Middle: ${JSON.stringify(n.newTerms)}`);
      }
      // Junior already trains with an optimizer and a training loop; the skill's own name is never news.
      for (const known of ['optimizer', 'training loop', 'PyTorch']) {
        assert.ok(!n.newTerms.some((t) => t.toLowerCase().includes(known.toLowerCase())), `${known} is not new: ${JSON.stringify(n.newTerms)}`);
      }
      assert.equal(n.points.length, 3, 'one point per sentence of the Middle expectation');
    });

    it('Data Scientist, Middle → Senior in ML Pipelines: Kubeflow, Vertex AI, SageMaker, caching', () => {
      const m = page(buildSkillPage({ index, skill: 'ml-pipelines', role: 'data-scientist', level: 'middle' }));
      const n = gap(m.nextLevel);
      assert.deepEqual([n.from.title, n.to.title], ['Middle', 'Senior']);
      assert.equal(n.change, 'staysRequired');
      for (const term of ['Kubeflow', 'Vertex AI', 'SageMaker', 'caching', 'parallel execution', 'incremental processing']) {
        assert.ok(n.newTerms.some((t) => t.includes(term)), `${term} is new at Senior: ${JSON.stringify(n.newTerms)}`);
      }
      // "pipelines" and "training" are already in the Middle text.
      assert.ok(!n.newTerms.some((t) => /^pipelines?$/i.test(t) || /^training$/i.test(t)), JSON.stringify(n.newTerms));
    });

    it('Computer Vision Engineer: PyTorch stays optional to Middle and becomes required at Senior', () => {
      const toMiddle = gap(page(buildSkillPage({ index, skill: 'pytorch', role: 'computer-vision-engineer', level: 'junior' })).nextLevel);
      assert.equal(toMiddle.change, 'staysOptional');
      const toSenior = gap(page(buildSkillPage({ index, skill: 'pytorch', role: 'computer-vision-engineer', level: 'middle' })).nextLevel);
      assert.equal(toSenior.change, 'becomesRequired');
      assert.ok(toSenior.newTerms.includes('TorchScript') && toSenior.newTerms.includes('quantization'), JSON.stringify(toSenior.newTerms));
    });

    it('ML Engineer, Lead → Principal in PyTorch has a gap; Principal has no next level', () => {
      const lead = gap(page(buildSkillPage({ index, skill: 'pytorch', role: 'ml-engineer', level: 'lead' })).nextLevel);
      assert.equal(lead.to.id, 'principal');
      assert.ok(lead.newTerms.some((t) => /enterprise scale/.test(t)), JSON.stringify(lead.newTerms));
      const top = page(buildSkillPage({ index, skill: 'pytorch', role: 'ml-engineer', level: 'principal' })).nextLevel;
      assert.deepEqual(top, { kind: 'top', role: { id: 'ml-engineer', title: 'ML Engineer' }, level: { id: 'principal', title: 'Principal' } });
    });

    it('a role with career data but no expectations has no gap to show', () => {
      const m = page(buildSkillPage({ index, skill: 'pytorch', role: 'ml-platform-engineer', level: 'junior' }));
      assert.equal(m.selection.role, 'ml-platform-engineer');
      assert.equal(m.nextLevel.kind, 'noExpectation');
      assert.equal(m.career.view?.role.id, 'ml-platform-engineer');
    });
  });

  describe('selection and matrix', () => {
    it('follows the learner path by default and highlights their cell and the next one', () => {
      const m = page(buildSkillPage({ index, skill: 'pytorch', path: { role: 'ml-engineer', current: 'junior', target: 'senior' } }));
      assert.deepEqual(m.selection, { role: 'ml-engineer', level: 'junior' });
      assert.deepEqual(m.pinned, {});
      assert.equal(m.learner?.role.title, 'ML Engineer');
      assert.equal(m.matrix.rows.length, 5);
      assert.deepEqual(m.matrix.levels.map((l) => l.title), ['Junior', 'Middle', 'Senior', 'Lead', 'Principal']);
      const row = m.matrix.rows.find((r) => r.role.id === 'ml-engineer');
      assert.ok(row?.selected && row.mine);
      assert.deepEqual(row.cells.map((c) => [c.mine, c.selected, c.next]).slice(0, 3), [
        [true, true, false],
        [false, false, true],
        [false, false, false],
      ]);
      const cells = m.matrix.rows.flatMap((r) => r.cells);
      assert.equal(cells.filter((c) => c.expectation?.required).length, 19);
      assert.equal(cells.filter((c) => c.expectation && !c.expectation.required).length, 6);
      assert.equal(cells.filter((c) => c.mine).length, 1);
      assert.ok(m.matrix.levels[0]?.mine && m.matrix.levels[0].selected);
    });

    it('a role picked on the page keeps the learner highlighted on their own row', () => {
      const m = page(buildSkillPage({ index, skill: 'pytorch', role: 'data-scientist', path: { role: 'ml-engineer', current: 'middle', target: 'senior' } }));
      assert.deepEqual(m.selection, { role: 'data-scientist', level: 'middle' });
      assert.deepEqual(m.pinned, { role: 'data-scientist' });
      assert.equal(m.matrix.rows.find((r) => r.selected)?.role.id, 'data-scientist');
      assert.equal(m.matrix.rows.find((r) => r.mine)?.role.id, 'ml-engineer');
      assert.equal(gap(m.nextLevel).to.id, 'senior');
    });

    it('without a path: the first role with expectations at its first level; unknown ids are ignored', () => {
      const m = page(buildSkillPage({ index, skill: 'ml-technical-fluency', role: 'nobody', level: 'grandmaster' }));
      assert.deepEqual(m.selection, { role: 'ml-engineer', level: 'junior' });
      assert.deepEqual(m.pinned, {});
      assert.equal(m.learner, undefined);
      assert.deepEqual(m.matrix.rows.map((r) => [r.role.id, r.mine]), [['ml-engineer', false]], 'no row is marked as the learner’s');
    });

    it('offers the roles with expectations, with career data, and the learner’s own', () => {
      const m = page(buildSkillPage({ index, skill: 'pytorch', path: { role: 'mlops-engineer', current: 'junior', target: 'lead' } }));
      assert.deepEqual(
        m.roles.map((r) => [r.id, r.hasExpectations, r.mine]),
        [
          ['computer-vision-engineer', true, false],
          ['data-scientist', true, false],
          ['llm-engineer', true, false],
          ['ml-engineer', true, false],
          ['nlp-engineer', true, false],
          ['mlops-engineer', false, true],
          ['ml-platform-engineer', false, false],
        ],
      );
      assert.equal(m.selection.role, 'mlops-engineer');
      assert.equal(m.nextLevel.kind, 'noExpectation');
      assert.equal(m.career.view, undefined);
      assert.deepEqual(m.career.availableFor.map((r) => r.id), ['ml-engineer', 'ml-platform-engineer']);
    });

    it('header: tags, domain, group, figures', () => {
      const m = page(buildSkillPage({ index, skill: 'ml-technical-fluency' }));
      assert.equal(m.skill.domain, 'Machine Learning & AI');
      assert.equal(m.skill.group, 'Model Development');
      assert.ok(m.skill.tags.includes('pytorch'));
      assert.deepEqual(m.figures.map((f) => [f.id, f.value]), [
        ['demand', '9.1/10'],
        ['aiRisk', '15%'],
        ['careers', '1'],
        ['categories', '1'],
      ]);
      assert.equal(m.stages.length, 3);
      assert.equal(m.interview.length, 2);
      assert.ok(m.tools.flatMap((c) => c.tools).length >= 8);
    });

    it('a skill that is not in the catalog gives the missing page', () => {
      assert.deepEqual(buildSkillPage({ index, skill: 'cobol' }), { kind: 'missing', skill: 'cobol' });
    });
  });

  describe('practice projects, starters and milestones', () => {
    const cifar = starter({
      id: 'pytorch-image-classifier',
      skill: 'ml-technical-fluency',
      practiceProject: 'cifar10-image-classification',
      level: 'junior',
      roles: ['ml-engineer', 'computer-vision-engineer', 'data-scientist'],
      milestones: [
        { id: 'smoke', title: 'Run the smoke test', done: 'It runs.', file: 'train.py', serves: [{ skill: 'ml-technical-fluency', project: 'cifar10-image-classification', step: 3 }] },
        { id: 'data', title: 'Load the data', done: 'Loaded.', file: 'data.py', serves: [{ skill: 'ml-technical-fluency', project: 'cifar10-image-classification', step: 1 }] },
      ],
    });
    const ddp = starter({
      id: 'distributed-pytorch',
      skill: 'pytorch',
      level: 'senior',
      roles: ['ml-engineer', 'data-scientist'],
      milestones: [
        { id: 'two-ranks', title: 'Train with two ranks', done: 'world_size 2.', file: 'launch.py', serves: [{ skill: 'pytorch', role: 'ml-engineer', level: 'senior' }] },
        { id: 'accumulate', title: 'Accumulate gradients', done: 'no_sync.', file: 'train.py', serves: [{ skill: 'pytorch', role: 'nlp-engineer', level: 'senior' }] },
      ],
    });
    const starters = [cifar, ddp];

    it('PyTorch lists the technical-fluency projects (tagged pytorch) and the DDP starter', () => {
      const m = page(buildSkillPage({ index, skill: 'pytorch', role: 'ml-engineer', level: 'junior', starters }));
      assert.deepEqual(
        m.projects.map((p) => [p.key, p.from?.id, p.starter?.id, p.level?.id]),
        [
          ['ml-technical-fluency/cifar10-image-classification', 'ml-technical-fluency', 'pytorch-image-classifier', 'junior'],
          ['ml-technical-fluency/transformer-text-classification', 'ml-technical-fluency', undefined, 'middle'],
          ['ml-technical-fluency/two-stage-recommender', 'ml-technical-fluency', undefined, 'senior'],
          ['starter:distributed-pytorch', undefined, 'distributed-pytorch', 'senior'],
        ],
      );
      assert.deepEqual(m.related, [{ id: 'ml-technical-fluency', title: index.skill('ml-technical-fluency')?.title }]);
      const steps = m.projects[0]?.steps ?? [];
      assert.equal(steps.length, 4);
      assert.deepEqual(steps.map((s) => s.milestones), [['Load the data'], [], ['Run the smoke test'], []]);
    });

    it('Junior → Middle is served by the intermediate project; Middle → Senior by the DDP starter, whose milestones serve it', () => {
      const toMiddle = gap(page(buildSkillPage({ index, skill: 'pytorch', role: 'ml-engineer', level: 'junior', starters })).nextLevel);
      assert.deepEqual(toMiddle.projects.map((p) => p.project), ['transformer-text-classification']);

      const toSenior = gap(page(buildSkillPage({ index, skill: 'pytorch', role: 'ml-engineer', level: 'middle', starters })).nextLevel);
      assert.equal(toSenior.projects[0]?.starter?.id, 'distributed-pytorch', 'the starter that serves the expectation comes first');
      assert.deepEqual(toSenior.projects[0]?.starter?.milestones.map((ms) => [ms.id, ms.servesNextLevel]), [
        ['two-ranks', true],
        ['accumulate', false],
      ]);
      assert.match(toSenior.projects[0]?.reason ?? '', /serve ML Engineer · Senior/);
      assert.ok(toSenior.projects.some((p) => p.project === 'two-stage-recommender'), 'the advanced project is aimed at Senior');
    });

    it('a starter aimed at other roles does not serve this role', () => {
      const toSenior = gap(page(buildSkillPage({ index, skill: 'pytorch', role: 'computer-vision-engineer', level: 'middle', starters })).nextLevel);
      assert.ok(!toSenior.projects.some((p) => p.starter?.id === 'distributed-pytorch'), JSON.stringify(toSenior.projects.map((p) => p.key)));
    });

    it('the seed starters on disk all show up on the pages of the skills they serve', () => {
      // dist/templates.json is built by `npm run build`, which every test run starts with: missing is a failure.
      const manifests = (JSON.parse(readFileSync(join(repoRoot, 'dist', 'templates.json'), 'utf8')) as { manifest: TemplateManifest }[]).map((t) => t.manifest);
      assert.equal(manifests.length, 5);
      let checked = 0;
      for (const m of manifests) {
        const skills = new Set([m.skill, ...m.milestones.flatMap((ms) => ms.serves.map((s) => s.skill))]);
        for (const skill of skills) {
          const p = page(buildSkillPage({ index, skill, starters: manifests }));
          assert.ok(
            p.projects.some((x) => x.starter?.id === m.id),
            `${m.id} is on the ${skill} page`,
          );
          checked++;
        }
      }
      assert.ok(checked >= manifests.length, `${checked} starter pages checked`);
    });
  });

  describe('catalog text stays data', () => {
    it('hostile strings from a pack reach the model verbatim, for the renderer to insert as text', () => {
      const evil = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>';
      const catalog: Catalog = {
        levels: index.levels.map((l) => ({ ...l })),
        roles: [{ id: 'ml-engineer', title: `ML ${evil}`, summary: evil }],
        skills: [
          {
            id: 'evil',
            title: `Evil ${evil}`,
            summary: evil,
            tags: [evil],
            roles: ['ml-engineer'],
            expectations: [
              { role: 'ml-engineer', level: 'junior', required: true, text: evil },
              { role: 'ml-engineer', level: 'middle', required: true, text: `${evil} javascript:void(0)` },
            ],
            practiceProjects: [{ id: 'p', title: evil, difficulty: 'intermediate', scenario: evil, steps: [evil] }],
            interviewQuestions: [{ id: 'q', question: evil, strategy: evil, sampleAnswer: evil }],
          },
        ],
        careerRelevance: [],
      };
      const m = page(buildSkillPage({ index: new CatalogIndex(catalog), skill: 'evil', role: 'ml-engineer', level: 'junior' }));
      assert.equal(m.skill.title, `Evil ${evil}`);
      assert.equal(m.matrix.rows[0]?.cells[0]?.expectation?.text, evil);
      assert.equal(m.projects[0]?.steps[0]?.text, evil);
      const n = gap(m.nextLevel);
      assert.equal(n.points.map((p) => p.segments.map((s) => s.text).join('')).join(' '), `${evil} javascript:void(0)`.replace(/\s+/g, ' '));
    });

    it('the webview never builds DOM from strings', () => {
      const files = (dir: string): string[] =>
        readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
      for (const file of files(join(repoRoot, 'src', 'webview'))) {
        const text = readFileSync(file, 'utf8');
        for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function', 'createContextualFragment', 'DOMParser']) {
          assert.ok(!text.includes(sink), `${file} uses ${sink}`);
        }
      }
    });
  });

  describe('webview shell and protocol', () => {
    it('the CSP allows only the nonce script and nonce\'d or the webview’s own styles: no fonts, images or connections', () => {
      const csp = contentSecurityPolicy('https://x.vscode-cdn.net', 'abc123');
      assert.match(csp, /^default-src 'none'; /);
      assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
      assert.match(csp, /style-src 'nonce-abc123' https:\/\/x\.vscode-cdn\.net(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|font-src|img-src|connect-src/);
      const html = skillPageHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://s/webview.js', styleUri: 'https://s/a.css', title: '<script>alert(1)</script>', loading: 'Loading…' });
      assert.ok(html.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>'));
      assert.equal((html.match(/<script/g) ?? []).length, 1);
      assert.ok(html.includes('<script nonce="abc123" src="https://s/webview.js"></script>'));
      // Without the stylesheet's text, it is linked; nothing else is (no icon font: icons are inline SVG).
      assert.deepEqual(html.match(/<link [^>]*>/g), ['<link rel="stylesheet" href="https://s/a.css">']);
    });

    it('the stylesheet and the script are inlined in the head, nonce\'d; never if their text could close its element', () => {
      const input = { cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://s/webview.js', styleUri: 'https://s/a.css', title: 'T', loading: 'Loading…' };
      const html = skillPageHtml({ ...input, scriptText: 'console.log(1 < 2)', styleText: 'a > b { color: red }' });
      assert.equal((html.match(/<script/g) ?? []).length, 1);
      assert.ok(html.includes('<script nonce="abc123">console.log(1 < 2)</script>'));
      assert.ok(html.includes('<style nonce="abc123">a > b { color: red }</style>'));
      assert.ok(!html.includes('webview.js') && !html.includes('a.css') && !html.includes('<link'), 'nothing to fetch');
      assert.ok(html.indexOf('<style') < html.indexOf('<script') && html.indexOf('<script') < html.indexOf('</head>'));
      for (const bad of ['x = "</script><script>alert(1)"', 'x = "</SCRIPT >"', 'x = "<!--"']) {
        const fallback = skillPageHtml({ ...input, scriptText: bad });
        assert.equal((fallback.match(/<script/g) ?? []).length, 1);
        assert.ok(fallback.includes('<script nonce="abc123" src="https://s/webview.js"></script>'));
        assert.ok(!fallback.includes(bad));
      }
      for (const bad of ['a::after { content: "</style><script>alert(1)</script>" }', '</STYLE >', '<!--']) {
        const fallback = skillPageHtml({ ...input, styleText: bad });
        assert.ok(fallback.includes('<link rel="stylesheet" href="https://s/a.css">'));
        assert.ok(!fallback.includes('<style') && !fallback.includes(bad));
      }
    });

    it('draws every icon it names from @vscode/codicons, as path data only (inline SVG, no font)', () => {
      assert.equal(ICON_PATHS.size, ICON_NAMES.length);
      for (const name of ICON_NAMES) {
        const art = ICON_PATHS.get(name);
        assert.ok(art, `no artwork for ${name}`);
        assert.match(art.viewBox, /^0 0 \d+ \d+$/, name);
        assert.ok(art.paths.length > 0, name);
        for (const attrs of art.paths) {
          assert.ok(attrs.some(([k, v]) => k === 'd' && /^[MmLlHhVvCcSsQqTtAaZz0-9.,\s-]+$/.test(v)), `${name}: path data`);
          for (const [k] of attrs) assert.ok(['d', 'fill-rule', 'clip-rule'].includes(k), `${name}: attribute ${k}`);
        }
      }
      // The same artwork as the package's own SVG for an icon (here list-tree).
      const svg = readFileSync(join(repoRoot, 'node_modules', '@vscode', 'codicons', 'dist', 'codicon.svg'), 'utf8');
      const d = ICON_PATHS.get('list-tree')?.paths[0]?.find(([k]) => k === 'd')?.[1] ?? '';
      assert.ok(d.length > 20 && svg.includes(`d="${d}"`));
    });

    it('the shipped stylesheet can be inlined, and the page fetches nothing: no url() in it', () => {
      const css = readFileSync(join(repoRoot, 'media', 'skillPage.css'), 'utf8');
      assert.doesNotMatch(css, /<\/style|<!--/i);
      assert.doesNotMatch(css, /url\(|@import/);
    });

    it('the first render rides in the HTML as inert JSON data that no catalog string can break out of', () => {
      const evil = '</script><script>alert(1)</script><!-- \u2028 & <img src=x onerror=alert(2)>';
      const initial = { type: 'render', model: { kind: 'missing', skill: evil }, strings: { missingTitle: evil }, preview: true };
      const html = skillPageHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://s/webview.js', styleUri: 'https://s/a.css', title: 'T', loading: 'Loading…', initial });
      // Two script elements: the nonce'd code, and a data block without a nonce (never executed).
      assert.equal((html.match(/<script/g) ?? []).length, 2);
      assert.equal((html.match(/<\/script>/g) ?? []).length, 2);
      const block = /<script type="application\/json" id="lp-initial">([^<]*)<\/script>\n<script nonce="abc123" src="https:\/\/s\/webview.js"><\/script>/.exec(html);
      assert.ok(block, 'the data block comes right before the nonce script');
      const text = block[1] as string;
      assert.ok(!/[<>&\u2028\u2029]/.test(text), 'no markup characters inside the block');
      assert.deepEqual(JSON.parse(text), initial);
      assert.deepEqual(parseHostMessage(JSON.parse(text))?.model, initial.model);
    });

    it('parses webview messages field by field and refuses anything else', () => {
      assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
      assert.deepEqual(parseWebviewMessage({ type: 'ready', embedded: true }), { type: 'ready', embedded: true });
      assert.deepEqual(parseWebviewMessage({ type: 'ready', embedded: 'yes', state: { v: 2 } }), { type: 'ready' });
      assert.deepEqual(parseWebviewMessage({ type: 'ready', state: { v: 1, skill: 'pytorch', tab: 'career', role: 'ml-engineer' } }), {
        type: 'ready',
        state: { v: 1, skill: 'pytorch', tab: 'career', role: 'ml-engineer' },
      });
      assert.deepEqual(parseWebviewMessage({ type: 'scaffold', starter: 'pytorch-image-classifier', project: 'cifar10-image-classification', extra: 1 }), {
        type: 'scaffold',
        starter: 'pytorch-image-classifier',
        project: 'cifar10-image-classification',
      });
      assert.deepEqual(parseWebviewMessage({ type: 'selectRole', role: 'ml-engineer' }), { type: 'selectRole', role: 'ml-engineer' });
      assert.deepEqual(parseWebviewMessage({ type: 'choosePath', extra: '<script>' }), { type: 'choosePath' });
      assert.deepEqual(parseWebviewMessage({ type: 'revealInTree', role: 'ml-engineer' }), { type: 'revealInTree', role: 'ml-engineer' });
      assert.deepEqual(parseWebviewMessage({ type: 'openSkill', skill: 'ml-pipelines' }), { type: 'openSkill', skill: 'ml-pipelines' });
      assert.deepEqual(parseWebviewMessage({ type: 'painted', metrics: { sinceStart: 120.5, sinceScript: 40, roundTrip: 3, render: 9 } }), {
        type: 'painted',
        metrics: { sinceStart: 120.5, sinceScript: 40, roundTrip: 3, render: 9 },
      });
      for (const bad of [null, 'ready', { type: 'nope' }, { type: 'selectRole' }, { type: 'selectRole', role: 3 }, { type: 'scaffold', starter: '' }, { type: 'painted', metrics: { sinceStart: -1 } }, { type: 'openExternal', url: 'https://x' }]) {
        assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
      }
      assert.equal(parsePageState({ v: 2, skill: 'x' }), undefined);
      assert.deepEqual(parsePageState({ v: 1, skill: 'x', tab: 'bogus', fullText: true }), { v: 1, skill: 'x', fullText: true });
      assert.equal(parseHostMessage({ type: 'render', model: { kind: 'other' }, strings: {} }), undefined);
      assert.equal(parseHostMessage({ type: 'render', model: { kind: 'missing', skill: 'x' } }), undefined, 'no strings, no render');
      const parsed = parseHostMessage(JSON.parse('{"type":"render","model":{"kind":"missing","skill":"x"},"strings":{"role":"Rolle","__proto__":"p","n":3},"preview":true,"scrollToTop":1}'));
      assert.equal(parsed?.type, 'render');
      assert.equal(parsed?.strings.get('role'), 'Rolle');
      assert.equal(parsed?.strings.has('n'), false, 'only strings');
      assert.equal(parsed?.preview, true);
      assert.equal(parsed?.scrollToTop, false, 'only true is true');
      assert.deepEqual(parsePageState({ v: 1, skill: 'x', preview: true, scrollY: 420 }), { v: 1, skill: 'x', preview: true, scrollY: 420 });
      assert.deepEqual(parsePageState({ v: 1, skill: 'x', preview: 'yes', scrollY: -3 }), { v: 1, skill: 'x' });
    });
  });
});
