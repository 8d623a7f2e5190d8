using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// The official <see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/> with the few things it lacks:
    /// <list type="bullet">
    /// <item>offline reference assemblies (<see cref="ReferenceSet"/>), and a matrix: a test that names no set runs on
    /// net10.0 and then on net8.0, and a failure says which;</item>
    /// <item>trees a fix built must bind like their text re-parsed (the official structure check compares shapes;
    /// a hand-built <c>_</c> identifier has the right shape and is no discard);</item>
    /// <item>a code action without an equivalence key fails (Fix All would silently do nothing);</item>
    /// <item>top-level statements compile as a console application;</item>
    /// <item><see cref="LanguageVersion"/> (latest by default) and <see cref="NullableContextOptions"/>.</item>
    /// </list>
    /// Everything else — markup, tree-shape check, generated-code and <c>#pragma</c> checks, non-local diagnostics,
    /// Fix All in one round per scope — is the official harness's.
    /// </summary>
    public class CodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        private ReferenceSet _current = ReferenceSet.Net100;

        public CodeFixTest()
        {
            SolutionTransforms.Add(AddReferences);

            // {|ASYNC104:…|} where a rule has two descriptors (two messages) for one ID: the first.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;

            // Markup in the fixed code declares what a fix leaves behind, fixable or not (a cascade that stops at a
            // boundary leaves an ASYNC104 there); the official default would ignore fixable ones in the markup.
            FixedState.MarkupHandling = MarkupMode.Allow;
            BatchFixedState.MarkupHandling = MarkupMode.Allow;
        }

        /// <summary>
        /// <c>[|…|]</c> means the analyzer's diagnostic when it reports one ID, even through several descriptors
        /// (the official default needs exactly one descriptor); an analyzer with several IDs needs <c>{|ID:…|}</c>.
        /// </summary>
        protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers)
        {
            if (analyzers.Length == 0 || analyzers[0].SupportedDiagnostics.IsEmpty)
            {
                return null;
            }

            var descriptors = analyzers[0].SupportedDiagnostics;
            foreach (var descriptor in descriptors)
            {
                if (descriptor.Id != descriptors[0].Id)
                {
                    return null;
                }
            }

            return descriptors[0];
        }

        /// <summary>Null (default): the <see cref="ReferenceSets.Matrix"/>. Hides the official property on purpose:
        /// its values download packages at test time.</summary>
        public new ReferenceSet? ReferenceAssemblies { get; set; }

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        public NullableContextOptions NullableContextOptions { get; set; } = NullableContextOptions.Disable;

        /// <summary>Null: a console application when the test project has top-level statements, else a library.</summary>
        public OutputKind? OutputKind { get; set; }

        /// <summary>The reference set the current run uses (for tests that check what a run saw).</summary>
        public ReferenceSet CurrentReferenceSet => _current;

        protected override async Task RunImplAsync(CancellationToken cancellationToken)
        {
            if (ReferenceAssemblies is { } single)
            {
                await RunOnAsync(single, cancellationToken).ConfigureAwait(false);
                return;
            }

            foreach (var set in ReferenceSets.Matrix)
            {
                await RunOnAsync(set, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task RunOnAsync(ReferenceSet set, CancellationToken cancellationToken)
        {
            _current = set;
            base.ReferenceAssemblies = ReferenceSets.ForHarness(set);
            try
            {
                await base.RunImplAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                throw new VerifierException($"On {ReferenceSets.Name(set)} references: {exception.Message}", exception);
            }
        }

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);

        protected override CompilationOptions CreateCompilationOptions()
            => ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions);

        private Solution AddReferences(Solution solution, ProjectId projectId)
        {
            var references = ReferenceSets.Get(_current);
            foreach (var project in solution.Projects)
            {
                solution = solution.AddMetadataReferences(project.Id, references.Where(r => !project.MetadataReferences.Contains(r)));
            }

            return solution;
        }

        /// <summary>Each provider is wrapped so that every code action it offers, and every Fix All action, is checked.</summary>
        /// <summary>Analyzers that run beside <typeparamref name="TAnalyzer"/>: their diagnostics must be in the markup too, before and after the fix.</summary>
        public System.Collections.Generic.List<DiagnosticAnalyzer> AdditionalAnalyzers { get; } = new System.Collections.Generic.List<DiagnosticAnalyzer>();

        protected override System.Collections.Generic.IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
            => base.GetDiagnosticAnalyzers().Concat(AdditionalAnalyzers);

        protected override System.Collections.Generic.IEnumerable<CodeFixProvider> GetCodeFixProviders()
        {
            foreach (var provider in base.GetCodeFixProviders())
            {
                yield return new CheckedCodeFixProvider(provider);
            }
        }

        /// <summary>Fix All providers see the real provider (ours cast it to their own type).</summary>
        protected override FixAllContext CreateFixAllContext(Document? document, TextSpan? diagnosticSpan, Project project, CodeFixProvider codeFixProvider, FixAllScope scope, string? codeActionEquivalenceKey, System.Collections.Generic.IEnumerable<string> diagnosticIds, DiagnosticSeverity minimumSeverity, FixAllContext.DiagnosticProvider fixAllDiagnosticProvider, CancellationToken cancellationToken)
            => base.CreateFixAllContext(
                document,
                diagnosticSpan,
                project,
                codeFixProvider is CheckedCodeFixProvider checkedProvider ? checkedProvider.Inner : codeFixProvider,
                scope,
                codeActionEquivalenceKey,
                diagnosticIds,
                minimumSeverity,
                fixAllDiagnosticProvider,
                cancellationToken);

        protected override async Task<Project> CreateProjectImplAsync(Microsoft.CodeAnalysis.Testing.Model.EvaluatedProjectState primaryProject, ImmutableArray<Microsoft.CodeAnalysis.Testing.Model.EvaluatedProjectState> additionalProjects, CancellationToken cancellationToken)
        {
            var project = await base.CreateProjectImplAsync(primaryProject, additionalProjects, cancellationToken).ConfigureAwait(false);
            var options = project.CompilationOptions!;
            var kind = OutputKind;
            if (kind is null)
            {
                kind = options.OutputKind;
                foreach (var document in project.Documents)
                {
                    if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax root
                        && root.Members.Any(member => member is GlobalStatementSyntax))
                    {
                        kind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
                        break;
                    }
                }
            }

            return kind == options.OutputKind ? project : project.WithCompilationOptions(options.WithOutputKind(kind.Value));
        }
    }

    /// <summary>An analyzer-only test: the code fix test with no fix, as the official CSharpCodeFixVerifier does it.</summary>
    public class AnalyzerTest<TAnalyzer> : CodeFixTest<TAnalyzer, EmptyCodeFixProvider>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
    }
}
