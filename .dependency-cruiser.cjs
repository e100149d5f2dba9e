/**
 * The layers of DESIGN.md written as rules ("every arrow points inward"), checked by `npm run lint`.
 * The core is src/ without its process shell: src/platforms/ (Slack, Teams, console), src/app/
 * (the composition root, the one place that builds vendor adapters and platforms) and src/cli/.
 * test/boundaries.test.ts keeps the checks that are not about imports (who opens Redis).
 * @type {import('dependency-cruiser').IConfiguration}
 */
const SHELL = '^src/(platforms|app|cli)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles, type-only imports included: move what both sides need down a layer (src/domain, a types file).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      scope: 'folder',
      comment: 'No circles between folders either: a folder is a layer, and layers point one way.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'slack-sdk-only-in-slack-platform',
      severity: 'error',
      comment: 'The Slack SDK lives under src/platforms/slack/; the core sees Slack only through the ChatPlatform port.',
      from: { path: '^(src|adapters|commands)/', pathNot: '^src/platforms/slack/' },
      to: { path: 'node_modules/@slack/(bolt|web-api)/' },
    },
    {
      name: 'bot-framework-only-in-teams-platform',
      severity: 'error',
      comment: 'botbuilder (archived upstream) lives under src/platforms/teams/ only.',
      from: { path: '^(src|adapters|commands)/', pathNot: '^src/platforms/teams/' },
      to: { path: 'node_modules/(botbuilder|botframework-)[^/]*/' },
    },
    {
      name: 'core-knows-vendors-only-through-the-port',
      severity: 'error',
      comment: 'src/ and commands/ reach vendors through adapters/port.ts; only the composition root (src/app/) builds adapters.',
      from: { path: '^(src|commands)/', pathNot: '^src/app/' },
      to: { path: '^adapters/', pathNot: '^adapters/port\\.ts$' },
    },
    {
      name: 'core-knows-platforms-only-through-the-port',
      severity: 'error',
      comment: 'The core posts through the port src/domain/chat-platform.ts; a platform is chosen by src/app/ or src/cli/.',
      from: { path: '^src/', pathNot: SHELL },
      to: { path: '^src/platforms/' },
    },
    {
      name: 'commands-never-import-platforms',
      severity: 'error',
      comment: 'A command returns a Reply and never knows which platform asked.',
      from: { path: '^commands/' },
      to: { path: '^src/platforms/' },
    },
    {
      name: 'core-never-imports-commands',
      severity: 'error',
      comment: 'Commands plug into the router at the composition root (src/app/); the core does not know them.',
      from: { path: '^src/', pathNot: '^src/app/' },
      to: { path: '^commands/' },
    },
    {
      name: 'adapters-never-import-platforms-or-watcher',
      severity: 'error',
      comment: 'A vendor adapter maps wire to domain; it knows nothing of chat platforms or the watcher.',
      from: { path: '^adapters/' },
      to: { path: '^(src/(platforms|watcher|app|cli)|commands)/' },
    },
    {
      name: 'vendors-stay-apart',
      severity: 'error',
      comment: 'One vendor folder never imports another; what they share lives in adapters/port.ts, adapters/http/, adapters/vendor-message.ts.',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/[^/]+/', pathNot: ['^adapters/$1/', '^adapters/http/'] },
    },
    {
      name: 'test-kit-stands-alone',
      severity: 'error',
      comment:
        'test/support/ is the one kit every test area and bench shares (waiting, replicas, Redis, routers, secrets): it imports the code under test, never a fake or a test area, so an area can use it without the others.',
      from: { path: '^test/support/' },
      to: { path: '^(test/(?!support/)|bench/)' },
    },
    {
      name: 'benches-use-the-kit-not-test-areas',
      severity: 'error',
      comment: 'A bench reuses test/support/ and the fakes, never a helper inside a test area (move it to test/support/ first).',
      from: { path: '^bench/' },
      to: { path: '^test/', pathNot: '^test/(support|fakes)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      dot: { collapsePattern: 'node_modules/(@[^/]+/[^/]+|[^/]+)' },
    },
  },
};
