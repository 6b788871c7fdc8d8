// The layer rules of the README's "How the code is laid out", checked by `npm run lint` (part of
// `npm test`); tests/unit/layers.test.ts proves each rule fails on a planted violation.
/** Modules that reach the network, the disk or the process: none of them belongs in shared/. */
const IO_MODULES = '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads|cluster)$|^@aws-sdk/|^@smithy/|^aws4$'

module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ is used by the mini-program and the functions alike: rules and schemas, no I/O, nothing from either side.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: [IO_MODULES, '^functions/', '^miniprogram/'] },
    },
    {
      name: 'shared-is-pure-core',
      comment: 'shared/ must not use Node built-ins that do I/O.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?(crypto)$' },
    },
    {
      name: 'usecases-see-ports',
      comment: 'A use case sees ports only: adapters, the AWS SDK and http/ are wired in by its handler.',
      severity: 'error',
      from: { path: '^functions/usecases/' },
      to: { path: ['^functions/(adapters|http|handlers|local)/', '^@aws-sdk/', '^@smithy/', '^@middy/'] },
    },
    {
      name: 'ports-are-contracts',
      comment: 'Ports are types and pure values: they depend on nothing that does work.',
      severity: 'error',
      from: { path: '^functions/ports/' },
      to: { path: ['^functions/(adapters|http|handlers|local|usecases)/', '^@aws-sdk/', '^@smithy/'] },
    },
    {
      name: 'adapters-serve-usecases',
      comment: "Adapters implement ports; deciding is the use cases' job, answering HTTP the handlers'.",
      severity: 'error',
      from: { path: '^functions/adapters/' },
      to: { path: '^functions/(usecases|handlers|http)/' },
    },
    {
      name: 'miniprogram-calls-the-api',
      comment: 'Pages reach the backend through the typed client on the shared contract, never by importing it.',
      severity: 'error',
      from: { path: '^miniprogram/' },
      to: { path: '^functions/' },
    },
    {
      name: 'deploy-nothing-local',
      comment: 'Handlers are deployed: the local engines and demo data stay out of their bundles.',
      severity: 'error',
      from: { path: '^functions/(handlers|usecases|adapters|ports|http)/' },
      to: { path: '^functions/local/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.esbuild|\\.serverless)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
}
