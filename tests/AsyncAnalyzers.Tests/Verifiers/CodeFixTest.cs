using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>Which parts of the code fix check a test skips.</summary>
    [Flags]
    public enum CodeFixTestBehaviors
    {
        None = 0,
        SkipFixAllCheck = 1,

        /// <summary>Apply one code action (and one Fix All round per scope), as Microsoft.CodeAnalysis.Testing's FixOne: for fixes whose result may offer the fix again.</summary>
        FixOne = 2,
    }

    /// <summary>
    /// Our stand-in for CSharpCodeFixTest. Verifies the diagnostics of <see cref="AnalyzerTest{TAnalyzer}.TestState"/>,
    /// then of <see cref="FixedState"/> (so the fixed code must compile: undeclared compiler errors fail, and
    /// diagnostics left after the fix must be declared in its markup), then applies the fix one diagnostic at a
    /// time and compares the text exactly, then runs Fix All at document, project and solution scope and compares
    /// with <see cref="BatchFixedState"/> (by default the same as <see cref="FixedState"/>).
    /// When the fixed code equals the test code, the test asserts that no code action is offered at all.
    /// </summary>
    public class CodeFixTest<TAnalyzer, TCodeFix> : AnalyzerTest<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        private const int IterationLimit = 200;

        public ProjectState FixedState { get; } = new ProjectState();

        public string FixedCode
        {
            set => FixedState.Sources.Add(value);
        }

        /// <summary>Expected result of Fix All; when empty, <see cref="FixedState"/>'s sources.</summary>
        public ProjectState BatchFixedState { get; } = new ProjectState();

        public string BatchFixedCode
        {
            set => BatchFixedState.Sources.Add(value);
        }

        /// <summary>Only code actions with this key are applied (null: any).</summary>
        public string? CodeActionEquivalenceKey { get; set; }

        /// <summary>Which of the offered code actions to apply (after filtering by key); default the first.</summary>
        public int? CodeActionIndex { get; set; }

        /// <summary>Exact number of single fixes expected; null: until no fix is offered.</summary>
        public int? NumberOfIncrementalIterations { get; set; }

        /// <summary>Exact number of Fix All rounds expected per scope; null: until no fix is offered.</summary>
        public int? NumberOfFixAllIterations { get; set; }

        public CodeFixTestBehaviors CodeFixTestBehaviors { get; set; }

        public List<FixAllScope> FixAllScopes { get; } = new List<FixAllScope> { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        protected override async Task RunFixesAsync(CancellationToken cancellationToken)
        {
            if (FixedState.Sources.Count == 0)
            {
                return;
            }

            var fixedState = Inherit(FixedState);
            var expectedTexts = CleanTexts(fixedState);
            var (original, projectId, _) = CreateSolution(TestState);
            var originalTexts = await TextsAsync(original, projectId, cancellationToken).ConfigureAwait(false);
            if (SameTexts(originalTexts, expectedTexts))
            {
                await VerifyNoFixOfferedAsync(original, projectId, cancellationToken).ConfigureAwait(false);
                return;
            }

            await VerifyDiagnosticsAsync(fixedState, "the fixed source", cancellationToken).ConfigureAwait(false);

            var incremental = await ApplyOneByOneAsync(original, projectId, cancellationToken).ConfigureAwait(false);
            CompareTexts(expectedTexts, await TextsAsync(incremental, projectId, cancellationToken).ConfigureAwait(false), "applying the code fix one diagnostic at a time");
            await VerifyTreesBindLikeTextAsync(incremental, projectId, "applying the code fix one diagnostic at a time", cancellationToken).ConfigureAwait(false);

            if ((CodeFixTestBehaviors & CodeFixTestBehaviors.SkipFixAllCheck) != 0)
            {
                return;
            }

            var batchExpected = BatchFixedState.Sources.Count == 0 ? expectedTexts : CleanTexts(Inherit(BatchFixedState));
            if (!ReferenceEquals(batchExpected, expectedTexts))
            {
                await VerifyDiagnosticsAsync(Inherit(BatchFixedState), "the Fix All result", cancellationToken).ConfigureAwait(false);
            }

            var fixAllProvider = new TCodeFix().GetFixAllProvider()
                ?? throw new VerifierException($"{typeof(TCodeFix).Name} has no Fix All provider.");
            var supported = fixAllProvider.GetSupportedFixAllScopes().ToList();
            foreach (var scope in FixAllScopes)
            {
                if (!supported.Contains(scope))
                {
                    throw new VerifierException($"{typeof(TCodeFix).Name}'s Fix All provider does not support scope {scope}.");
                }

                var batch = await ApplyFixAllAsync(original, projectId, fixAllProvider, scope, cancellationToken).ConfigureAwait(false);
                CompareTexts(batchExpected, await TextsAsync(batch, projectId, cancellationToken).ConfigureAwait(false), $"Fix All in {scope} scope");
                await VerifyTreesBindLikeTextAsync(batch, projectId, $"Fix All in {scope} scope", cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The trees a fix produced (not re-parsed) must not have compiler errors that the same text, parsed, does not have:
        /// a hand-built token can look right and bind wrong (an identifier "_" is not a discard), which the IDE's preview shows.
        /// </summary>
        private static async Task VerifyTreesBindLikeTextAsync(Solution solution, ProjectId projectId, string what, CancellationToken cancellationToken)
        {
            var project = solution.GetProject(projectId)!;
            var produced = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var reparsedTrees = new List<SyntaxTree>();
            foreach (var tree in produced!.SyntaxTrees)
            {
                reparsedTrees.Add(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(tree.GetText(cancellationToken).ToString(), (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)tree.Options, tree.FilePath, cancellationToken: cancellationToken));
            }

            var reparsed = produced.RemoveAllSyntaxTrees().AddSyntaxTrees(reparsedTrees);
            static List<string> Errors(Compilation compilation, CancellationToken token)
                => compilation.GetDiagnostics(token).Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(x => x, StringComparer.Ordinal).ToList();
            var treeErrors = Errors(produced, cancellationToken);
            var textErrors = Errors(reparsed, cancellationToken);
            var extra = treeErrors.Except(textErrors).ToList();
            if (extra.Count > 0)
            {
                throw new VerifierException($"After {what}, the syntax trees the fix built have compiler errors that their text does not: {string.Join("; ", extra)}");
            }
        }

        private ProjectState Inherit(ProjectState state)
        {
            var result = new ProjectState();
            result.Sources.AddRange(state.Sources);
            result.AdditionalFiles.AddRange(state.AdditionalFiles.Count > 0 ? state.AdditionalFiles : TestState.AdditionalFiles);
            result.AnalyzerConfigFiles.AddRange(state.AnalyzerConfigFiles.Count > 0 ? state.AnalyzerConfigFiles : TestState.AnalyzerConfigFiles);
            result.ExpectedDiagnostics.AddRange(state.ExpectedDiagnostics);
            foreach (var (name, additional) in state.AdditionalProjects.Count > 0 ? state.AdditionalProjects : TestState.AdditionalProjects)
            {
                result.AdditionalProjects[name] = additional;
            }

            result.AdditionalProjectReferences.AddRange(state.AdditionalProjectReferences.Count > 0 ? state.AdditionalProjectReferences : TestState.AdditionalProjectReferences);
            return result;
        }

        private static List<(string Path, string Text)> CleanTexts(ProjectState state)
            => state.Sources.Select(s => (s.Path, TestMarkup.Parse(s.Content).Text))
                .Concat(state.AdditionalProjects.SelectMany(p => p.Value.Sources.Select(s => (ProjectState.PathIn(p.Key, s.Path), TestMarkup.Parse(s.Content).Text))))
                .ToList();

        private static async Task<List<(string Path, string Text)>> TextsAsync(Solution solution, ProjectId projectId, CancellationToken cancellationToken)
        {
            var result = new List<(string Path, string Text)>();
            foreach (var document in solution.Projects.SelectMany(p => p.Documents).OrderBy(d => d.FilePath, StringComparer.Ordinal))
            {
                var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                result.Add((document.FilePath!, text.ToString()));
            }

            return result;
        }

        private static bool SameTexts(List<(string Path, string Text)> a, List<(string Path, string Text)> b)
            => a.Count == b.Count && a.OrderBy(x => x.Path, StringComparer.Ordinal).SequenceEqual(b.OrderBy(x => x.Path, StringComparer.Ordinal));

        private static void CompareTexts(List<(string Path, string Text)> expected, List<(string Path, string Text)> actual, string what)
        {
            foreach (var (path, text) in expected)
            {
                var match = actual.FindIndex(a => a.Path == path);
                if (match < 0)
                {
                    throw new VerifierException($"After {what}, document {path} is missing.");
                }

                if (actual[match].Text != text)
                {
                    throw new VerifierException($"After {what}, {path} differs from the expected text.{Environment.NewLine}{LineDiff(text, actual[match].Text)}");
                }
            }

            if (actual.Count != expected.Count)
            {
                throw new VerifierException($"After {what}, the project has {actual.Count} documents; expected {expected.Count}.");
            }
        }

        internal static string LineDiff(string expected, string actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            var builder = new StringBuilder();
            var first = 0;
            while (first < e.Length && first < a.Length && e[first] == a[first])
            {
                first++;
            }

            builder.AppendLine($"First difference at line {first + 1}:");
            builder.AppendLine("    expected: " + (first < e.Length ? Visible(e[first]) : "<end of text>"));
            builder.AppendLine("    actual:   " + (first < a.Length ? Visible(a[first]) : "<end of text>"));
            builder.AppendLine("Actual text:");
            builder.AppendLine(actual);
            return builder.ToString();
        }

        private static string Visible(string line) => line.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

        private async Task<List<Diagnostic>> FixableDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            var fixable = new TCodeFix().FixableDiagnosticIds;
            var diagnostics = await GetDiagnosticsAsync(project, includeCompilerDiagnostics: false, cancellationToken).ConfigureAwait(false);

            // Fixes for compiler diagnostics (CS8425 …) are driven by the compiler's own reports.
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var compilerDiagnostics = compilation!.GetDiagnostics(cancellationToken).Where(d => fixable.Contains(d.Id));
            return diagnostics.Concat(compilerDiagnostics)
                .Where(d => fixable.Contains(d.Id) && d.Location.IsInSource)
                .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ToList();
        }

        /// <summary>Fixable diagnostics of every project, the test project first.</summary>
        private async Task<List<(Project Project, Diagnostic Diagnostic)>> FixableInSolutionAsync(Solution solution, CancellationToken cancellationToken)
        {
            var result = new List<(Project, Diagnostic)>();
            foreach (var project in solution.Projects.OrderBy(p => p.Name == "TestProject" ? 0 : 1).ThenBy(p => p.Name, StringComparer.Ordinal))
            {
                foreach (var diagnostic in await FixableDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false))
                {
                    result.Add((project, diagnostic));
                }
            }

            return result;
        }

        private async Task<CodeAction?> FindActionAsync(Project project, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree)
                ?? throw new VerifierException($"Diagnostic {diagnostic.Id} is in no document of the project.");
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
            await new TCodeFix().RegisterCodeFixesAsync(context).ConfigureAwait(false);
            var candidates = new List<CodeAction>();
            foreach (var action in actions)
            {
                if (action.NestedActions.Length > 0)
                {
                    candidates.AddRange(action.NestedActions);
                }
                else
                {
                    candidates.Add(action);
                }
            }

            foreach (var action in candidates)
            {
                if (action.EquivalenceKey is null)
                {
                    throw new VerifierException($"Code action '{action.Title}' has no equivalence key: Fix All would silently do nothing.");
                }
            }

            if (CodeActionEquivalenceKey != null)
            {
                candidates = candidates.Where(a => a.EquivalenceKey == CodeActionEquivalenceKey).ToList();
            }

            var index = CodeActionIndex ?? 0;
            return index < candidates.Count ? candidates[index] : null;
        }

        private async Task VerifyNoFixOfferedAsync(Solution solution, ProjectId projectId, CancellationToken cancellationToken)
        {
            foreach (var (project, diagnostic) in await FixableInSolutionAsync(solution, cancellationToken).ConfigureAwait(false))
            {
                var action = await FindActionAsync(project, diagnostic, cancellationToken).ConfigureAwait(false);
                if (action != null)
                {
                    throw new VerifierException($"The fixed code equals the test code, so no fix was expected, but '{action.Title}' is offered for {diagnostic.Id} at {diagnostic.Location.GetLineSpan()}.");
                }
            }
        }

        private static async Task<Solution> ApplyAsync(CodeAction action, Solution solution, CancellationToken cancellationToken)
        {
            var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            var result = solution;
            foreach (var operation in operations)
            {
                if (operation is ApplyChangesOperation apply)
                {
                    result = apply.ChangedSolution;
                }
            }

            return result;
        }

        private async Task<Solution> ApplyOneByOneAsync(Solution solution, ProjectId projectId, CancellationToken cancellationToken)
        {
            var iterations = 0;
            while (true)
            {
                CodeAction? action = null;
                foreach (var (project, diagnostic) in await FixableInSolutionAsync(solution, cancellationToken).ConfigureAwait(false))
                {
                    action = await FindActionAsync(project, diagnostic, cancellationToken).ConfigureAwait(false);
                    if (action != null)
                    {
                        break;
                    }
                }

                if (action is null)
                {
                    break;
                }

                if (++iterations > (NumberOfIncrementalIterations ?? IterationLimit))
                {
                    if ((CodeFixTestBehaviors & CodeFixTestBehaviors.FixOne) != 0)
                    {
                        iterations--;
                        break;
                    }

                    throw new VerifierException($"The code fix was still offered after {iterations - 1} iterations.");
                }

                var changed = await ApplyAsync(action, solution, cancellationToken).ConfigureAwait(false);
                if (SameTexts(await TextsAsync(changed, projectId, cancellationToken).ConfigureAwait(false), await TextsAsync(solution, projectId, cancellationToken).ConfigureAwait(false)))
                {
                    throw new VerifierException($"Code action '{action.Title}' changed nothing.");
                }

                solution = changed;
            }

            if (NumberOfIncrementalIterations is { } expected && expected != iterations)
            {
                throw new VerifierException($"Expected {expected} single-fix iterations, but {iterations} were applied.");
            }

            return solution;
        }

        private async Task<Solution> ApplyFixAllAsync(Solution solution, ProjectId projectId, FixAllProvider provider, FixAllScope scope, CancellationToken cancellationToken)
        {
            var fix = new TCodeFix();
            var iterations = 0;
            while (true)
            {
                var project = solution.GetProject(projectId)!;
                Diagnostic? first = null;
                CodeAction? action = null;
                foreach (var (candidateProject, diagnostic) in await FixableInSolutionAsync(solution, cancellationToken).ConfigureAwait(false))
                {
                    action = await FindActionAsync(candidateProject, diagnostic, cancellationToken).ConfigureAwait(false);
                    if (action != null)
                    {
                        project = candidateProject;
                        first = diagnostic;
                        break;
                    }
                }

                if (action is null || first is null)
                {
                    break;
                }

                if (++iterations > (NumberOfFixAllIterations ?? IterationLimit))
                {
                    if ((CodeFixTestBehaviors & CodeFixTestBehaviors.FixOne) != 0)
                    {
                        iterations--;
                        break;
                    }

                    throw new VerifierException($"Fix All ({scope}) still had work after {iterations - 1} iterations.");
                }

                var diagnosticProvider = new TestDiagnosticProvider(this);
                var context = scope == FixAllScope.Document
                    ? new FixAllContext(project.GetDocument(first.Location.SourceTree)!, fix, scope, action.EquivalenceKey, fix.FixableDiagnosticIds, diagnosticProvider, cancellationToken)
                    : new FixAllContext(project, fix, scope, action.EquivalenceKey, fix.FixableDiagnosticIds, diagnosticProvider, cancellationToken);
                var fixAllAction = await provider.GetFixAsync(context).ConfigureAwait(false)
                    ?? throw new VerifierException($"Fix All ({scope}) returned no code action although a fix is offered.");
                var changed = await ApplyAsync(fixAllAction, solution, cancellationToken).ConfigureAwait(false);
                if (SameTexts(await TextsAsync(changed, projectId, cancellationToken).ConfigureAwait(false), await TextsAsync(solution, projectId, cancellationToken).ConfigureAwait(false)))
                {
                    throw new VerifierException($"Fix All ({scope}) changed nothing.");
                }

                solution = changed;
            }

            if (NumberOfFixAllIterations is { } expected && expected != iterations)
            {
                throw new VerifierException($"Expected {expected} Fix All iterations in {scope} scope, but {iterations} were applied.");
            }

            return solution;
        }

        private sealed class TestDiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly CodeFixTest<TAnalyzer, TCodeFix> _test;

            public TestDiagnosticProvider(CodeFixTest<TAnalyzer, TCodeFix> test) => _test = test;

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                var all = await _test.FixableDiagnosticsAsync(document.Project, cancellationToken).ConfigureAwait(false);
                return all.Where(d => d.Location.SourceTree == tree).ToImmutableArray();
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => await _test.FixableDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false);
        }
    }
}
