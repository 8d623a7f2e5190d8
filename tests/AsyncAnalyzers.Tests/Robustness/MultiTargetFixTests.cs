using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.Cancellation;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.CodeFixes.Cancellation;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>
    /// A multi-targeted project (net10.0;netstandard2.0) compiles each file once per framework: the IDE and dotnet format
    /// see linked documents. A fix computed on net10.0 must not break the netstandard2.0 build.
    /// </summary>
    public sealed class MultiTargetFixTests
    {
        private const string ReadsWithoutToken = """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Importer
            {
                // StreamReader.ReadToEndAsync(CancellationToken) exists from .NET 7 on, not in netstandard2.0.
                async Task<string> ReadAsync(StreamReader reader, CancellationToken token)
                {
                    return await reader.ReadToEndAsync();
                }
            }
            """;

        private const string SleepsWithToken = """
            using System.Threading;
            using System.Threading.Tasks;

            class Poller
            {
                // Task.Delay(int, CancellationToken) exists on both frameworks.
                async Task PollAsync(CancellationToken token)
                {
                    Thread.Sleep(10);
                    await Task.Yield();
                }
            }
            """;

        /// <summary>One project per framework, each with the file at the same path (so they are linked documents).</summary>
        private static Solution Create(string source, params ReferenceSet[] frameworks)
        {
            var solution = new AdhocWorkspace().CurrentSolution;
            foreach (var framework in frameworks)
            {
                var id = ProjectId.CreateNewId(framework.ToString());
                solution = solution.AddProject(ProjectInfo.Create(
                    id,
                    VersionStamp.Create(),
                    "Library(" + framework + ")",
                    "Library",
                    LanguageNames.CSharp,
                    filePath: "/Library/Library.csproj",
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                    parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                    metadataReferences: ReferenceSets.Get(framework)));
                solution = solution.AddDocument(DocumentId.CreateNewId(id), "Shared.cs", SourceText.From(source, Encoding.UTF8), filePath: "/Library/Shared.cs");
            }

            return solution;
        }

        private static async Task<(Document Document, ImmutableArray<CodeAction> Actions)> ActionsAsync<TAnalyzer, TFix>(Solution solution)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TFix : CodeFixProvider, new()
        {
            var project = solution.Projects.Single(p => p.Name.Contains(nameof(ReferenceSet.Net100), System.StringComparison.Ordinal));
            var compilation = await project.GetCompilationAsync();
            var diagnostics = await compilation!.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer())).GetAnalyzerDiagnosticsAsync();
            var diagnostic = Assert.Single(diagnostics);
            var document = project.GetDocument(diagnostic.Location.SourceTree)!;
            var actions = new List<CodeAction>();
            await new TFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            return (document, actions.ToImmutableArray());
        }

        [Fact]
        public async Task Token_overload_missing_on_another_framework_is_not_offered()
        {
            var (document, actions) = await ActionsAsync<ForwardCancellationTokenAnalyzer, ForwardCancellationTokenCodeFixProvider>(Create(ReadsWithoutToken, ReferenceSet.Net100, ReferenceSet.NetStandard20));
            Assert.False(document.GetLinkedDocumentIds().IsEmpty);
            Assert.Empty(actions);
        }

        [Fact]
        public async Task Fix_All_keeps_the_fixes_that_bind_on_every_framework_and_drops_the_others()
        {
            var source = ReadsWithoutToken.Replace("return await reader.ReadToEndAsync();", "await Task.Delay(1);\n        return await reader.ReadToEndAsync();", System.StringComparison.Ordinal);
            var solution = Create(source, ReferenceSet.Net100, ReferenceSet.NetStandard20);
            var project = solution.Projects.Single(p => p.Name.Contains(nameof(ReferenceSet.Net100), System.StringComparison.Ordinal));
            var compilation = await project.GetCompilationAsync();
            var diagnostics = await compilation!.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ForwardCancellationTokenAnalyzer())).GetAnalyzerDiagnosticsAsync();
            Assert.Equal(2, diagnostics.Length);
            var document = project.GetDocument(diagnostics[0].Location.SourceTree)!;
            var fix = new ForwardCancellationTokenCodeFixProvider();
            var context = new FixAllContext(document, fix, FixAllScope.Document, "ForwardCancellationTokenCodeFixProvider", fix.FixableDiagnosticIds, new FixedDiagnostics(diagnostics), CancellationToken.None);
            var action = await fix.GetFixAllProvider().GetFixAsync(context);
            var changed = (await action!.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
            var text = (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
            Assert.Contains("await Task.Delay(1, token);", text, System.StringComparison.Ordinal);
            Assert.Contains("return await reader.ReadToEndAsync();", text, System.StringComparison.Ordinal);
        }

        private sealed class FixedDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);
        }

        [Fact]
        public async Task The_same_fix_is_offered_when_the_project_targets_one_framework()
        {
            var (_, actions) = await ActionsAsync<ForwardCancellationTokenAnalyzer, ForwardCancellationTokenCodeFixProvider>(Create(ReadsWithoutToken, ReferenceSet.Net100));
            Assert.Single(actions);
        }

        [Fact]
        public async Task Fix_that_binds_on_every_framework_is_offered_and_applied_to_the_shared_text()
        {
            var (document, actions) = await ActionsAsync<BlockingSleepAnalyzer, BlockingSleepCodeFixProvider>(Create(SleepsWithToken, ReferenceSet.Net100, ReferenceSet.NetStandard20));
            var action = Assert.Single(actions);
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            var text = (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
            Assert.Contains("await Task.Delay(10, token);", text, System.StringComparison.Ordinal);

            // The fixed text compiles on the other framework too.
            var linked = changed.GetDocument(document.GetLinkedDocumentIds().Single())!.WithText(SourceText.From(text));
            var errors = (await linked.GetSemanticModelAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
            Assert.Empty(errors);
        }
    }
}
