using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AsyncAnalyzers.Benchmarks;
using AsyncAnalyzers.Tests.Conventions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit.Abstractions;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Every fix compiles: each diagnostic of the samples and of a generated corpus is fixed alone, and each rule's Fix All
    /// is applied at solution scope over the samples; the result may have no new compiler error, the fixed diagnostic must
    /// be gone, and new diagnostics of ours may only be the ones the fix documents (see <see cref="MayIntroduce"/>).
    /// </summary>
    public sealed class FixSafetyTests
    {
        /// <summary>
        /// Diagnostics a fix may legitimately bring to light (documented in docs/reliability.md): making code async turns
        /// sync-context findings into async-context ones, and a new token or loop can be checked for cancellation.
        /// </summary>
        internal static readonly ImmutableDictionary<string, ImmutableHashSet<string>> MayIntroduce = new Dictionary<string, ImmutableHashSet<string>>
        {
            ["ASYNC104"] = ImmutableHashSet.Create("ASYNC102", "ASYNC103", "ASYNC303", "ASYNC304", "ASYNC602"),
            ["ASYNC201"] = ImmutableHashSet.Create("ASYNC602"),
            ["ASYNC203"] = ImmutableHashSet.Create("ASYNC201", "ASYNC602"),
            ["ASYNC106"] = ImmutableHashSet.Create("ASYNC601", "ASYNC602"),
            ["ASYNC204"] = ImmutableHashSet.Create("ASYNC302", "ASYNC303", "ASYNC506"),
            ["ASYNC207"] = ImmutableHashSet.Create("ASYNC102", "ASYNC103", "ASYNC105", "ASYNC303", "ASYNC304"),
            ["ASYNC301"] = ImmutableHashSet.Create("ASYNC302", "ASYNC303"),
            ["ASYNC401"] = ImmutableHashSet.Create("ASYNC601"),
            ["ASYNC402"] = ImmutableHashSet.Create("ASYNC601"),
            ["ASYNC503"] = ImmutableHashSet.Create("ASYNC604"),
            ["ASYNC506"] = ImmutableHashSet.Create("ASYNC302", "ASYNC604"),
        }.ToImmutableDictionary();

        private readonly ITestOutputHelper _output;

        public FixSafetyTests(ITestOutputHelper output) => _output = output;

        private static Project Samples()
        {
            var files = Directory.EnumerateFiles(Path.Combine(Repository.Root, "samples", "AsyncAnalyzers.Samples"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (f, File.ReadAllText(f)))
                .ToList();
            return Harness.CreateProject(files, outputKind: OutputKind.ConsoleApplication);
        }

        private static Project Corpus()
            => Harness.CreateProject(new CorpusGenerator(seed: 11).Generate(3000 * Harness.Scale, linesPerFile: 500).Select(f => ("/corpus/" + f.Name, f.Text)).ToList());

        private static async Task<ImmutableArray<string>> ErrorsAsync(Project project)
        {
            var compilation = await project.GetCompilationAsync();
            return compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + ": " + d.GetMessage()).OrderBy(x => x, StringComparer.Ordinal).ToImmutableArray();
        }

        private static Dictionary<string, int> CountById(IEnumerable<Diagnostic> diagnostics)
            => diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());

        /// <summary>The first code action offered for the diagnostic, by <paramref name="only"/> or else by any provider.</summary>
        private static async Task<CodeAction?> FirstActionAsync(Project project, Diagnostic diagnostic, CodeFixProvider? only = null)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree);
            if (document is null)
            {
                return null;
            }

            foreach (var provider in Repository.CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id) && (only is null || p == only)))
            {
                var actions = new List<CodeAction>();
                await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), default));
                if (actions.Count > 0)
                {
                    return actions[0];
                }
            }

            return null;
        }

        private static async Task<Solution> ApplyAsync(CodeAction action)
        {
            var operations = await action.GetOperationsAsync(default);
            return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        }

        private async Task<int> FixEachDiagnosticAloneAsync(Project project)
        {
            var baseErrors = await ErrorsAsync(project);
            var (diagnostics, exceptions) = await Harness.AnalyzeAsync(project);
            Assert.Empty(exceptions);
            var before = CountById(diagnostics);
            var failures = new List<string>();
            var fixedCount = 0;
            foreach (var diagnostic in diagnostics)
            {
                if (await FirstActionAsync(project, diagnostic) is not { } action)
                {
                    continue;
                }

                var changed = (await ApplyAsync(action)).GetProject(project.Id)!;
                fixedCount++;
                var where = $"{diagnostic.Id} at {Path.GetFileName(diagnostic.Location.SourceTree!.FilePath)}{diagnostic.Location.GetLineSpan().StartLinePosition} ('{action.Title}')";

                var newErrors = (await ErrorsAsync(changed)).Except(baseErrors).ToList();
                if (newErrors.Count > 0)
                {
                    failures.Add($"{where}: new compiler errors: {string.Join("; ", newErrors.Take(3))}");
                }

                var (after, afterExceptions) = await Harness.AnalyzeAsync(changed);
                failures.AddRange(afterExceptions);
                var afterCounts = CountById(after);
                if (afterCounts.GetValueOrDefault(diagnostic.Id) >= before[diagnostic.Id])
                {
                    failures.Add($"{where}: the diagnostic is not gone ({before[diagnostic.Id]} before, {afterCounts.GetValueOrDefault(diagnostic.Id)} after)");
                }

                foreach (var (id, count) in afterCounts)
                {
                    if (id != diagnostic.Id && count > before.GetValueOrDefault(id)
                        && !(MayIntroduce.TryGetValue(diagnostic.Id, out var allowed) && allowed.Contains(id)))
                    {
                        failures.Add($"{where}: introduced {id} ({before.GetValueOrDefault(id)} → {count})");
                    }
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
            return fixedCount;
        }

        [Fact]
        public async Task Every_fix_of_the_samples_alone_compiles_and_removes_its_diagnostic()
        {
            var fixedCount = await FixEachDiagnosticAloneAsync(Samples());
            Assert.True(fixedCount >= 20, $"expected most sample diagnostics to have a fix, fixed {fixedCount}");
            _output.WriteLine($"samples: {fixedCount} single fixes applied and checked");
        }

        [Fact]
        public async Task Every_fix_of_the_generated_corpus_alone_compiles_and_removes_its_diagnostic()
        {
            var fixedCount = await FixEachDiagnosticAloneAsync(Corpus());
            Assert.True(fixedCount >= 10, $"expected corpus diagnostics with fixes, fixed {fixedCount}");
            _output.WriteLine($"corpus: {fixedCount} single fixes applied and checked");
        }

        [Fact]
        public async Task Fix_all_at_solution_scope_for_each_rule_over_the_samples_compiles()
        {
            var project = Samples();
            var baseErrors = await ErrorsAsync(project);
            var (diagnostics, _) = await Harness.AnalyzeAsync(project);
            var failures = new List<string>();
            var report = new List<string>();
            foreach (var provider in Repository.CodeFixes)
            {
                foreach (var id in provider.FixableDiagnosticIds.Where(id => id.StartsWith("ASYNC", StringComparison.Ordinal)))
                {
                    var ofRule = diagnostics.Where(d => d.Id == id).ToList();
                    CodeAction? first = null;
                    Diagnostic? firstDiagnostic = null;
                    foreach (var diagnostic in ofRule)
                    {
                        first = await FirstActionAsync(project, diagnostic, provider);
                        if (first != null)
                        {
                            firstDiagnostic = diagnostic;
                            break;
                        }
                    }

                    if (first is null || firstDiagnostic is null)
                    {
                        continue;
                    }

                    var stopwatch = Stopwatch.StartNew();
                    var context = new FixAllContext(project, provider, FixAllScope.Solution, first.EquivalenceKey, new[] { id }, new SweepDiagnosticProvider(id), default);
                    var fixAll = await provider.GetFixAllProvider()!.GetFixAsync(context);
                    Assert.NotNull(fixAll);
                    var changed = (await ApplyAsync(fixAll!)).GetProject(project.Id)!;
                    stopwatch.Stop();
                    var newErrors = (await ErrorsAsync(changed)).Except(baseErrors).ToList();
                    if (newErrors.Count > 0)
                    {
                        failures.Add($"Fix All {id}: new compiler errors: {string.Join("; ", newErrors.Take(3))}");
                    }

                    var (after, _) = await Harness.AnalyzeAsync(changed);
                    var left = after.Count(d => d.Id == id);
                    if (left >= ofRule.Count)
                    {
                        failures.Add($"Fix All {id}: nothing fixed ({ofRule.Count} before, {left} after)");
                    }

                    report.Add($"{id}: {ofRule.Count} → {left} in {stopwatch.ElapsedMilliseconds} ms");
                }
            }

            _output.WriteLine(string.Join("\n", report));
            Assert.True(report.Count >= 10, "Fix All ran for " + report.Count + " rules");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        private sealed class SweepDiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly string _id;

            public SweepDiagnosticProvider(string id) => _id = id;

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, System.Threading.CancellationToken cancellationToken)
                => (await Harness.AnalyzeAsync(project, cancellationToken)).Diagnostics.Where(d => d.Id == _id);

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, System.Threading.CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken);
                return (await GetAllDiagnosticsAsync(document.Project, cancellationToken)).Where(d => d.Location.SourceTree == tree);
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, System.Threading.CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());
        }
    }
}
